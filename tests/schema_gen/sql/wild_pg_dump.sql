-- tests/schema_gen/sql/wild_pg_dump.sql — wild_pg.sql as pg_dump 15 writes it (it empties search_path,
-- so every name is schema-qualified): pg_dump --schema-only --no-owner --no-privileges URL

--
-- PostgreSQL database dump
--

\restrict KH2hcFknXviRP9QVhpsl7lBDq34NeFJFcOQMuVfCZPc77dh2kuZ89xTLA9utCQ3

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: rating_kind; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.rating_kind AS ENUM (
    'G',
    'PG',
    'PG-13',
    'R',
    'NC-17'
);


--
-- Name: film_touch(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.film_touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.last_update := now();
    RETURN NEW;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: dept; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dept (
    dept_id integer NOT NULL,
    name text NOT NULL,
    manager_id integer
);


--
-- Name: employee; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.employee (
    emp_id integer NOT NULL,
    name text NOT NULL,
    dept_id integer NOT NULL
);


--
-- Name: film; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.film (
    film_id integer NOT NULL,
    title character varying(255) NOT NULL,
    rating public.rating_kind DEFAULT 'G'::public.rating_kind,
    rental_duration interval DEFAULT '3 days'::interval NOT NULL,
    fulltext tsvector NOT NULL,
    language_code character(3) DEFAULT 'en '::bpchar NOT NULL,
    ticket bigint NOT NULL,
    last_update timestamp without time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE film; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.film IS 'A film in the catalogue';


--
-- Name: COLUMN film.rating; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.film.rating IS 'MPAA rating';


--
-- Name: film_film_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.film_film_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: film_film_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.film_film_id_seq OWNED BY public.film.film_id;


--
-- Name: film_ticket_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.film ALTER COLUMN ticket ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.film_ticket_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: invoice; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invoice (
    invoice_id integer NOT NULL,
    number bigint NOT NULL
);


--
-- Name: invoice_number_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.invoice_number_seq
    START WITH 1000
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: invoice_number_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.invoice_number_seq OWNED BY public.invoice.number;


--
-- Name: note; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.note (
    note_id integer NOT NULL,
    body text NOT NULL
);


--
-- Name: rental; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rental (
    rental_id bigint NOT NULL,
    rented_on date NOT NULL,
    film_id integer NOT NULL
)
PARTITION BY RANGE (rented_on);


--
-- Name: rental_2026_01; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rental_2026_01 (
    rental_id bigint NOT NULL,
    rented_on date NOT NULL,
    film_id integer NOT NULL
);


--
-- Name: rental_rest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rental_rest (
    rental_id bigint NOT NULL,
    rented_on date NOT NULL,
    film_id integer NOT NULL
);


--
-- Name: staff_note; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_note (
    author text NOT NULL
)
INHERITS (public.note);


--
-- Name: ticket_counter; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ticket_counter
    AS integer
    START WITH 7
    INCREMENT BY 1
    NO MINVALUE
    MAXVALUE 100
    CACHE 1
    CYCLE;


--
-- Name: rental_2026_01; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental ATTACH PARTITION public.rental_2026_01 FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');


--
-- Name: rental_rest; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental ATTACH PARTITION public.rental_rest DEFAULT;


--
-- Name: film film_id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film ALTER COLUMN film_id SET DEFAULT nextval('public.film_film_id_seq'::regclass);


--
-- Name: invoice number; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice ALTER COLUMN number SET DEFAULT nextval('public.invoice_number_seq'::regclass);


--
-- Name: dept dept_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dept
    ADD CONSTRAINT dept_pkey PRIMARY KEY (dept_id);


--
-- Name: employee employee_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.employee
    ADD CONSTRAINT employee_pkey PRIMARY KEY (emp_id);


--
-- Name: film film_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.film
    ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);


--
-- Name: invoice invoice_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice
    ADD CONSTRAINT invoice_pkey PRIMARY KEY (invoice_id);


--
-- Name: note note_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note
    ADD CONSTRAINT note_pkey PRIMARY KEY (note_id);


--
-- Name: rental rental_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_pkey PRIMARY KEY (rental_id, rented_on);


--
-- Name: rental_2026_01 rental_2026_01_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental_2026_01
    ADD CONSTRAINT rental_2026_01_pkey PRIMARY KEY (rental_id, rented_on);


--
-- Name: rental_rest rental_rest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rental_rest
    ADD CONSTRAINT rental_rest_pkey PRIMARY KEY (rental_id, rented_on);


--
-- Name: film_fulltext_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX film_fulltext_idx ON public.film USING gin (fulltext);


--
-- Name: rental_2026_01_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.rental_pkey ATTACH PARTITION public.rental_2026_01_pkey;


--
-- Name: rental_rest_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.rental_pkey ATTACH PARTITION public.rental_rest_pkey;


--
-- Name: film film_last_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER film_last_update BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.film_touch();


--
-- Name: dept dept_manager_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dept
    ADD CONSTRAINT dept_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES public.employee(emp_id);


--
-- Name: employee employee_dept_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.employee
    ADD CONSTRAINT employee_dept_id_fkey FOREIGN KEY (dept_id) REFERENCES public.dept(dept_id);


--
-- Name: rental rental_film_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.rental
    ADD CONSTRAINT rental_film_id_fkey FOREIGN KEY (film_id) REFERENCES public.film(film_id);


--
-- PostgreSQL database dump complete
--

\unrestrict KH2hcFknXviRP9QVhpsl7lBDq34NeFJFcOQMuVfCZPc77dh2kuZ89xTLA9utCQ3

