-- tests/schema_gen/sql/wild_sqlite.sql — what real SQLite schemas use (issue: schemas from
-- the wild): cyclic foreign keys, CHAR(n), a CHECK (... IN (...)) enum, a trigger, a view
-- with computed columns.
CREATE TABLE dept (
    dept_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    manager_id INTEGER REFERENCES employee (emp_id)
);
CREATE TABLE employee (
    emp_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country CHAR(2) NOT NULL DEFAULT 'FR',
    rating TEXT NOT NULL DEFAULT 'G' CHECK (rating IN ('G', 'PG', 'R')),
    dept_id INTEGER NOT NULL REFERENCES dept (dept_id),
    updated DATETIME
);
CREATE TRIGGER employee_touch AFTER UPDATE ON employee
BEGIN
    UPDATE employee SET updated = CURRENT_TIMESTAMP WHERE emp_id = NEW.emp_id;
END;
CREATE VIEW dept_size AS
    SELECT d.dept_id, d.name, count(e.emp_id) AS people, max(e.updated) AS last_change,
           d.name || ' (' || count(e.emp_id) || ')' AS label
    FROM dept d LEFT JOIN employee e ON e.dept_id = d.dept_id GROUP BY d.dept_id;
