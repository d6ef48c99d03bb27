// tests/interop/sqlitecpp_tests.cpp — retort statements on a SQLite::Database the test owns.
//
// A real SQLite file in the build directory (RETORT_TEST_SQLITE_FILE), opened with
// SQLiteCpp as an application would; retort::adopt(db) borrows its handle. What is
// proved: retort's statements and the caller's own db.exec(...) share one transaction
// (a SQLite::Transaction rolls both back, or commits both); rows come back typed; the
// per-statement-type cache is reused across the caller's transactions; retort never
// closes the handle, never ends the caller's transaction, never changes its settings.
#include <doctest/doctest.h>

#include <retort/interop/sqlitecpp.hpp>
#include <retort/orm.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "models.hpp"

namespace {

/// A fresh database file with the table, created by retort on the adopted handle.
SQLite::Database fresh_database() {
    const std::filesystem::path file = RETORT_TEST_SQLITE_FILE;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    {
        retort::connection conn = retort::adopt(db);
        retort::create_all<Account>(conn);  // retort's own transaction: nobody else has one open
    }
    return db;
}

std::int64_t count_by_hand(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM interop_accounts").getInt64();
}

using owner_rows = std::vector<std::tuple<std::string, double>>;

}  // namespace

TEST_CASE("SQLiteCpp: retort statements and db.exec roll back together with a SQLite::Transaction") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    CHECK(conn.adopted());
    CHECK(conn.dialect() == retort::dialect_id::sqlite);
    {
        SQLite::Transaction tx(db);
        db.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('by hand', 10.5)");
        Account ann{0, "ann", 20.0, "retort"};
        const std::int64_t id = conn.execute(retort::insert(ann));
        CHECK(id == ann.id);
        CHECK(ann.id > 0);
        // Both are visible inside the transaction, to both sides, typed on retort's side.
        CHECK(conn.execute(owners_query()).all() == owner_rows{{"ann", 20.0}, {"by hand", 10.5}});
        CHECK(count_by_hand(db) == 2);
        CHECK(conn.in_transaction());
        // ~Transaction without commit(): ROLLBACK of both.
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(count_by_hand(db) == 0);
    CHECK(conn.execute(owners_query()).all().empty());
}

TEST_CASE("SQLiteCpp: retort statements and db.exec commit together") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    {
        SQLite::Transaction tx(db);
        conn.execute(retort::insert(Account{0, "bob", 1.25, std::nullopt}));
        db.exec("UPDATE interop_accounts SET balance = balance * 2 WHERE owner = 'bob'");
        const std::int64_t changed =
            conn.execute(retort::update<Account>().set(c<&Account::note> = std::string("doubled")).where(
                c<&Account::owner> == "bob"));
        CHECK(changed == 1);
        tx.commit();
    }
    const auto bob = conn.execute(retort::select<Account>().where(c<&Account::owner> == "bob")).first();
    REQUIRE(bob.has_value());
    CHECK(bob->balance == 2.5);
    CHECK(bob->note == std::optional<std::string>("doubled"));
    SQLite::Statement by_hand(db, "SELECT note FROM interop_accounts WHERE owner = 'bob'");
    REQUIRE(by_hand.executeStep());
    CHECK(by_hand.getColumn(0).getString() == "doubled");
}

TEST_CASE("SQLiteCpp: the statement cache is reused across the caller's transactions") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    for (int round = 0; round < 3; ++round) {
        SQLite::Transaction tx(db);
        conn.execute(retort::insert(Account{0, "owner " + std::to_string(round), 1.0 * round, std::nullopt}));
        CHECK(conn.execute(owners_query()).all().size() == (round == 0 ? 1u : 2u));
        if (round == 1) continue;  // rolled back: the prepared statements stay
        tx.commit();
    }
    CHECK(conn.cache_misses() == 2);  // the insert and the select, prepared once each
    CHECK(conn.cache_hits() == 4);
    CHECK(conn.cache_size() == 2);
    CHECK(count_by_hand(db) == 2);
}

TEST_CASE("SQLiteCpp: savepoints inside the caller's transaction; begin() refuses a second transaction") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    SQLite::Transaction tx(db);
    db.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('kept', 1)");
    CHECK_THROWS_AS(conn.begin(), retort::programming_error);
    {
        retort::savepoint sp = conn.begin_nested();
        conn.execute(retort::insert(Account{0, "undone", 2.0, std::nullopt}));
        CHECK(count_by_hand(db) == 2);
        sp.rollback();
    }
    CHECK(count_by_hand(db) == 1);
    {
        retort::savepoint sp = conn.begin_nested();
        conn.execute(retort::insert(Account{0, "released", 3.0, std::nullopt}));
        sp.commit();
    }
    tx.commit();
    CHECK(conn.execute(owners_query()).all() == owner_rows{{"kept", 1.0}, {"released", 3.0}});
}

