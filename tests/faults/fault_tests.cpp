// tests/faults/fault_tests.cpp — the engine under real faults, and bad input.
//
// PostgreSQL cases use the throwaway server of scripts/pg (RETORT_TEST_PG_URL ...): they
// kill its backends with pg_terminate_backend, restart it and stop it with pg_ctl, and
// always leave it running. Loops are bounded; every address is 127.0.0.1.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

using retort::c;
using namespace std::chrono_literals;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0')
        throw std::runtime_error(std::string(name) +
                                 " is not set: the fault tests need the server of scripts/pg "
                                 "(`source scripts/pg; pg_start; meson test --suite faults`)");
    return v;
}

std::string pg_url() { return env("RETORT_TEST_PG_URL"); }

/// Runs pg_ctl on the test server: "stop", "start" or "restart".
void pg_ctl(const std::string& action) {
    const std::string runas = std::getenv("RETORT_TEST_PG_RUNAS") ? std::getenv("RETORT_TEST_PG_RUNAS") : "";
    std::string cmd = "cd / && ";
    if (!runas.empty()) cmd += "runuser -u " + runas + " -- ";
    // Appended: "'" + a temporary string is a false -Wrestrict with GCC 12 at -O3 (GCC PR 105329).
    cmd.append("'").append(env("RETORT_TEST_PG_CTL")).append("' -D '").append(env("RETORT_TEST_PG_DATA"));
    cmd.append("' -l '").append(env("RETORT_TEST_PG_LOG")).append("' -w -t 60 -m fast ").append(action);
    cmd.append(" >/dev/null 2>&1");
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("pg_ctl " + action + " failed: " + cmd);
}

/// Starts the server again when a test that stopped it ends early.
struct restart_guard {
    bool stopped = false;
    ~restart_guard() {
        if (stopped) {
            try {
                pg_ctl("start");
            } catch (...) {
            }
        }
    }
};

}  // namespace

struct FaultPid {
    std::int64_t pid;
};
template <>
inline constexpr auto retort::table_of<FaultPid> = retort::table<FaultPid>("fault_pid");

struct FaultAlive {
    std::int64_t pid;
};
template <>
inline constexpr auto retort::table_of<FaultAlive> = retort::table<FaultAlive>("fault_alive");

struct FaultRow {
    std::int64_t id;
    std::string note;
};
template <>
inline constexpr auto retort::table_of<FaultRow> =
    retort::table<FaultRow>("fault_rows", retort::primary_key<&FaultRow::id>);

namespace {

void prepare_schema() {
    auto conn = retort::create_engine(pg_url()).connect();
    conn.execute_script("CREATE OR REPLACE VIEW fault_pid AS SELECT pg_backend_pid()::bigint AS pid");
    conn.execute_script(
        "CREATE OR REPLACE VIEW fault_alive AS SELECT pid::bigint AS pid FROM pg_stat_activity WHERE pid IS NOT NULL");
    retort::drop_all<FaultRow>(conn);
    retort::create_all<FaultRow>(conn);
}

std::int64_t backend_pid(retort::connection& conn) {
    return conn.execute(retort::select<FaultPid>()).one().pid;
}

/// Terminates backend `pid` from a separate connection and waits (bounded) until it is gone.
void kill_backend(std::int64_t pid) {
    auto admin = retort::create_engine(pg_url()).connect();
    admin.execute_script("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    for (int i = 0; i < 1000; ++i) {
        if (admin.execute(retort::select<FaultAlive>().where(c<&FaultAlive::pid> == pid)).all().empty()) return;
        std::this_thread::sleep_for(5ms);
    }
    throw std::runtime_error("backend " + std::to_string(pid) + " did not exit");
}

std::size_t fault_rows(retort::connection& conn) {
    return conn.execute(retort::select<FaultRow>()).all().size();
}

std::string message_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a backend killed while idle in the pool: pre-ping replaces it, the next query succeeds") {
    prepare_schema();
    retort::engine_options o;
    o.pool_pre_ping = true;
    auto engine = retort::create_engine(pg_url(), o);
    std::int64_t pid = 0;
    {
        auto conn = engine.connect();
        pid = backend_pid(conn);
    }
    CHECK(engine.status().idle == 1);
    kill_backend(pid);
    auto conn = engine.connect();  // pre-ping finds it dead and opens another, silently
    CHECK(backend_pid(conn) != pid);
    CHECK(fault_rows(conn) == 0);
    const auto s = engine.status();
    CHECK(s.opened == 2);
    CHECK(s.closed == 1);
}

