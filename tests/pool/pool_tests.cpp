// tests/pool/pool_tests.cpp — pool knobs, status, transactions and savepoints, the
// bounded statement cache, execute_many, streaming and events, on a real database.
// No timed assertions: waits use pool_timeout only to turn a would-be hang into an error.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common.hpp"

using retort::c;
using namespace std::chrono_literals;

struct PoolItem {
    std::int64_t id;
    std::string name;
    double score;
};
template <>
inline constexpr auto retort::table_of<PoolItem> =
    retort::table<PoolItem>("pool_items", retort::primary_key<&PoolItem::id>);

struct PoolOther {
    std::int64_t id;
    std::string label;
};
template <>
inline constexpr auto retort::table_of<PoolOther> =
    retort::table<PoolOther>("pool_others", retort::primary_key<&PoolOther::id>, retort::assigned_key);

struct PoolOdd {
    std::int64_t id;
    std::string text;
    std::optional<std::string> note;
    retort::blob data;
    std::optional<std::int64_t> n;
};
template <>
inline constexpr auto retort::table_of<PoolOdd> = retort::table<PoolOdd>("pool_odd", retort::primary_key<&PoolOdd::id>);

namespace {

void reset_items(retort::connection& conn) {
    retort::drop_all<PoolItem, PoolOther>(conn);
    retort::create_all<PoolItem, PoolOther>(conn);
}

std::size_t item_count(retort::connection& conn) {
    return conn.execute(retort::select(c<&PoolItem::id>)).all().size();
}

std::string names(retort::connection& conn) {
    std::string out;
    for (const auto& [name] : conn.execute(retort::select(c<&PoolItem::name>).order_by(c<&PoolItem::id>)))
        out += (out.empty() ? "" : ",") + name;
    return out;
}

retort::engine_options small_pool(std::size_t size, std::size_t overflow) {
    retort::engine_options o;
    o.pool_size = size;
    o.max_overflow = overflow;
    o.pool_timeout = 200ms;
    return o;
}

}  // namespace

TEST_CASE("pool_size + max_overflow connections, then timeout_error; status() counts them") {
    auto engine = retort::create_engine(test_url(), small_pool(2, 1));
    auto s = engine.status();
    CHECK(s.in_use == 0);
    CHECK(s.idle == 0);
    {
        auto a = engine.connect();
        auto b = engine.connect();
        CHECK(engine.status().overflow == 0);
        auto extra = engine.connect();
        s = engine.status();
        CHECK(s.in_use == 3);
        CHECK(s.overflow == 1);
        try {
            (void)engine.connect();
            FAIL("a fourth connection was handed out");
        } catch (const retort::timeout_error& e) {
            const std::string what = e.what();
            CHECK(what.find("pool_size=2") != std::string::npos);
            CHECK(what.find("max_overflow=1") != std::string::npos);
        }
        CHECK(engine.status().waiters == 0);
    }
    s = engine.status();
    CHECK(s.in_use == 0);
    CHECK(s.idle == 2);  // the overflow connection was closed when it came back
    CHECK(s.overflow == 0);
    CHECK(s.opened == 3);
    CHECK(s.closed == 1);
    CHECK(s.to_string().find("in_use=0") != std::string::npos);
}

TEST_CASE("a waiting connect() is served by a checkin from another thread") {
    auto o = small_pool(1, 0);
    o.pool_timeout = 60s;  // only to turn a bug into a failure instead of a hang
    auto engine = retort::create_engine(test_url(), o);
    auto held = engine.connect();
    const void* first = &held.raw();
    std::atomic<bool> got{false};
    std::thread t([&] {
        auto conn = engine.connect();
        got = (&conn.raw() == first);
    });
    while (engine.status().waiters == 0) std::this_thread::sleep_for(1ms);
    { auto done = std::move(held); }  // checkin wakes the waiter
    t.join();
    CHECK(got);
    CHECK(engine.status().in_use == 0);
}

