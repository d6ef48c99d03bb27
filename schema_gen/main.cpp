// schema_gen — C++ models from an existing SQLite or PostgreSQL database.
//
//   schema_gen --url URL [--schema NAME] [--tables a,b] [--namespace ns] [--map K=T]... [--views] -o models.hpp
//   schema_gen --from-sql FILE --dialect sqlite|postgresql [--url ADMIN_URL] ... -o models.hpp
//   schema_gen ... -o models.hpp --check      exit 1 (and say what differs) when models.hpp is not current
//   schema_gen --url URL --diagram schema.svg  an entity-relationship diagram (Graphviz dot)
//   schema_gen --help | --version
//
// See docs/schema_gen.md.
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <retort/engine/error.hpp>
#include <retort/engine/url.hpp>

#include "diagram.hpp"
#include "generator.hpp"

#ifndef RETORT_VERSION
#define RETORT_VERSION "unknown"
#endif

namespace {

const char* usage =
    "usage: schema_gen --url URL [options] -o models.hpp\n"
    "       schema_gen --from-sql FILE --dialect sqlite|postgresql [--url SERVER_URL] [options] -o models.hpp\n"
    "       schema_gen (--url URL | --from-sql FILE ...) --diagram schema.svg\n"
    "       schema_gen --help | --version\n"
    "options:\n"
    "  --schema NAME       PostgreSQL schema to read (repeatable; default public)\n"
    "  --tables a,b        only these tables\n"
    "  --namespace ns      put the structs in namespace ns\n"
    "  --map KEY=TYPE      map a database type (KEY = type name) or a column (KEY = table.column) to a C++ type\n"
    "  --views             also write structs (and diagram boxes) for views\n"
    "  -o FILE             the header to write (default: standard output, unless --diagram is given)\n"
    "  --check             do not write: compare FILE with what would be written; exit 1 when it differs\n"
    "  --diagram FILE      draw the tables, their columns and keys, and the foreign keys between them with\n"
    "                      Graphviz's dot; the extension names the format (.svg, .png, .pdf; .dot writes\n"
    "                      dot's text and needs no Graphviz)\n"
    "  -h, --help          this text\n"
    "  --version           schema_gen's version and the client libraries it uses\n"
    "exit status:\n"
    "  0  written (or, with --check, up to date)\n"
    "  1  --check: the header is stale (the differing lines are printed)\n"
    "  2  an error: a bad argument, an unreachable database, an unknown table or schema, a column\n"
    "     without a type mapping, a file that cannot be read or written\n"
    "  3  --diagram: Graphviz's dot is not installed or failed\n";

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, sep))
        if (!item.empty()) out.push_back(item);
    return out;
}

/// The command line for the banner: program name without its directory, the password of a URL hidden.
std::string banner_command(int argc, char** argv) {
    std::string out = "schema_gen";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i > 1 && std::strcmp(argv[i - 1], "--url") == 0) {
            try {
                const auto u = retort::url::parse(a);
                if (!u.password.empty()) {
                    const auto at = a.find('@');
                    const auto colon = a.find(':', a.find("://") + 3);
                    if (at != std::string::npos && colon < at) a = a.substr(0, colon + 1) + "***" + a.substr(at);
                }
            } catch (...) {
            }
        }
        const bool plain = a.find_first_of(" '\"\\$`") == std::string::npos && !a.empty();
        // Appended piece by piece: " " + (a temporary) is a false -Wrestrict with GCC 12 at -O3 (GCC PR 105329).
        out += ' ';
        if (plain) {
            out += a;
        } else {
            out += '\'';
            out += a;
            out += '\'';
        }
    }
    return out;
}

