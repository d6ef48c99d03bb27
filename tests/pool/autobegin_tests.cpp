// tests/pool/autobegin_tests.cpp — commit as you go (engine_options::autobegin): the first
// statement begins a transaction, conn.commit() / conn.rollback() end it; how that meets
// begin() guards, savepoints, statement errors, pool checkin, events, execute_many,
// create_all and the ORM session. On SQLite files (WAL) and on PostgreSQL.
#include <doctest/doctest.h>

#include <mutex>
#include <string>
#include <vector>

#include <retort/orm.hpp>

#include "common.hpp"

using retort::c;

struct AbItem {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<AbItem> =
    retort::table<AbItem>("ab_items", retort::primary_key<&AbItem::id>, retort::assigned_key);

namespace {

retort::engine_options autobegin_on() {
    retort::engine_options o;
    o.autobegin = true;
    return o;
}

std::string names(retort::connection& conn) {
    std::string out;
    for (const auto& [name] : conn.execute(retort::select(c<&AbItem::name>).order_by(c<&AbItem::id>)))
        out += (out.empty() ? "" : ",") + name;
    return out;
}

/// What a connection without autobegin sees (each select its own snapshot).
std::string committed_names(retort::engine& plain) {
    auto conn = plain.connect();
    return names(conn);
}

/// A fresh empty table, committed.
void reset(retort::engine& plain) {
    auto conn = plain.connect();
    retort::drop_all<AbItem>(conn);
    retort::create_all<AbItem>(conn);
}

}  // namespace

TEST_CASE("autobegin: the first statement begins a transaction; rows reach other connections only at commit") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    auto engine = retort::create_engine(test_url("autobegin"), autobegin_on());
    auto conn = engine.connect();
    CHECK(conn.autobegin());
    CHECK_FALSE(conn.in_transaction());  // nothing ran yet: nothing begun
    conn.execute(retort::insert(AbItem{1, "a"}));
    CHECK(conn.in_transaction());
    conn.execute(retort::insert(AbItem{2, "b"}));
    CHECK(names(conn) == "a,b");            // its own transaction sees them
    CHECK(committed_names(plain).empty());  // nobody else does yet
    conn.commit();
    CHECK_FALSE(conn.in_transaction());
    CHECK(committed_names(plain) == "a,b");

    conn.execute(retort::insert(AbItem{3, "c"}));  // the next statement begins another
    CHECK(conn.in_transaction());
    CHECK(committed_names(plain) == "a,b");
    conn.commit();
    CHECK(committed_names(plain) == "a,b,c");

    SUBCASE("commit() and rollback() with nothing open do nothing") {
        conn.commit();
        conn.rollback();
        CHECK_FALSE(conn.in_transaction());
    }
    SUBCASE("a select begins one too (one snapshot until the end)") {
        CHECK(names(conn) == "a,b,c");
        CHECK(conn.in_transaction());
        conn.rollback();
        CHECK_FALSE(conn.in_transaction());
    }
}

TEST_CASE("autobegin: rollback() discards everything since the transaction began") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    auto engine = retort::create_engine(test_url("autobegin"), autobegin_on());
    auto conn = engine.connect();
    conn.execute(retort::insert(AbItem{1, "kept"}));
    conn.commit();
    conn.execute(retort::insert(AbItem{2, "gone"}));
    conn.execute(retort::update<AbItem>().set(c<&AbItem::name> = "changed").where(c<&AbItem::id> == 1));
    std::vector<AbItem> batch{{3, "x"}, {4, "y"}};
    CHECK(conn.execute_many(batch) == 2);  // inside the open transaction (in a savepoint of it)
    CHECK(names(conn) == "changed,gone,x,y");
    conn.rollback();
    CHECK(names(conn) == "kept");
    CHECK(committed_names(plain) == "kept");
}

TEST_CASE("autobegin: a connection returned to the pool with its transaction open is rolled back") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    retort::engine_options o = autobegin_on();
    o.pool_size = 1;
    o.max_overflow = 0;
    auto engine = retort::create_engine(test_url("autobegin"), o);
    const void* first = nullptr;
    {
        auto conn = engine.connect();
        first = &conn.raw();
        conn.execute(retort::insert(AbItem{1, "committed"}));
        conn.commit();
        conn.execute(retort::insert(AbItem{2, "never committed"}));
    }  // checkin: ROLLBACK
    CHECK(committed_names(plain) == "committed");
    auto conn = engine.connect();
    CHECK(&conn.raw() == first);  // the same connection, reused
    CHECK_FALSE(conn.in_transaction());
    CHECK(conn.autobegin());
    conn.execute(retort::insert(AbItem{3, "again"}));
    CHECK(conn.in_transaction());  // autobegins again after the checkin
    conn.commit();
    CHECK(committed_names(plain) == "committed,again");
}