TEST_CASE("SQLiteCpp: execute_many joins the caller's transaction and rolls back with it") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    std::vector<Account> many;
    for (int i = 0; i < 100; ++i) many.push_back(Account{0, "many " + std::to_string(i), 1.0, std::nullopt});
    {
        SQLite::Transaction tx(db);
        CHECK(conn.execute_many(many) == 100);
        CHECK(count_by_hand(db) == 100);
    }
    CHECK(count_by_hand(db) == 0);
    // Without a caller's transaction, execute_many opens and commits its own.
    CHECK(conn.execute_many(many) == 100);
    CHECK_FALSE(conn.in_transaction());
    CHECK(count_by_hand(db) == 100);
}

TEST_CASE("SQLiteCpp: destroying the adopted connection leaves the handle and the caller's transaction alone") {
    SQLite::Database db = fresh_database();
    db.exec("PRAGMA foreign_keys = OFF");
    SQLite::Transaction tx(db);
    {
        retort::connection conn = retort::adopt(db);
        conn.execute(retort::insert(Account{0, "inside", 5.0, std::nullopt}));
        // A result still being read when the connection goes is reset, not left holding a lock.
        auto rows = conn.execute(owners_query());
        CHECK(rows.begin() != rows.end());
    }
    CHECK(sqlite3_get_autocommit(db.getHandle()) == 0);  // still in the caller's transaction
    CHECK(count_by_hand(db) == 1);
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 0);  // retort changed no setting
    tx.commit();
    CHECK(count_by_hand(db) == 1);
    CHECK_THROWS_AS(retort::adopt(static_cast<sqlite3*>(nullptr)), retort::argument_error);
}

TEST_CASE("SQLiteCpp: an error in a retort statement leaves the caller's transaction to the caller") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    SQLite::Transaction tx(db);
    conn.execute(retort::insert(Account{0, "ann", 1.0, std::nullopt}));
    CHECK_THROWS_AS(conn.execute(retort::insert(Account{0, "ann", 2.0, std::nullopt})), retort::integrity_error);
    // SQLite undoes only the failed statement; the transaction and the first row remain.
    CHECK(sqlite3_get_autocommit(db.getHandle()) == 0);
    CHECK(count_by_hand(db) == 1);
    tx.commit();
    CHECK(count_by_hand(db) == 1);
}

TEST_CASE("SQLiteCpp: an adopted connection reports its executions to adopt_options::on_event") {
    SQLite::Database db = fresh_database();
    std::vector<std::string> seen;
    retort::adopt_options options;
    options.on_event = [&](const retort::event& e) {
        if (e.kind == retort::event_kind::after_execute) seen.emplace_back(e.sql);
    };
    retort::connection conn = retort::adopt(db, options);
    conn.execute(retort::insert(Account{0, "ann", 1.0, std::nullopt}));
    CHECK(conn.execute(owners_query()).all() == owner_rows{{"ann", 1.0}});
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].starts_with("INSERT INTO \"interop_accounts\""));
    CHECK(seen[1].starts_with("SELECT \"interop_accounts\".\"owner\""));
}

TEST_CASE("SQLiteCpp: an ORM session on an adopted connection flushes inside the caller's transaction") {
    SQLite::Database db = fresh_database();
    retort::connection conn = retort::adopt(db);
    {
        SQLite::Transaction tx(db);
        db.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('by hand', 1)");
        {
            retort::session s{conn};
            Account& ann = s.add(Account{0, "ann", 2.0, std::nullopt});
            s.commit();  // a savepoint inside the caller's transaction, released
            CHECK(ann.id > 0);
            Account* same = s.get<Account>(ann.id);
            REQUIRE(same != nullptr);
            same->balance = 3.0;
            s.commit();
        }
        CHECK(conn.execute(owners_query()).all() == owner_rows{{"ann", 3.0}, {"by hand", 1.0}});
        CHECK(sqlite3_get_autocommit(db.getHandle()) == 0);  // still the caller's transaction
    }  // rolled back: the session's rows too
    CHECK(count_by_hand(db) == 0);
}
