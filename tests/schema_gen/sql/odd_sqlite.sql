-- Names and constraints that are easy to get wrong: spaces, reserved words, mixed case,
-- non-ASCII, a leading digit; AUTOINCREMENT; named and unnamed CHECKs; UNIQUE; a
-- composite primary key; a composite foreign key (which retort cannot declare yet); a
-- partial and an expression index; the value types beyond the basics; a view.
CREATE TABLE "Customer Group" (
  "Group Id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "select" TEXT NOT NULL UNIQUE,
  "Größe" REAL,
  "MixedCase" VARCHAR(40) DEFAULT 'none',
  "2nd" INTEGER NOT NULL DEFAULT 0 CONSTRAINT second_small CHECK ("2nd" < 100), -- a comment (with, commas)
  /* another, with a CHECK (x) in it */
  CONSTRAINT "size positive" CHECK ("Größe" > 0)
);
CREATE TABLE region (
  country CHAR(2) NOT NULL,
  code INTEGER NOT NULL,
  name TEXT NOT NULL,
  starts DATE,
  opens TIME,
  ref UUID,
  meta JSON,
  amount NUMERIC(12,3),
  flag BOOLEAN NOT NULL DEFAULT 0,
  picture BLOB,
  PRIMARY KEY (country, code),
  CHECK (length(country) = 2)
);
CREATE TABLE shop (
  id INTEGER PRIMARY KEY,
  group_id INTEGER REFERENCES "Customer Group" ("Group Id") ON DELETE CASCADE,
  country CHAR(2),
  region_code INTEGER,
  CONSTRAINT shop_region FOREIGN KEY (country, region_code) REFERENCES region (country, code)
);
CREATE INDEX shop_partial ON shop (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX shop_expr ON shop (lower(country));
CREATE UNIQUE INDEX shop_country_code ON shop (country, region_code);
CREATE INDEX region_name_desc ON region (name DESC);
CREATE VIEW big_groups AS SELECT "Group Id", "select" FROM "Customer Group" WHERE "Größe" > 10;