TEST_CASE("without pre-ping the first use fails with connection_error, and the pool heals") {
    prepare_schema();
    auto engine = retort::create_engine(pg_url());
    std::int64_t pid = 0;
    {
        auto conn = engine.connect();
        pid = backend_pid(conn);
    }
    kill_backend(pid);
    {
        auto conn = engine.connect();
        CHECK_THROWS_AS(backend_pid(conn), retort::connection_error);
    }  // the dead connection is closed at checkin, not pooled
    CHECK(engine.status().idle == 0);
    auto conn = engine.connect();
    CHECK(backend_pid(conn) != pid);
}

TEST_CASE("a backend killed in the middle of a transaction: connection_error, nothing committed, pool heals") {
    prepare_schema();
    auto engine = retort::create_engine(pg_url());
    SUBCASE("killed before the next statement") {
        {
            auto conn = engine.connect();
            auto tx = conn.begin();
            conn.execute(retort::insert(FaultRow{0, "partial"}));
            kill_backend(backend_pid(conn));
            const auto what = message_of([&] { conn.execute(retort::insert(FaultRow{0, "more"})); });
            CHECK(contains(what, "retort:"));
            CHECK_THROWS_AS(conn.execute(retort::insert(FaultRow{0, "more"})), retort::connection_error);
        }
    }
    SUBCASE("killed before COMMIT") {
        {
            auto conn = engine.connect();
            CHECK_THROWS_AS(conn.transaction([&] {
                conn.execute(retort::insert(FaultRow{0, "partial"}));
                kill_backend(backend_pid(conn));
            }),
                            retort::connection_error);
        }
    }
    CHECK(engine.status().in_use == 0);
    auto conn = engine.connect();
    CHECK(fault_rows(conn) == 0);  // nothing partial was committed
    conn.execute(retort::insert(FaultRow{0, "after"}));
    CHECK(fault_rows(conn) == 1);
}

TEST_CASE("the whole server restarted: the engine recovers when it is back") {
    prepare_schema();
    retort::engine_options o;
    o.pool_pre_ping = true;
    o.pool_size = 3;
    auto engine = retort::create_engine(pg_url(), o);
    {
        auto a = engine.connect();
        auto b = engine.connect();
        a.execute(retort::insert(FaultRow{0, "before"}));
    }
    CHECK(engine.status().idle == 2);
    pg_ctl("restart");
    auto conn = engine.connect();
    CHECK(fault_rows(conn) == 1);
    conn.execute(retort::insert(FaultRow{0, "after"}));
    CHECK(fault_rows(conn) == 2);

    SUBCASE("and without pre-ping: one connection_error per stale connection, then it works") {
        auto plain = retort::create_engine(pg_url());
        { auto warm = plain.connect(); backend_pid(warm); }
        pg_ctl("restart");
        {
            auto stale = plain.connect();
            CHECK_THROWS_AS(backend_pid(stale), retort::connection_error);
        }
        auto fresh = plain.connect();
        CHECK(fault_rows(fresh) == 2);
    }
}

TEST_CASE("the server unreachable: checkout fails fast with a clear connection_error, no hang") {
    prepare_schema();
    retort::engine_options o;
    o.pool_pre_ping = true;
    o.pool_timeout = 2s;
    auto engine = retort::create_engine(pg_url(), o);
    { auto warm = engine.connect(); }
    restart_guard guard;
    pg_ctl("stop");
    guard.stopped = true;

    const auto what = message_of([&] { (void)engine.connect(); });
    CHECK(contains(what, "retort: cannot connect to PostgreSQL at 127.0.0.1:"));
    CHECK_FALSE(contains(what, env("RETORT_TEST_PG_URL").substr(20, 10)));  // no password in it
    CHECK_THROWS_AS(engine.connect(), retort::connection_error);
    CHECK_THROWS_AS(retort::create_engine(pg_url()).connect(), retort::connection_error);
    const auto s = engine.status();
    CHECK(s.in_use == 0);
    CHECK(s.idle == 0);  // the dead connection was dropped, no slot leaked

    pg_ctl("start");
    guard.stopped = false;
    auto conn = engine.connect();  // the same engine works again
    CHECK(fault_rows(conn) == 0);
}