TEST_CASE("LIFO hands out the most recently returned connection; FIFO the oldest") {
    for (bool lifo : {true, false}) {
        auto o = small_pool(3, 0);
        o.pool_lifo = lifo;
        auto engine = retort::create_engine(test_url(), o);
        const void* first_returned = nullptr;
        const void* last_returned = nullptr;
        {
            auto a = engine.connect();
            auto b = engine.connect();
            first_returned = &a.raw();
            last_returned = &b.raw();
            { auto gone = std::move(a); }
        }  // b returned last
        auto again = engine.connect();
        CHECK(&again.raw() == (lifo ? last_returned : first_returned));
    }
}

TEST_CASE("dispose() closes idle connections and those in use when they return") {
    auto engine = retort::create_engine(test_url(), small_pool(3, 0));
    {
        auto a = engine.connect();
        reset_items(a);
        { auto b = engine.connect(); }
        CHECK(engine.status().idle == 1);
        engine.dispose();
        CHECK(engine.status().idle == 0);
        CHECK(engine.status().in_use == 1);
        CHECK(a.execute(retort::select(c<&PoolItem::id>).limit(1)).all().size() <= 1);  // still usable
    }
    CHECK(engine.status().idle == 0);  // closed on return, not pooled
    CHECK(engine.status().closed == 2);
    auto fresh = engine.connect();  // and the engine still works
    CHECK(engine.status().opened == 3);
}

TEST_CASE("pool_recycle replaces old connections at checkout") {
    auto o = small_pool(1, 0);
    o.pool_recycle = 1ms;
    auto engine = retort::create_engine(test_url(), o);
    { auto a = engine.connect(); }
    std::this_thread::sleep_for(5ms);
    auto b = engine.connect();
    const auto s = engine.status();
    CHECK(s.opened == 2);
    CHECK(s.closed == 1);
    CHECK(s.in_use == 1);
}

TEST_CASE("pool options from the URL query; unknown or malformed ones are argument_errors") {
    auto engine = retort::create_engine(
        test_url("pool", "&pool_size=3&max_overflow=0&pool_timeout=0.25&pool_pre_ping=true&pool_lifo=false"
                         "&statement_cache_size=7&pool_recycle=3600"));
    const auto& o = engine.options();
    CHECK(o.pool_size == 3);
    CHECK(o.max_overflow == 0);
    CHECK(o.pool_timeout == 250ms);
    CHECK(o.pool_pre_ping);
    CHECK_FALSE(o.pool_lifo);
    CHECK(o.statement_cache_size == 7);
    CHECK(o.pool_recycle == 3600s);
    CHECK(engine.status().pool_size == 3);
    { auto conn = engine.connect(); }  // the driver did not see the engine's options

    CHECK_THROWS_AS(retort::create_engine(test_url("pool", "&pool_size=many")), retort::argument_error);
    CHECK_THROWS_AS(retort::create_engine(test_url("pool", "&pool_size=0")), retort::argument_error);
    CHECK_THROWS_AS(retort::create_engine(test_url("pool", "&pool_pre_ping=maybe")), retort::argument_error);
    CHECK_THROWS_AS(retort::create_engine(test_url("pool", "&pool_timeout=-1")), retort::argument_error);
    CHECK_THROWS_AS(retort::create_engine(test_url("pool", "&no_such_option=1")), retort::argument_error);
}

TEST_CASE("a connection returned inside a transaction is rolled back before reuse") {
    auto engine = retort::create_engine(test_url(), small_pool(1, 0));
    {
        auto conn = engine.connect();
        reset_items(conn);
        auto tx = conn.begin();
        conn.execute(retort::insert(PoolItem{0, "lost", 1}));
        tx.commit();
        conn.execute_script("BEGIN");
        conn.execute(retort::insert(PoolItem{0, "pending", 2}));
    }
    auto conn = engine.connect();
    CHECK_FALSE(conn.in_transaction());
    CHECK(names(conn) == "lost");
}

