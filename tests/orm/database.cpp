// tests/orm/database.cpp — which database the ORM suite runs on: built once per executable,
// with -DRETORT_TEST_SQLITE (a fresh file in the build directory) or -DRETORT_TEST_POSTGRESQL
// (the server in $RETORT_TEST_PG_URL, which scripts/pg's pg_start exports).
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

std::string test_url();

#if defined(RETORT_TEST_SQLITE)

/// A SQLite file in WAL mode (checks read while a session's transaction is open), deleted
/// with its journals before first use.
std::string test_url() {
    static const std::string url = [] {
        const std::filesystem::path file = RETORT_TEST_SQLITE_FILE;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix);
        return "sqlite:///" + file.string() + "?journal_mode=wal";
    }();
    return url;
}

#elif defined(RETORT_TEST_POSTGRESQL)

std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL ORM tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite orm; pg_stop`");
    return url;
}

#else
#error "build tests/orm/database.cpp with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif
