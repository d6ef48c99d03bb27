-- tests/schema_gen/sql/wild_pg.sql — what real PostgreSQL schemas use (issue: schemas from
-- the wild): an enum with a default, serial keys, interval, tsvector, char(n), an identity
-- column outside the key, cyclic foreign keys, comments, a trigger. wild_pg_dump.sql is
-- this schema as pg_dump writes it (pg_dump --schema-only --no-owner --no-privileges).
CREATE TYPE rating_kind AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');

CREATE TABLE film (
    film_id serial PRIMARY KEY,
    title varchar(255) NOT NULL,
    rating rating_kind DEFAULT 'G',
    rental_duration interval NOT NULL DEFAULT '3 days',
    fulltext tsvector NOT NULL,
    language_code char(3) NOT NULL DEFAULT 'en ',
    ticket bigint GENERATED ALWAYS AS IDENTITY,
    last_update timestamp NOT NULL DEFAULT now()
);
CREATE INDEX film_fulltext_idx ON film USING gin (fulltext);
COMMENT ON TABLE film IS 'A film in the catalogue';
COMMENT ON COLUMN film.rating IS 'MPAA rating';

CREATE FUNCTION film_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_update := now();
    RETURN NEW;
END $$;
CREATE TRIGGER film_last_update BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION film_touch();

-- A department has a manager, an employee works in a department: a cycle.
CREATE TABLE dept (
    dept_id integer PRIMARY KEY,
    name text NOT NULL,
    manager_id integer
);
CREATE TABLE employee (
    emp_id integer PRIMARY KEY,
    name text NOT NULL,
    dept_id integer NOT NULL REFERENCES dept (dept_id)
);
ALTER TABLE dept ADD CONSTRAINT dept_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES employee (emp_id);

-- Range partitioning: the parent is the table; its partitions are not tables of their own.
CREATE TABLE rental (
    rental_id bigint NOT NULL,
    rented_on date NOT NULL,
    film_id integer NOT NULL REFERENCES film (film_id),
    PRIMARY KEY (rental_id, rented_on)
) PARTITION BY RANGE (rented_on);
CREATE TABLE rental_2026_01 PARTITION OF rental FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE rental_rest PARTITION OF rental DEFAULT;

-- Inheritance: a child with its own column besides the parent's.
CREATE TABLE note (
    note_id integer PRIMARY KEY,
    body text NOT NULL
);
CREATE TABLE staff_note (
    author text NOT NULL
) INHERITS (note);

-- Sequences: one a column uses but does not own with other settings, one nothing uses.
CREATE SEQUENCE invoice_number_seq START 1000 INCREMENT 10;
CREATE TABLE invoice (
    invoice_id integer PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_number_seq')
);
ALTER SEQUENCE invoice_number_seq OWNED BY invoice.number;
CREATE SEQUENCE ticket_counter AS integer START 7 CYCLE MAXVALUE 100;
