// examples/docs/errors.cpp — quoted in docs/errors.md: each retort exception, made to happen
// on SQLite, caught, and what the program can do about it.
#include <retort/retort.hpp>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

struct Account {
    std::int64_t id;
    std::string owner;
    std::int64_t balance;
};

template <>
inline constexpr auto retort::table_of<Account> = retort::table<Account>(
    "accounts", retort::primary_key<&Account::id>, retort::unique<&Account::owner>,
    retort::check("balance_not_negative", "balance >= 0"));

// A model of a table made elsewhere, whose owner column allows NULL.
struct Legacy {
    std::int64_t id;
    std::string owner;  // should be std::optional<std::string>: the column allows NULL
};

template <>
inline constexpr auto retort::table_of<Legacy> = retort::table<Legacy>("legacy", retort::primary_key<&Legacy::id>);

using retort::c;

int main() {
    std::filesystem::remove("bank.db");  // a file in the current directory
    const std::string url = "sqlite:///bank.db";

    // docs:begin argument
    try {
        auto engine = retort::create_engine("sqlite:///bank.db?pool_size=many");
    } catch (const retort::argument_error& e) {  // a malformed URL or option: fix the configuration
        std::cout << "argument_error: " << e.what() << '\n';
    }
    // docs:end argument

    // docs:begin connection
    try {
        auto engine = retort::create_engine("sqlite:////no-such-directory/bank.db");
        auto conn = engine.connect();  // the engine connects lazily: here
    } catch (const retort::connection_error& e) {  // unreachable server, bad credentials, lost connection
        std::cout << "connection_error: " << e.what() << '\n';
    }
    // docs:end connection

    // docs:begin timeout
    {
        retort::engine_options o;
        o.pool_size = 1;
        o.max_overflow = 0;
        o.pool_timeout = std::chrono::milliseconds(100);
        auto engine = retort::create_engine(url, o);
        auto held = engine.connect();  // the only connection
        try {
            auto second = engine.connect();  // waits pool_timeout for a free one
        } catch (const retort::timeout_error& e) {  // pool exhausted: a leak, or pool_size too small
            std::cout << "timeout_error (a connection_error): " << e.what() << '\n';
        }
    }
    // docs:end timeout

    auto engine = retort::create_engine(url);
    auto conn = engine.connect();
    retort::create_all<Account>(conn);
    conn.execute(retort::insert(Account{0, "ada", 100}));

    // docs:begin integrity
    try {
        conn.execute(retort::insert(Account{0, "ada", 5}));  // owner is UNIQUE
    } catch (const retort::integrity_error& e) {
        if (e.kind() == retort::constraint_kind::unique)
            std::cout << "integrity_error: unique, constraint " << e.constraint() << '\n';
    }
    try {
        conn.execute(retort::update<Account>().set(c<&Account::balance> = c<&Account::balance> - 500));
    } catch (const retort::integrity_error& e) {
        std::cout << "integrity_error: " << (e.kind() == retort::constraint_kind::check ? "check " : "other ")
                  << e.constraint() << '\n';
    }
    // docs:end integrity

    // docs:begin data
    conn.execute_script("CREATE TABLE legacy (id INTEGER PRIMARY KEY, owner TEXT)");  // made elsewhere
    conn.execute_script("INSERT INTO legacy (owner) VALUES (NULL)");
    try {
        for (const Legacy& l : conn.execute(retort::select<Legacy>())) std::cout << l.owner << '\n';
    } catch (const retort::data_error& e) {  // the model and the data disagree: fix the model
        std::cout << "data_error: " << e.what() << '\n';
    }
    try {
        conn.execute(retort::select<Account>().where(c<&Account::owner> == "nobody")).one();
    } catch (const retort::data_error& e) {  // one() needs exactly one row: use first() when none is fine
        std::cout << "data_error: " << e.what() << '\n';
    }
    // docs:end data

    // docs:begin programming
    try {
        conn.execute_script("UPDATE acounts SET balance = 0");  // a typo in hand-written SQL
    } catch (const retort::programming_error& e) {
        std::cout << "programming_error: " << e.what() << '\n';
    }
    // docs:end programming

    // docs:begin serialization
    // PostgreSQL aborts one of two conflicting SERIALIZABLE transactions (SQLSTATE 40001) or a
    // deadlock victim (40P01) with retort::serialization_error. Run the transaction again:
    conn.transaction([&] { conn.execute(retort::update<Account>().set(c<&Account::balance> = 90)); },
                     {.retries = 3});  // up to 3 more attempts; fn must be safe to repeat
    // docs:end serialization

    // docs:begin base
    try {
        conn.execute(retort::insert(Account{0, "ada", 1}));
    } catch (const retort::error& e) {  // every retort exception; e.what() says what and where
        std::cout << "retort::error: " << e.what() << '\n';
    }
    // docs:end base

    std::filesystem::remove("bank.db");
}