TEST_CASE("autobegin: a failed statement leaves the database as it was once rolled back") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    auto engine = retort::create_engine(test_url("autobegin"), autobegin_on());
    auto conn = engine.connect();
    conn.execute(retort::insert(AbItem{1, "one"}));
    CHECK_THROWS_AS(conn.execute(retort::insert(AbItem{1, "duplicate"})), retort::integrity_error);
    CHECK(conn.in_transaction());  // still open: the caller decides
    if constexpr (on_postgresql) {
        // PostgreSQL runs nothing more in a failed transaction; the message says what to do.
        try {
            (void)names(conn);
            FAIL("expected the aborted transaction to refuse the statement");
        } catch (const retort::programming_error& e) {
            CHECK(std::string(e.what()).find("conn.rollback()") != std::string::npos);
        }
    }
    conn.rollback();
    CHECK(names(conn).empty());
    CHECK(committed_names(plain).empty());

    SUBCASE("a savepoint keeps what ran before the failure, on both databases") {
        conn.execute(retort::insert(AbItem{1, "one"}));
        {
            auto sp = conn.begin_nested();
            CHECK_THROWS_AS(conn.execute(retort::insert(AbItem{1, "duplicate"})), retort::integrity_error);
            sp.rollback();
        }
        conn.execute(retort::insert(AbItem{2, "two"}));
        conn.commit();
        CHECK(committed_names(plain) == "one,two");
    }
    SUBCASE("a failed COMMIT ends the transaction: the next statement begins another") {
        if constexpr (on_postgresql) {
            conn.execute(retort::insert(AbItem{5, "lost"}));
            CHECK_THROWS(conn.execute(retort::insert(AbItem{5, "duplicate"})));
            CHECK_THROWS_AS(conn.commit(), retort::programming_error);  // PostgreSQL turns it into ROLLBACK
            CHECK_FALSE(conn.in_transaction());
            conn.execute(retort::insert(AbItem{6, "next"}));
            CHECK(conn.in_transaction());
            conn.commit();
            CHECK(committed_names(plain) == "next");
        }
    }
}

TEST_CASE("autobegin with begin() guards and savepoints") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    auto engine = retort::create_engine(test_url("autobegin"), autobegin_on());
    auto conn = engine.connect();

    SUBCASE("begin() while the autobegun transaction is open is a programming_error") {
        conn.execute(retort::insert(AbItem{1, "a"}));
        try {
            (void)conn.begin();
            FAIL("expected begin() to refuse");
        } catch (const retort::programming_error& e) {
            CHECK(std::string(e.what()).find("conn.commit() or conn.rollback()") != std::string::npos);
        }
        CHECK_THROWS_AS(conn.transaction([] {}), retort::programming_error);
        conn.commit();
        CHECK(committed_names(plain) == "a");
    }
    SUBCASE("begin() before the first statement: the guard owns it; conn.commit() refuses; autobegin resumes") {
        {
            auto tx = conn.begin();
            conn.execute(retort::insert(AbItem{1, "a"}));
            CHECK_THROWS_AS(conn.commit(), retort::programming_error);
            CHECK_THROWS_AS(conn.rollback(), retort::programming_error);
            tx.commit();
        }
        CHECK(committed_names(plain) == "a");
        CHECK_FALSE(conn.in_transaction());
        conn.execute(retort::insert(AbItem{2, "b"}));
        CHECK(conn.in_transaction());
        conn.rollback();
        conn.transaction([&] { conn.execute(retort::insert(AbItem{3, "c"})); });
        CHECK_FALSE(conn.in_transaction());
        CHECK(committed_names(plain) == "a,c");
    }
    SUBCASE("begin_nested() with nothing open begins the transaction first, then the savepoint") {
        {
            auto sp = conn.begin_nested();
            CHECK(conn.in_transaction());
            conn.execute(retort::insert(AbItem{1, "in savepoint"}));
            sp.commit();
        }
        conn.execute(retort::insert(AbItem{2, "after"}));
        {
            auto sp = conn.begin_nested();
            conn.execute(retort::insert(AbItem{3, "undone"}));
        }  // rolled back to the savepoint
        CHECK(committed_names(plain).empty());
        conn.commit();
        CHECK(committed_names(plain) == "in savepoint,after");
    }
    SUBCASE("conn.commit() ends savepoints inside; their guards go stale") {
        conn.execute(retort::insert(AbItem{1, "a"}));
        auto sp = conn.begin_nested();
        conn.execute(retort::insert(AbItem{2, "b"}));
        conn.commit();
        CHECK_FALSE(sp.active());
        CHECK_THROWS_AS(sp.commit(), retort::programming_error);
        CHECK(committed_names(plain) == "a,b");
    }
}