TEST_CASE("savepoints: begin_nested() rolls back only its part, nests, and releases on commit") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    reset_items(conn);

    CHECK_THROWS_AS(conn.begin_nested(), retort::programming_error);  // no transaction
    {
        auto tx = conn.begin();
        conn.execute(retort::insert(PoolItem{0, "a", 1}));
        {
            auto sp = conn.begin_nested();
            conn.execute(retort::insert(PoolItem{0, "b", 2}));
            {
                auto inner = conn.begin_nested();
                conn.execute(retort::insert(PoolItem{0, "c", 3}));
                inner.commit();
            }
            sp.rollback();  // b and c go
        }
        {
            auto sp = conn.begin_nested();
            conn.execute(retort::insert(PoolItem{0, "d", 4}));
            sp.commit();
        }
        {
            auto sp = conn.begin_nested();
            conn.execute(retort::insert(PoolItem{0, "e", 5}));
        }  // destroyed uncommitted: rolled back
        tx.commit();
    }
    CHECK(names(conn) == "a,d");

    SUBCASE("a savepoint recovers from a failed statement (PostgreSQL aborts the transaction otherwise)") {
        auto tx = conn.begin();
        {
            auto sp = conn.begin_nested();
            conn.execute(retort::insert(PoolOther{1, "one"}));
            CHECK_THROWS_AS(conn.execute(retort::insert(PoolOther{1, "dup"})), retort::integrity_error);
            sp.rollback();
        }
        conn.execute(retort::insert(PoolItem{0, "f", 6}));
        tx.commit();
        CHECK(names(conn) == "a,d,f");
    }
}

TEST_CASE("isolation levels: each database's own, the other's are argument_errors") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    reset_items(conn);
    using retort::isolation;
    const std::vector<isolation> mine = on_sqlite
        ? std::vector{isolation::deferred, isolation::immediate, isolation::exclusive}
        : std::vector{isolation::read_committed, isolation::repeatable_read, isolation::serializable};
    const std::vector<isolation> theirs = on_sqlite
        ? std::vector{isolation::read_committed, isolation::repeatable_read, isolation::serializable}
        : std::vector{isolation::deferred, isolation::immediate, isolation::exclusive};
    for (auto level : mine) {
        auto tx = conn.begin(level);
        conn.execute(retort::insert(PoolItem{0, "x", 1}));
        tx.commit();
    }
    for (auto level : theirs) CHECK_THROWS_AS(conn.begin(level), retort::argument_error);
    CHECK_FALSE(conn.in_transaction());
    CHECK(item_count(conn) == 3);
    if constexpr (on_postgresql) {
        auto tx = conn.begin(isolation::serializable);
        conn.execute_script("CREATE TEMP TABLE iso_probe AS SELECT current_setting('transaction_isolation') AS v");
        tx.rollback();
    }
}

TEST_CASE("transaction(fn) commits on return, rolls back on exception, returns fn's value") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    reset_items(conn);
    const auto key = conn.transaction([&] { return conn.execute(retort::insert(PoolItem{0, "kept", 1})); });
    CHECK(key > 0);
    CHECK_THROWS_AS(conn.transaction([&](retort::connection& c2) {
        c2.execute(retort::insert(PoolItem{0, "gone", 2}));
        throw std::runtime_error("user code failed");
    }),
                    std::runtime_error);
    CHECK_FALSE(conn.in_transaction());
    CHECK(names(conn) == "kept");
}

TEST_CASE("transaction(fn, {.retries}) runs fn again after a serialization failure (PostgreSQL 40001)") {
    if constexpr (on_sqlite) return;  // SQLite transactions are serial: there is no 40001
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    auto other = engine.connect();
    reset_items(conn);
    const auto id = conn.execute(retort::insert(PoolItem{0, "v0", 0}));
    const auto by_id = [&] { return retort::select<PoolItem>().where(c<&PoolItem::id> == id); };

    int attempts = 0;
    auto bump = [&] {
        ++attempts;
        const auto item = conn.execute(by_id()).one();  // the snapshot is taken here
        if (attempts == 1)  // a concurrent committed update of the same row
            other.execute(retort::update<PoolItem>().set(c<&PoolItem::score> = 100.0).where(c<&PoolItem::id> == id));
        conn.execute(retort::update<PoolItem>()
                         .set(c<&PoolItem::score> = item.score + 1, c<&PoolItem::name> = "bumped")
                         .where(c<&PoolItem::id> == id));
    };
    SUBCASE("without retries the serialization_error reaches the caller") {
        CHECK_THROWS_AS(conn.transaction(bump, {.level = retort::isolation::repeatable_read}),
                        retort::serialization_error);
        CHECK(attempts == 1);
        CHECK(conn.execute(by_id()).one().score == 100.0);
    }
    SUBCASE("with retries the second attempt sees the other update and succeeds") {
        conn.transaction(bump, {.level = retort::isolation::repeatable_read, .retries = 3});
        CHECK(attempts == 2);
        const auto item = conn.execute(by_id()).one();
        CHECK(item.score == 101.0);
        CHECK(item.name == "bumped");
    }
}