/// The header without its "// Command:" line (which names paths and ports that vary).
std::string without_command_line(const std::string& h) {
    std::string out;
    std::istringstream in(h);
    std::string line;
    while (std::getline(in, line))
        if (!line.starts_with("// Command: ")) out += line + "\n";
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string url, from_sql, dialect, output, diagram;
    bool check = false;
    retort::inspect_options io;
    retort::schema_gen::generate_options go;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw retort::argument_error("schema_gen: " + a + " needs a value");
                return argv[++i];
            };
            if (a == "--url") url = value();
            else if (a == "--from-sql") from_sql = value();
            else if (a == "--dialect") dialect = value();
            else if (a == "--schema") io.schemas.push_back(value());
            else if (a == "--tables") for (auto& t : split(value(), ',')) io.tables.push_back(t);
            else if (a == "--namespace") go.ns = value();
            else if (a == "--map") io.map.add(value());
            else if (a == "--views") go.views = true;
            else if (a == "-o" || a == "--output") output = value();
            else if (a == "--check") check = true;
            else if (a == "--diagram") diagram = value();
            else if (a == "-h" || a == "--help") {
                std::cout << "schema_gen — C++ models (and an entity-relationship diagram) from an existing SQLite "
                             "or PostgreSQL database\n\n"
                          << usage << "\nSee docs/schema_gen.md.\n";
                return 0;
            } else if (a == "--version") {
                const int pq = PQlibVersion();
                std::cout << "schema_gen (retort) " RETORT_VERSION "\n"
                          << "SQLite " << sqlite3_libversion() << ", libpq " << pq / 10000 << "." << pq % 10000 << "\n";
                return 0;
            } else {
                throw retort::argument_error("schema_gen: unknown argument '" + a + "'\n" + usage);
            }
        }
        if (url.empty() && from_sql.empty()) throw retort::argument_error(std::string("schema_gen: give --url or --from-sql\n") + usage);
        if (check && output.empty()) throw retort::argument_error("schema_gen: --check needs -o FILE (the header to compare)");
        go.command = banner_command(argc, argv);
        go.map = io.map;

        retort::catalog cat;
        if (!from_sql.empty()) {
            if (dialect != "sqlite" && dialect != "postgresql")
                throw retort::argument_error("schema_gen: --from-sql needs --dialect sqlite or --dialect postgresql");
            const auto d = dialect == "sqlite" ? retort::dialect_id::sqlite : retort::dialect_id::postgresql;
            cat = retort::schema_gen::inspect_sql_file(from_sql, d, url, io);
            const auto slash = from_sql.find_last_of('/');
            go.source = (d == retort::dialect_id::sqlite ? "SQLite DDL in " : "PostgreSQL DDL in ") +
                        (slash == std::string::npos ? from_sql : from_sql.substr(slash + 1));
        } else {
            auto engine = retort::create_engine(url);
            cat = retort::inspect(engine, io);
            go.source = cat.dialect == retort::dialect_id::sqlite
                            ? std::string("a SQLite database")
                            : "PostgreSQL schema " + (cat.schemas.empty() ? std::string("public") : cat.schemas[0]);
        }
        if (!diagram.empty()) {
            retort::schema_gen::write_diagram(retort::schema_gen::to_dot(cat, {.title = {}, .views = go.views}), diagram);
            if (output.empty()) return 0;  // the diagram only
        }
        const auto result = retort::schema_gen::generate(cat, go);
        for (const auto& w : result.warnings) std::cerr << "schema_gen: warning: " << w << "\n";

        if (check) {
            std::ifstream in(output, std::ios::binary);
            if (!in) {
                std::cerr << "schema_gen: --check: " << output << " does not exist\n";
                return 1;
            }
            std::ostringstream s;
            s << in.rdbuf();
            const auto have = without_command_line(s.str());
            const auto want = without_command_line(result.header);
            if (have == want) {
                std::cerr << "schema_gen: " << output << " is up to date\n";
                return 0;
            }
            // Say where: the first differing lines.
            std::istringstream a(have), b(want);
            std::string la, lb;
            int line = 0, shown = 0;
            std::cerr << "schema_gen: " << output << " is not what the database gives now:\n";
            while (shown < 10) {
                const bool ga = static_cast<bool>(std::getline(a, la));
                const bool gb = static_cast<bool>(std::getline(b, lb));
                if (!ga && !gb) break;
                ++line;
                if (!ga) la = "(end of file)";
                if (!gb) lb = "(end of file)";
                if (la != lb) {
                    std::cerr << "  line " << line << ":\n    file:     " << la << "\n    database: " << lb << "\n";
                    ++shown;
                }
            }
            return 1;
        }
        if (output.empty()) {
            std::cout << result.header;
        } else {
            std::ofstream out(output, std::ios::binary);
            out << result.header;
            if (!out) throw retort::argument_error("schema_gen: cannot write " + output);
        }
        return 0;
    } catch (const retort::schema_gen::graphviz_error& e) {
        std::cerr << e.what() << "\n";
        return 3;
    } catch (const retort::error& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "schema_gen: " << e.what() << "\n";
        return 2;
    }
}