TEST_CASE("autobegin per connection, from the URL, and turning it off") {
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    SUBCASE("URL option") {
        auto engine = retort::create_engine(test_url("autobegin", "&autobegin=true"));
        CHECK(engine.options().autobegin);
        auto conn = engine.connect();
        CHECK(conn.autobegin());
    }
    SUBCASE("set_autobegin on one connection; the pool hands out the engine's setting again") {
        retort::engine_options o;
        o.pool_size = 1;
        o.max_overflow = 0;
        auto engine = retort::create_engine(test_url("autobegin"), o);
        {
            auto conn = engine.connect();
            CHECK_FALSE(conn.autobegin());
            conn.set_autobegin(true);
            conn.execute(retort::insert(AbItem{1, "a"}));
            CHECK(conn.in_transaction());
            CHECK_THROWS_AS(conn.set_autobegin(false), retort::programming_error);  // its transaction is open
            conn.commit();
            conn.set_autobegin(false);
            conn.execute(retort::insert(AbItem{2, "b"}));  // commits by itself
            CHECK_FALSE(conn.in_transaction());
            conn.set_autobegin(true);
        }
        auto conn = engine.connect();
        CHECK_FALSE(conn.autobegin());
        CHECK(committed_names(plain) == "a,b");
    }
    SUBCASE("without autobegin, conn.commit() ends a transaction begun by SQL text") {
        auto conn = plain.connect();
        conn.execute_script("BEGIN");
        conn.execute(retort::insert(AbItem{1, "text"}));
        conn.commit();
        CHECK_FALSE(conn.in_transaction());
        CHECK(committed_names(plain) == "text");
    }
}

TEST_CASE("autobegin: events show BEGIN before the first statement and COMMIT at commit()") {
    std::mutex m;
    std::vector<std::string> executed;
    retort::engine_options o = autobegin_on();
    o.on_event = [&](const retort::event& e) {
        std::lock_guard lock(m);
        if (e.kind == retort::event_kind::after_execute) executed.emplace_back(e.sql);
    };
    auto plain = retort::create_engine(test_url("autobegin"));
    reset(plain);
    auto engine = retort::create_engine(test_url("autobegin"), o);
    auto conn = engine.connect();
    conn.execute(retort::insert(AbItem{1, "a"}));
    conn.execute(retort::insert(AbItem{2, "b"}));
    conn.commit();
    REQUIRE(executed.size() == 4);
    CHECK(executed[0] == "BEGIN");
    CHECK(executed[1].find("INSERT INTO") == 0);
    CHECK(executed[2].find("INSERT INTO") == 0);
    CHECK(executed[3] == "COMMIT");
}

TEST_CASE("autobegin: create_all and the ORM session work inside the open transaction") {
    auto plain = retort::create_engine(test_url("autobegin"));
    {
        auto conn = plain.connect();
        retort::drop_all<AbItem>(conn);
    }
    auto engine = retort::create_engine(test_url("autobegin"), autobegin_on());
    auto conn = engine.connect();
    (void)conn.execute(retort::text<"SELECT 1">.columns<std::int64_t>()).all();  // begins the transaction
    retort::create_all<AbItem>(conn);  // a savepoint inside it
    conn.execute(retort::insert(AbItem{1, "a"}));
    {
        retort::session s{conn};  // works in a savepoint of the open transaction
        s.add(AbItem{2, "b"});
        s.commit();  // releases its savepoint; the connection's transaction decides
    }
    CHECK(conn.in_transaction());
    conn.commit();
    CHECK(committed_names(plain) == "a,b");
    {
        retort::session s{engine};  // its own connection: begin() before the first statement
        s.add(AbItem{3, "c"});
        s.commit();
    }
    CHECK(committed_names(plain) == "a,b,c");
}
