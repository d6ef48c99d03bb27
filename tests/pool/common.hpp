// tests/pool/common.hpp — which database the pool / fault tests run on.
//
// Built twice like the integration tests:
//   -DRETORT_TEST_SQLITE -DRETORT_TEST_SQLITE_DIR="..."   SQLite files (WAL) in the build directory
//   -DRETORT_TEST_POSTGRESQL                              the server in $RETORT_TEST_PG_URL
#pragma once

#include <retort/retort.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#if defined(RETORT_TEST_SQLITE)
constexpr retort::dialect_id test_dialect = retort::dialect_id::sqlite;

/// A fresh SQLite file per name (deleted with its journals on first use), in WAL mode.
inline std::string test_url(const std::string& name = "pool", const std::string& extra = "") {
    const std::filesystem::path file = std::filesystem::path(RETORT_TEST_SQLITE_DIR) / (name + ".sqlite3");
    static std::string cleaned;
    if (cleaned.find("|" + name + "|") == std::string::npos) {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
        cleaned += "|" + name + "|";
    }
    return "sqlite:///" + file.string() + "?journal_mode=wal&busy_timeout=30000" + extra;
}
#elif defined(RETORT_TEST_POSTGRESQL)
constexpr retort::dialect_id test_dialect = retort::dialect_id::postgresql;

inline std::string env_or_throw(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0')
        throw std::runtime_error(std::string(name) +
                                 " is not set: these tests need the server of scripts/pg "
                                 "(`source scripts/pg; pg_start; meson test ...`)");
    return v;
}

inline std::string test_url(const std::string& = "pool", const std::string& extra = "") {
    std::string u = env_or_throw("RETORT_TEST_PG_URL");
    if (!extra.empty()) u += (u.find('?') == std::string::npos ? "?" : "&") + extra.substr(1);
    return u;
}
#else
#error "build with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

constexpr bool on_sqlite = test_dialect == retort::dialect_id::sqlite;
constexpr bool on_postgresql = !on_sqlite;
