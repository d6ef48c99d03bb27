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