TEST_CASE("an exhausted pool fails within pool_timeout with a message that says what to change") {
    retort::engine_options o;
    o.pool_size = 1;
    o.max_overflow = 0;
    o.pool_timeout = 100ms;
    auto engine = retort::create_engine(pg_url(), o);
    auto held = engine.connect();
    const auto what = message_of([&] { (void)engine.connect(); });
    CHECK(contains(what, "no database connection became free within 0.1 s"));
    CHECK(contains(what, "pool_size"));
    CHECK_THROWS_AS(engine.connect(), retort::timeout_error);
}

// ---- bad input: each a typed error whose message says what to fix ----------------------

TEST_CASE("PostgreSQL: wrong password, unknown database, closed port") {
    const auto good = retort::url::parse(pg_url());
    const std::string base = "postgresql://" + good.username;
    const std::string at = "@127.0.0.1:" + std::to_string(good.port.value_or(5432));

    const auto wrong_password = message_of([&] {
        (void)retort::create_engine(base + ":wrong-password" + at + "/" + good.database).connect();
    });
    CHECK(contains(wrong_password, "password authentication failed for user \"" + good.username + "\""));
    CHECK_FALSE(contains(wrong_password, "wrong-password"));
    CHECK_THROWS_AS(retort::create_engine(base + ":wrong-password" + at + "/" + good.database).connect(),
                    retort::connection_error);

    auto with_db = good;
    const auto unknown_db = message_of([&] {
        (void)retort::create_engine(base + ":" + good.password + at + "/no_such_database_here").connect();
    });
    CHECK(contains(unknown_db, "database \"no_such_database_here\" does not exist"));

    const auto closed_port = message_of([&] { (void)retort::create_engine(base + "@127.0.0.1:1/x").connect(); });
    CHECK(contains(closed_port, "cannot connect to PostgreSQL at 127.0.0.1:1/x"));
    CHECK(contains(closed_port, "refused"));
    CHECK_THROWS_AS(retort::create_engine(base + "@127.0.0.1:1/x").connect(), retort::connection_error);
}

struct FaultNote {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<FaultNote> =
    retort::table<FaultNote>("fault_notes", retort::primary_key<&FaultNote::id>);

TEST_CASE("SQLite: a path in a directory that does not exist, a read-only file written to, not a database") {
    const std::filesystem::path dir = RETORT_TEST_SQLITE_DIR;
    const auto missing = message_of(
        [&] { (void)retort::create_engine("sqlite:///" + (dir / "no/such/dir/x.db").string()).connect(); });
    CHECK(contains(missing, "directory '" + (dir / "no/such/dir").string() + "' does not exist"));
    CHECK_THROWS_AS(retort::create_engine("sqlite:///" + (dir / "no/such/dir/x.db").string()).connect(),
                    retort::connection_error);

    const auto file = dir / "fault_readonly.sqlite3";
    std::filesystem::remove(file);
    {
        auto conn = retort::create_engine("sqlite:///" + file.string()).connect();
        retort::create_all<FaultNote>(conn);
        conn.execute(retort::insert(FaultNote{0, "one"}));
    }
    // As root, file permissions do not stop writes: open it read-only through the URL.
    const bool root = ::geteuid() == 0;
    if (!root)
        std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
    const std::string url = "sqlite:///" + file.string() + (root ? "?mode=ro" : "");
    {
        auto conn = retort::create_engine(url).connect();
        CHECK(conn.execute(retort::select<FaultNote>()).all().size() == 1);  // reading works
        const auto what = message_of([&] { conn.execute(retort::insert(FaultNote{0, "two"})); });
        CHECK(contains(what, "read-only"));
        CHECK(contains(what, "writable"));
        CHECK_THROWS_AS(conn.execute(retort::insert(FaultNote{0, "two"})), retort::programming_error);
    }
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    const auto not_db = dir / "fault_not_a_db.sqlite3";
    std::ofstream(not_db) << "this is not a database file, just text that is long enough to have a header\n";
    const auto garbage = message_of([&] { (void)retort::create_engine("sqlite:///" + not_db.string()).connect(); });
    CHECK(contains(garbage, "cannot open SQLite database"));
    CHECK(contains(garbage, "not a database"));
}
