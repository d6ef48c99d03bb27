#!/usr/bin/env python3
"""tests/schema_gen/cli_tests.py — the schema_gen command line: what it exits with and says.

Usage: cli_tests.py <schema_gen> <tests/schema_gen source dir> <chinook data dir>
Prints one line per case and ends with "N passed, M failed".
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

exe, src, chinook = sys.argv[1:4]
passed = failed = 0


def run(*args, env=None):
    p = subprocess.run([os.path.abspath(exe), *args], capture_output=True, text=True, env=env)
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

    rc, out, err = run("--help")
    case("--help: exit 0, usage, every option and the exit codes on stdout",
         rc == 0 and err == "" and out.startswith("schema_gen") and "usage:" in out
         and all(o in out for o in ["--url", "--from-sql", "--dialect", "--schema", "--tables", "--namespace", "--map",
                                    "--views", "-o FILE", "--check", "--diagram", "--version"])
         and all(re.search(rf"^  {code}  ", out, re.M) for code in "0123"), out + err)

    rc, out, err = run("--version")
    case("--version: exit 0, the version and the client libraries",
         rc == 0 and re.match(r"schema_gen \(retort\) \d+\.\d+\.\d+\n", out) and "SQLite 3." in out
         and "libpq " in out, out + err)

    # --diagram on Chinook: an SVG that parses and names every table, one edge per foreign key.
    tables = re.findall(r'retort::table<[^>]*>\("([^"]+)"', text)
    fks = text.count("retort::foreign_key<")
    svg = os.path.join(tmp, "chinook.svg")
    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--diagram", svg)
    ok = rc == 0 and out == "" and os.path.exists(svg)
    detail = err
    if ok:
        root = ET.parse(svg).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        nodes = {g.findtext(ns + "title") for g in root.iter(ns + "g") if g.get("class") == "node"}
        edges = [g for g in root.iter(ns + "g") if g.get("class") == "edge"]
        words = {t.text for t in root.iter(ns + "text")}
        missing = [t for t in tables if t not in nodes or t not in words]
        ok = len(tables) == 11 and not missing and len(edges) == fks == 11 and {"PK", "FK"} <= words \
            and "InvoiceLineId" in words and "NVARCHAR(160)" in words
        detail = f"tables {tables}, missing {missing}, edges {len(edges)} (foreign keys {fks})"
    case("--diagram FILE.svg: Chinook's SVG parses, names all 11 tables, PK/FK marks, one edge per foreign key",
         ok, detail)

    empty_path = os.path.join(tmp, "empty-path")
    os.mkdir(empty_path)
    no_dot = dict(os.environ, PATH=empty_path)
    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--diagram", os.path.join(tmp, "x.svg"),
                       env=no_dot)
    case("--diagram without Graphviz in PATH: exit 3, says what to install",
         rc == 3 and "dot" in err and "apt-get install graphviz" in err and not os.path.exists(os.path.join(tmp, "x.svg")),
         err)

    dot_file = os.path.join(tmp, "chinook.dot")
    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--tables", "Album,Track", "--diagram",
                       dot_file, env=no_dot)
    dot_text = open(dot_file).read() if os.path.exists(dot_file) else ""
    case("--diagram FILE.dot: dot's text without Graphviz; a key to a table left out is a dashed box",
         rc == 0 and dot_text.startswith("digraph schema {") and '"Album" [label=<' in dot_text
         and '"Artist" [shape=box, style=dashed' in dot_text and '"Genre" [shape=box, style=dashed' in dot_text,
         err + dot_text[:400])

    odd_svg = os.path.join(tmp, "odd.svg")
    rc, out, err = run("--from-sql", odd_sqlite, "--dialect", "sqlite", "--views", "--diagram", odd_svg)
    ok, detail = rc == 0, err
    if ok:
        root = ET.parse(odd_svg).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        nodes = {g.findtext(ns + "title") for g in root.iter(ns + "g") if g.get("class") == "node"}
        words = [t.text or "" for t in root.iter(ns + "text")]
        ok = {"Customer Group", "shop", "region", "big_groups"} <= nodes and "Größe" in words \
            and "ON DELETE CASCADE" in words and any("(country, region_code)" in w for w in words)
        detail = f"nodes {nodes}\ntexts {words}"
    case("--diagram on odd names: spaces, non-ASCII, a view, a composite key and an ON DELETE action survive",
         ok, detail)

    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--diagram", os.path.join(tmp, "noext"))
    case("--diagram without an extension: exit 2, names the formats", rc == 2 and ".svg" in err, err)

    both_hpp = os.path.join(tmp, "both.hpp")
    rc, out, err = run("--from-sql", chinook_sql, "--dialect", "sqlite", "--diagram", os.path.join(tmp, "both.svg"),
                       "-o", both_hpp)
    case("--diagram with -o: the header too", rc == 0 and os.path.exists(both_hpp)
         and os.path.exists(os.path.join(tmp, "both.svg")), err)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