TEST_CASE("the statement cache is bounded: least recently used statements are evicted, counters show it") {
    auto o = small_pool(1, 0);
    o.statement_cache_size = 2;
    auto engine = retort::create_engine(test_url(), o);
    auto conn = engine.connect();
    reset_items(conn);
    conn.execute(retort::insert(PoolItem{0, "a", 1}));
    const auto misses = conn.cache_misses();
    const auto evictions = conn.cache_evictions();
    CHECK(conn.cache_size() <= 2);

    const auto q1 = [] { return retort::select<PoolItem>().where(c<&PoolItem::id> == 1); };
    const auto q2 = [] { return retort::select(c<&PoolItem::name>).where(c<&PoolItem::id> == 1); };
    const auto q3 = [] { return retort::select(c<&PoolItem::score>).where(c<&PoolItem::id> == 1); };
    conn.execute(q1()).one();
    conn.execute(q2()).one();
    CHECK(conn.cache_misses() - misses == 2);
    conn.execute(q1()).one();  // hit: q1 is now the most recent
    CHECK(conn.cache_misses() - misses == 2);
    conn.execute(q3()).one();  // miss: evicts q2, the least recently used
    CHECK(conn.cache_size() == 2);
    CHECK(conn.cache_evictions() - evictions >= 1);
    const auto hits = conn.cache_hits();
    conn.execute(q1()).one();  // still cached
    CHECK(conn.cache_hits() == hits + 1);
    conn.execute(q2()).one();  // prepared again
    CHECK(conn.cache_misses() - misses == 4);
    CHECK(std::get<0>(conn.execute(q2()).one()) == "a");
}

TEST_CASE("execute_many inserts every struct in one transaction, and nothing when one row fails") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    reset_items(conn);
    std::vector<PoolItem> rows;
    // std::string("n").append(...), not "n" + std::to_string(i): with GCC 12 at -O3 a 1-character
    // literal + a temporary string is a false -Wrestrict (GCC PR 105329).
    for (int i = 0; i < 2500; ++i) rows.push_back({0, std::string("n").append(std::to_string(i)), i * 0.5});
    CHECK(conn.execute_many(rows) == 2500);
    CHECK(item_count(conn) == 2500);
    CHECK_FALSE(conn.in_transaction());
    const auto last = conn.execute(retort::select<PoolItem>().order_by(retort::desc(c<&PoolItem::id>)).limit(1)).one();
    CHECK(last.name == "n2499");
    CHECK(last.score == 1249.5);

    SUBCASE("a duplicate key in the middle: integrity_error, no row of the batch stays") {
        std::vector<PoolItem> bad;
        for (int i = 0; i < 1500; ++i) bad.push_back({0, "m", 0});
        std::vector<PoolOther> others{{1, "x"}, {2, "y"}, {1, "dup"}, {3, "z"}};
        CHECK_THROWS_AS(conn.execute_many(others), retort::integrity_error);
        CHECK(conn.execute(retort::select<PoolOther>()).all().empty());
        CHECK_FALSE(conn.in_transaction());
        // the connection and the cached statement still work
        CHECK(conn.execute_many(bad) == 1500);
        CHECK(item_count(conn) == 4000);
    }
    SUBCASE("inside an open transaction it joins it") {
        auto tx = conn.begin();
        CHECK(conn.execute_many(std::vector<PoolOther>{{10, "p"}, {11, "q"}}) == 2);
        CHECK(conn.in_transaction());
        tx.rollback();
        CHECK(conn.execute(retort::select<PoolOther>()).all().empty());
    }
}

