// tests/interop/pqxx_tests.cpp — retort statements on a libpqxx connection the test owns.
//
// A real PostgreSQL server ($RETORT_TEST_PG_URL, from scripts/pg's pg_start), reached with
// libpqxx 6.4 as an application would; retort::adopt(pg) / retort::adopt(txn) borrows its
// PGconn. What is proved: a pqxx::work that mixes hand-written txn.exec(...) and retort
// statements rolls back together and commits together; rows come back typed; the
// per-statement-type cache is reused across the caller's transactions, also after one
// aborted; retort's server-side statement names do not meet libpqxx's; a libpqxx
// reconnect is a retort::connection_error, never a dangling handle.
#include <doctest/doctest.h>

#include <retort/interop/pqxx.hpp>

#include <pqxx/pqxx>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "models.hpp"

namespace {

std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the libpqxx interop tests need a server. Run them as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql; pg_stop`");
    return url;
}

/// A libpqxx connection with a fresh table (made by retort on the adopted connection).
struct database {
    pqxx::connection pg{test_url()};
    database() {
        retort::connection conn = retort::adopt(pg);
        conn.execute_script("DROP TABLE IF EXISTS interop_accounts");
        retort::create_all<Account>(conn);
    }
};

std::int64_t count_by_hand(pqxx::connection_base& pg) {
    pqxx::nontransaction n{pg};
    return n.exec("SELECT count(*) FROM interop_accounts")[0][0].as<std::int64_t>();
}

std::int64_t count_by_hand(pqxx::transaction_base& txn) {
    return txn.exec("SELECT count(*) FROM interop_accounts")[0][0].as<std::int64_t>();
}

/// Server-side prepared statements of this session whose name starts with `prefix`.
std::int64_t prepared_named(pqxx::transaction_base& txn, const std::string& prefix) {
    return txn.exec("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE " + txn.quote(prefix + "%"))[0][0]
        .as<std::int64_t>();
}

using owner_rows = std::vector<std::tuple<std::string, double>>;

}  // namespace

TEST_CASE("libpqxx: a pqxx::work mixing txn.exec and retort statements rolls back together") {
    database db;
    retort::connection conn = retort::adopt(db.pg);
    CHECK(conn.adopted());
    CHECK(conn.dialect() == retort::dialect_id::postgresql);
    {
        pqxx::work txn{db.pg};
        txn.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('by hand', 10.5)");
        Account ann{0, "ann", 20.0, "retort"};
        CHECK(conn.execute(retort::insert(ann)) == ann.id);
        CHECK(ann.id > 0);
        CHECK(conn.in_transaction());
        // Each side sees the other's row; retort's rows are typed.
        CHECK(conn.execute(owners_query()).all() == owner_rows{{"ann", 20.0}, {"by hand", 10.5}});
        CHECK(count_by_hand(txn) == 2);
        txn.abort();
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(count_by_hand(db.pg) == 0);
    CHECK(conn.execute(owners_query()).all().empty());

    {
        pqxx::work txn{db.pg};
        conn.execute(retort::insert(Account{0, "gone", 1.0, std::nullopt}));
        txn.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('gone too', 1)");
        // ~work without commit(): libpqxx aborts, both rows go.
    }
    CHECK(count_by_hand(db.pg) == 0);
}

TEST_CASE("libpqxx: a pqxx::work mixing txn.exec and retort statements commits together") {
    database db;
    retort::connection conn = retort::adopt(db.pg);
    {
        pqxx::work txn{db.pg};
        conn.execute(retort::insert(Account{0, "bob", 1.25, std::nullopt}));
        txn.exec("UPDATE interop_accounts SET balance = balance * 2 WHERE owner = 'bob'");
        CHECK(conn.execute(retort::update<Account>()
                               .set(c<&Account::note> = std::string("doubled"))
                               .where(c<&Account::owner> == "bob")) == 1);
        txn.commit();
    }
    const auto bob = conn.execute(retort::select<Account>().where(c<&Account::owner> == "bob")).first();
    REQUIRE(bob.has_value());
    CHECK(bob->balance == 2.5);
    CHECK(bob->note == std::optional<std::string>("doubled"));
    pqxx::nontransaction n{db.pg};
    CHECK(n.exec("SELECT note FROM interop_accounts WHERE owner = 'bob'")[0][0].as<std::string>() == "doubled");
}

TEST_CASE("libpqxx: the statement cache is reused across the caller's transactions, aborted ones too") {
    database db;
    retort::connection conn = retort::adopt(db.pg);
    for (int round = 0; round < 3; ++round) {
        pqxx::work txn{db.pg};
        conn.execute(retort::insert(Account{0, "owner " + std::to_string(round), 1.0 * round, std::nullopt}));
        CHECK(conn.execute(owners_query()).all().size() == (round == 2 ? 2u : 1u));
        if (round == 0) continue;  // aborted: the server keeps the prepared statements
        txn.commit();
    }
    CHECK(conn.cache_misses() == 2);  // the insert and the select, prepared once each
    CHECK(conn.cache_hits() == 4);
    CHECK(count_by_hand(db.pg) == 2);
}

TEST_CASE("libpqxx: retort's statement names are its own and go with the adopted connection") {
    database db;
    db.pg.prepare("find_owner", "SELECT balance FROM interop_accounts WHERE owner = $1");
    pqxx::work txn{db.pg};
    txn.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('carol', 7)");
    {
        retort::connection conn = retort::adopt(txn);
        const auto carol = conn.execute(retort::select<Account>().where(c<&Account::owner> == "carol")).first();
        REQUIRE(carol.has_value());
        CHECK(carol->balance == 7.0);
        CHECK(txn.exec_prepared("find_owner", "carol")[0][0].as<double>() == 7.0);  // libpqxx's own
        CHECK(prepared_named(txn, "retort_a") == 1);
        CHECK(prepared_named(txn, "find_owner") == 1);
    }
    // Destroyed inside the caller's (healthy) transaction: its statements are deallocated,
    // libpqxx's stay, the transaction goes on.
    CHECK(prepared_named(txn, "retort_a") == 0);
    CHECK(prepared_named(txn, "find_owner") == 1);
    CHECK(count_by_hand(txn) == 1);
    txn.commit();
    CHECK(count_by_hand(db.pg) == 1);
}

TEST_CASE("libpqxx: a failed retort statement aborts the caller's transaction, as a failed txn.exec would") {
    database db;
    retort::connection conn = retort::adopt(db.pg);
    {
        pqxx::work txn{db.pg};
        conn.execute(retort::insert(Account{0, "ann", 1.0, std::nullopt}));
        CHECK_THROWS_AS(conn.execute(retort::insert(Account{0, "ann", 2.0, std::nullopt})), retort::integrity_error);
        // PostgreSQL refuses everything else in this transaction, whichever library asks.
        CHECK(conn.in_transaction());  // failed, still open: the owner ends it
        CHECK_THROWS_AS(conn.execute(owners_query()).all(), retort::programming_error);
        CHECK_THROWS_AS(txn.exec("SELECT 1"), pqxx::sql_error);
        // libpqxx 6.4 rolls its transaction back as soon as one of its own statements
        // fails: from here on a retort statement would run outside any transaction.
        CHECK_FALSE(conn.in_transaction());
    }
    CHECK(count_by_hand(db.pg) == 0);
    {
        pqxx::work txn{db.pg};
        conn.execute(retort::insert(Account{0, "ann", 1.0, std::nullopt}));
        CHECK_THROWS_AS(conn.execute(retort::insert(Account{0, "ann", 2.0, std::nullopt})), retort::integrity_error);
        // libpqxx does not know about retort's failure: its commit() reports success while
        // the server rolls back (docs/interop.md: let the exception end the transaction).
        CHECK_NOTHROW(txn.commit());
    }
    CHECK(count_by_hand(db.pg) == 0);
    // The next transaction is fine, and the cache still serves it.
    pqxx::work txn{db.pg};
    conn.execute(retort::insert(Account{0, "ann", 3.0, std::nullopt}));
    txn.commit();
    CHECK(count_by_hand(db.pg) == 1);
}

TEST_CASE("libpqxx: after a failed retort statement, adopt(txn)'s transaction refuses to commit") {
    database db;
    {
        pqxx::work txn{db.pg};
        retort::connection conn = retort::adopt(txn);
        txn.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('by hand', 1)");
        conn.execute(retort::insert(Account{0, "ann", 1.0, std::nullopt}));
        CHECK_THROWS_AS(conn.execute(retort::insert(Account{0, "ann", 2.0, std::nullopt})), retort::integrity_error);
        // The failure is txn's pending error: its commit throws it (and ~work rolls back).
        CHECK_THROWS_WITH_AS(txn.commit(), doctest::Contains("duplicate key"), pqxx::failure);
    }
    CHECK(count_by_hand(db.pg) == 0);
    {
        pqxx::work txn{db.pg};
        retort::connection conn = retort::adopt(txn);
        CHECK_THROWS_AS(conn.execute_script("SELECT * FROM interop_no_such_table"), retort::programming_error);
        CHECK_THROWS_AS(txn.exec("SELECT 1"), pqxx::failure);  // the pending error, first
    }
}

TEST_CASE("libpqxx: savepoints and execute_many inside the caller's transaction") {
    database db;
    retort::connection conn = retort::adopt(db.pg);
    std::vector<Account> many;
    for (int i = 0; i < 50; ++i) many.push_back(Account{0, "many " + std::to_string(i), 1.0, std::nullopt});
    {
        pqxx::work txn{db.pg};
        CHECK_THROWS_AS(conn.begin(), retort::programming_error);  // the transaction is libpqxx's
        txn.exec("INSERT INTO interop_accounts (owner, balance) VALUES ('kept', 1)");
        {
            retort::savepoint sp = conn.begin_nested();
            CHECK(conn.execute_many(many) == 50);
            CHECK(count_by_hand(txn) == 51);
            sp.rollback();
        }
        CHECK(count_by_hand(txn) == 1);
        CHECK(conn.execute_many(many) == 50);
        CHECK(count_by_hand(txn) == 51);
        txn.abort();
    }
    CHECK(count_by_hand(db.pg) == 0);
}

TEST_CASE("libpqxx: adopt(pg) with a transaction open, and a reconnect, are errors with a way out") {
    database db;
    {
        pqxx::work txn{db.pg};
        CHECK_THROWS_WITH_AS(retort::adopt(db.pg), doctest::Contains("retort::adopt(txn)"), retort::programming_error);
        CHECK(retort::adopt(txn).adopted());
    }
    retort::connection conn = retort::adopt(db.pg);
    conn.execute(retort::insert(Account{0, "before", 1.0, std::nullopt}));
    // libpqxx replaces its PGconn (as it does after a lost connection): retort notices.
#include <pqxx/internal/ignore-deprecated-pre.hxx>
    db.pg.deactivate();
    db.pg.activate();
#include <pqxx/internal/ignore-deprecated-post.hxx>
    CHECK_THROWS_WITH_AS(conn.execute(owners_query()), doctest::Contains("adopt the connection again"),
                         retort::connection_error);
    retort::connection again = retort::adopt(db.pg);
    CHECK(again.execute(owners_query()).all() == owner_rows{{"before", 1.0}});
}
