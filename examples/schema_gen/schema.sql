-- examples/schema_gen/schema.sql — the schema this example's models are generated from,
-- at build time (see meson.build). Change it, rebuild: the header follows, and any
-- query that no longer fits the schema stops compiling.
CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  name VARCHAR(120) NOT NULL UNIQUE,
  born DATE
);
CREATE TABLE book (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  price NUMERIC(8,2) NOT NULL,
  published DATETIME,
  CONSTRAINT price_positive CHECK (price > 0)
);
CREATE INDEX book_author ON book (author_id);