TEST_CASE("execute_many round-trips awkward values: tabs, newlines, backslashes, NULL, blobs, unicode") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    retort::drop_all<PoolOdd>(conn);
    retort::create_all<PoolOdd>(conn);
    const auto bytes = [](std::string_view s) {
        retort::blob b;
        for (char ch : s) b.push_back(static_cast<std::byte>(ch));
        return b;
    };
    std::vector<PoolOdd> rows = {
        {0, "tab\there", std::nullopt, bytes(std::string("\0\x01\\\t\n\xff", 6)), 1},
        {0, "line\nbreak\r\n", "back\\slash \\N", bytes(""), std::nullopt},
        {0, "", "", bytes("plain"), -5},
        {0, "caf\xc3\xa9 \xe2\x82\xac \\.", std::nullopt, bytes("\\x41"), 0},
    };
    CHECK(conn.execute_many(rows) == 4);
    const auto back = conn.execute(retort::select<PoolOdd>().order_by(c<&PoolOdd::id>)).all();
    REQUIRE(back.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(back[i].text == rows[i].text);
        CHECK(back[i].note == rows[i].note);
        CHECK(back[i].data == rows[i].data);
        CHECK(back[i].n == rows[i].n);
    }
}

TEST_CASE("stream() reads rows one at a time and leaves the connection usable") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    reset_items(conn);
    std::vector<PoolItem> rows;
    for (int i = 0; i < 20000; ++i) rows.push_back({0, std::string("s").append(std::to_string(i)), 1.0});  // GCC PR 105329
    conn.execute_many(rows);
    const auto all = retort::select<PoolItem>().order_by(c<&PoolItem::id>);

    std::int64_t n = 0, previous = 0;
    bool ordered = true;
    for (const auto& item : conn.stream(all)) {
        ordered = ordered && item.id > previous;
        previous = item.id;
        ++n;
    }
    CHECK(n == 20000);
    CHECK(ordered);
    CHECK(item_count(conn) == 20000);  // the connection is free again

    SUBCASE("an abandoned stream (outside and inside a transaction) is cleaned up") {
        for (const auto& item : conn.stream(all)) {
            CHECK(item.name == "s0");
            break;
        }
        CHECK(item_count(conn) == 20000);
        auto tx = conn.begin();
        for (const auto& item : conn.stream(all)) {
            CHECK(item.name == "s0");
            break;
        }
        conn.execute(retort::insert(PoolItem{0, "in tx", 2}));  // the transaction was not aborted
        tx.commit();
        CHECK(item_count(conn) == 20001);
    }
    SUBCASE("first() and an empty stream") {
        CHECK(conn.stream(all).first()->name == "s0");
        CHECK(conn.stream(retort::select<PoolItem>().where(c<&PoolItem::id> < 0)).all().empty());
        CHECK(item_count(conn) == 20000);
    }
}

TEST_CASE("events: connect, checkout, checkin, before/after execute with SQL, parameters and duration") {
    std::mutex m;
    std::vector<retort::event_kind> kinds;
    std::vector<std::string> executed;
    std::vector<std::string> params;
    retort::engine_options o;
    o.on_event = [&](const retort::event& e) {
        std::lock_guard lock(m);
        kinds.push_back(e.kind);
        if (e.kind == retort::event_kind::after_execute) {
            executed.emplace_back(e.sql);
            std::string p;
            for (const auto& v : e.parameters) p += (p.empty() ? "" : ",") + v;
            params.push_back(p);
            CHECK(e.duration.count() >= 0);
        }
    };
    SUBCASE("parameters rendered") {}
    SUBCASE("parameters redacted") { o.echo_parameters = false; }
    auto engine = retort::create_engine(test_url(), o);
    {
        auto conn = engine.connect();
        reset_items(conn);
        executed.clear();
        params.clear();
        kinds.clear();
        conn.execute(retort::insert(PoolItem{0, "secret", 2.5}));
        CHECK(conn.execute(retort::select<PoolItem>().where(c<&PoolItem::name> == "secret")).all().size() == 1);
    }
    REQUIRE(executed.size() == 2);
    CHECK(executed[0].find("INSERT INTO") == 0);
    CHECK(executed[1].find("SELECT") == 0);
    if (o.echo_parameters) {
        CHECK(params[0].find("secret") != std::string::npos);
        CHECK(params[0].find("2.5") != std::string::npos);
        CHECK(params[1] == "'secret'");
    } else {
        CHECK(params[0] == "?,?");
        CHECK(params[1] == "?");
    }
    CHECK(kinds.front() == retort::event_kind::before_execute);
    CHECK(kinds.back() == retort::event_kind::checkin);
    {
        auto conn = engine.connect();  // from the pool: checkout, no connect
    }
    CHECK(kinds[kinds.size() - 2] == retort::event_kind::checkout);
    CHECK(std::string(retort::to_string(retort::event_kind::after_execute)) == "after_execute");
}

