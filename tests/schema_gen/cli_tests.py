#!/usr/bin/env python3
"""tests/schema_gen/cli_tests.py — the schema_gen command line: what it exits with and says.

Usage: cli_tests.py <schema_gen> <tests/schema_gen source dir> <chinook data dir>
Prints one line per case and ends with "N passed, M failed".
"""
import os
import subprocess
import sys
import tempfile

exe, src, chinook = sys.argv[1:4]
passed = failed = 0


def run(*args):
    p = subprocess.run([exe, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def case(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}\n{detail}")


with tempfile.TemporaryDirectory() as tmp:
    chinook_sql = os.path.join(chinook, "sqlite", "Chinook_Sqlite.sql")
    checked_in = os.path.join(src, "generated", "chinook_sqlite.hpp")

    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--namespace", "chinook_sqlite",
                       "-o", checked_in, "--check")
    case("--check: the checked-in Chinook header is current", rc == 0 and "is up to date" in err, err)

    stale = os.path.join(tmp, "stale.hpp")
    with open(checked_in) as f:
        text = f.read()
    with open(stale, "w") as f:
        f.write(text.replace("std::string Title;", "std::string Titel;"))
    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--namespace", "chinook_sqlite",
                       "-o", stale, "--check")
    case("--check: a stale header exits 1 and shows the line", rc == 1 and "Titel" in err and "Title" in err, err)

    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--tables", "Album,Artist")
    case("--tables: only those tables, written to stdout",
         rc == 0 and "struct Album {" in out and "struct Artist {" in out and "struct Track" not in out
         and "// Command: schema_gen --from-sql" in out, err)

    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--tables", "Albums")
    case("unknown table: exit 2, names it and lists the tables",
         rc == 2 and "table 'Albums' not found" in err and "Album, Artist" in err, err)

    rc, out, err = run("--url", "sqlite:////nonexistent-dir/none.db")
    case("unreachable database: exit 2 with the reason", rc == 2 and "retort:" in err, err)

    rc, out, err = run("--url", "postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    case("unreachable server: exit 2, the password is not printed", rc == 2 and "secret" not in err and err, err)

    odd = os.path.join(tmp, "odd.sql")
    with open(odd, "w") as f:
        f.write("CREATE TABLE t (id INTEGER PRIMARY KEY, span FOO, \"when\" DATETIME);")
    rc, out, err = run("--from-sql", odd, "--dialect", "sqlite")
    case("unmapped type: exit 2, names the column and the --map that maps it",
         rc == 2 and "column 't.span' (FOO)" in err and "--map 't.span=std::string'" in err and out == "", err)

    rc, out, err = run("--from-sql", odd, "--dialect", "sqlite", "--map", "FOO=std::string", "--map", "t.when=std::string")
    case("--map by type and by column",
         rc == 0 and "std::optional<std::string> span;" in out and "std::optional<std::string> when;" in out
         and "'--map' 'FOO=std::string'" not in out and "--map FOO=std::string" in out, err + out)

    rc, out, err = run("--from-sql", odd, "--dialect", "postgresql")
    case("--from-sql postgresql without a server URL: says what it needs", rc == 2 and "needs --url" in err, err)

    odd_sqlite = os.path.join(src, "sql", "odd_sqlite.sql")
    rc, out, err = run("--from-sql", odd_sqlite, "--dialect", "sqlite", "--views")
    case("--views writes views as structs without keys",
         rc == 0 and "struct BigGroups {" in out and 'retort::table<BigGroups>("big_groups",' in out
         and "Views not written" not in out, err)
    rc, out, err = run("--from-sql", odd_sqlite, "--dialect", "sqlite")
    case("composite foreign key: a NOT DECLARED comment and a warning, exit 0",
         rc == 0 and '// NOT DECLARED: foreign key "shop_region" (country, region_code) -> region(country, code)' in out
         and "warning: table 'shop': foreign key \"shop_region\"" in err, err)

    admin = os.environ.get("RETORT_TEST_PG_ADMIN_URL", "")
    if admin:
        rc, out, err = run("--from-sql", os.path.join(src, "sql", "odd_pg.sql"), "--dialect", "postgresql",
                           "--url", admin, "--namespace", "odd_pg", "-o", os.path.join(src, "generated", "odd_pg.hpp"),
                           "--check")
        left = subprocess.run(["psql", admin, "-Atc",
                               "SELECT count(*) FROM pg_database WHERE datname LIKE 'retort_schema_gen_%'"],
                              capture_output=True, text=True).stdout.strip()
        case("--from-sql postgresql: a temporary database, the checked-in odd_pg.hpp is current, the database is dropped",
             rc == 0 and "is up to date" in err and left == "0", err + " leftover databases: " + left)
    else:
        case("--from-sql postgresql (needs RETORT_TEST_PG_ADMIN_URL: run under scripts/test)", False,
             "RETORT_TEST_PG_ADMIN_URL is not set")

    clash = os.path.join(tmp, "clash.sql")
    with open(clash, "w") as f:
        f.write("CREATE TABLE foo (id INTEGER PRIMARY KEY, Foo TEXT, \"a b\" TEXT, a_b TEXT);"
                "CREATE TABLE bar (id INTEGER PRIMARY KEY, foo_id SMALLINT REFERENCES foo (id));")
    rc, out, err = run("--from-sql", clash, "--dialect", "sqlite")
    case("name clashes: a field named like its struct, two columns with one C++ name; a foreign key between different types",
         rc == 0 and "std::optional<std::string> Foo_2;" in out and "std::optional<std::string> a_b;" in out
         and "std::optional<std::string> a_b_2;" in out and 'retort::column_name<&Foo::a_b>("a b")' in out
         and "NOT DECLARED: foreign key (foo_id) -> foo(id): its column is std::int16_t but the referenced column is std::int64_t" in out,
         out + err)

    rc, out, err = run("--bogus")
    case("unknown argument: exit 2 with usage", rc == 2 and "usage:" in err, err)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
