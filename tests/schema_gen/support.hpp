// tests/schema_gen/support.hpp — what the schema_gen tests share: where the Chinook data
// is, loading it into fresh SQLite / PostgreSQL databases, reading the JSON ground truth.
#pragma once

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include <retort/retort.hpp>

namespace test_support {

inline std::string data_dir() {
    const char* d = std::getenv("RETORT_TEST_DATA");
    if (!d || !*d) throw std::runtime_error("RETORT_TEST_DATA is not set (meson's test_env sets it)");
    return std::string(d) + "/chinook";
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline boost::json::value read_json(const std::string& path) { return boost::json::parse(read_text(path)); }

/// PostgreSQL: the Chinook script without its DROP/CREATE DATABASE and \c preamble.
inline std::string chinook_pg_script() {
    const auto text = read_text(data_dir() + "/pg/Chinook_PostgreSql.sql");
    const auto pos = text.find("\\c chinook;");
    if (pos == std::string::npos) throw std::runtime_error("Chinook_PostgreSql.sql: no \\c chinook; line");
    return text.substr(text.find('\n', pos) + 1);
}

inline std::string pg_admin_url() {
    const char* u = std::getenv("RETORT_TEST_PG_ADMIN_URL");
    if (!u || !*u)
        throw std::runtime_error("RETORT_TEST_PG_ADMIN_URL is not set: run under scripts/test, or "
                                 "`source scripts/pg; pg_start; meson test -C build --suite schema_gen`");
    return u;
}

/// A new, empty PostgreSQL database (dropped first if a previous run left it); its URL.
inline std::string fresh_pg_database(const std::string& name) {
    const std::string admin = pg_admin_url();
    const std::string db = name + "_" + std::to_string(::getpid());
    auto e = retort::create_engine(admin);
    {
        auto conn = e.connect();
        conn.execute_script("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        conn.execute_script("CREATE DATABASE " + db);
    }
    e.dispose();
    const auto slash = admin.rfind('/');
    const auto query = admin.find('?', slash);
    return admin.substr(0, slash) + "/" + db + (query == std::string::npos ? "" : admin.substr(query));
}

/// A new, empty SQLite file in the working directory.
inline std::string fresh_sqlite_file(const std::string& name) {
    const std::filesystem::path p = std::filesystem::current_path() / (name + ".sqlite3");
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    return "sqlite:///" + p.string();
}

}  // namespace test_support