TEST_CASE("without a sink nothing is reported and statements run the same") {
    auto engine = retort::create_engine(test_url());
    auto conn = engine.connect();
    CHECK(conn.raw().events == nullptr);
    reset_items(conn);
    conn.execute(retort::insert(PoolItem{0, "plain", 1}));
    CHECK(names(conn) == "plain");
}

#if defined(RETORT_TEST_POSTGRESQL)
TEST_CASE("PostgreSQL without server-side prepared statements (pgbouncer transaction pooling)") {
    auto engine = retort::create_engine(test_url("pool", "&prepared_statements=false"));
    CHECK_FALSE(engine.options().prepared_statements);
    auto conn = engine.connect();
    reset_items(conn);
    conn.execute(retort::insert(PoolItem{0, "a", 1}));
    conn.execute_many(std::vector<PoolItem>{{0, "b", 2}, {0, "c", 3}});
    CHECK(names(conn) == "a,b,c");
    CHECK(conn.stream(retort::select<PoolItem>()).all().size() == 3);
    const auto q = [](std::string n) { return retort::select<PoolItem>().where(c<&PoolItem::name> == std::move(n)); };
    CHECK(conn.execute(q("b")).one().score == 2.0);
    CHECK(conn.execute(q("c")).one().score == 3.0);
    // Nothing was prepared on the server.
    struct Prepared {
        std::string name;
    };
    conn.execute_script("CREATE TEMP TABLE prepared_probe AS SELECT name FROM pg_prepared_statements");
    auto other_engine = retort::create_engine(test_url());
    auto with = other_engine.connect();
    with.execute(q("a")).one();
    CHECK(with.cache_misses() >= 1);
}
#endif

#if defined(RETORT_TEST_SQLITE)
TEST_CASE("SQLite :memory: has one shared connection: data survives checkouts, others wait for it") {
    auto engine = retort::create_engine("sqlite:///:memory:?pool_timeout=60");
    CHECK(engine.status().pool_size == 1);
    {
        auto conn = engine.connect();
        reset_items(conn);
        conn.execute(retort::insert(PoolItem{0, "kept", 1}));
        CHECK_THROWS_AS(engine.connect(), retort::programming_error);  // same thread: an error, not a deadlock
        std::thread t([&] {
            auto other = engine.connect();  // waits for the checkin below
            other.execute(retort::insert(PoolItem{0, "from thread", 2}));
        });
        while (engine.status().waiters == 0) std::this_thread::sleep_for(1ms);
        { auto done = std::move(conn); }
        t.join();
    }
    auto conn = engine.connect();
    CHECK(names(conn) == "kept,from thread");
}

TEST_CASE("SQLite options: foreign keys on by default, WAL, busy_timeout, synchronous") {
    auto engine = retort::create_engine(test_url("options", "&synchronous=normal"));
    auto conn = engine.connect();
    struct Pragma {
        std::int64_t value;
    };
    conn.execute_script("CREATE TEMP TABLE p AS SELECT * FROM pragma_foreign_keys");
    conn.execute_script("CREATE TEMP TABLE j AS SELECT * FROM pragma_journal_mode");
    CHECK_THROWS_AS(retort::create_engine(test_url("options", "&synchronous=sometimes")), retort::argument_error);
    CHECK_THROWS_AS(retort::create_engine(test_url("options", "&mode=rx")), retort::argument_error);
}
#endif
