// examples/docs/interop_pqxx.cpp — quoted in docs/interop.md: retort statements on a
// libpqxx connection, inside a pqxx::work next to hand-written txn.exec(...).
// Runs against the server in $RETORT_TEST_PG_URL (scripts/pg's pg_start sets it).
#include <retort/interop/pqxx.hpp>

#include <pqxx/pqxx>

#include <cstdlib>
#include <iostream>

#include "models.hpp"

int main() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr) {
        std::cerr << "set RETORT_TEST_PG_URL to a PostgreSQL URL\n";
        return 1;
    }
    pqxx::connection pg{url};

    retort::connection conn = retort::adopt(pg);  // once per pqxx::connection; destroy it first
    conn.execute_script("DROP TABLE IF EXISTS books; DROP TABLE IF EXISTS authors");
    retort::create_all<Author, Book>(conn);

    // One pqxx::work around hand-written SQL and retort statements.
    {
        pqxx::work txn{pg};
        txn.exec("INSERT INTO authors (name) VALUES ('Le Guin')");
        const auto leguin = conn.execute(retort::select<Author>().where(c<&Author::name> == "Le Guin")).first();
        for (Book book : {Book{0, leguin->id, "The Dispossessed", 9.5, 387},
                          Book{0, leguin->id, "A Wizard of Earthsea", 7.0, 183}}) {
            conn.execute(retort::insert(book));  // INSERT ... RETURNING "id": book.id is filled in
            std::cout << "inserted book " << book.id << '\n';
        }
        txn.commit();  // both rows; without commit(), ~work rolls both back
    }
    {
        pqxx::work txn{pg};
        txn.exec("INSERT INTO authors (name) VALUES ('Herbert')");
        const auto herbert = conn.execute(retort::select<Author>().where(c<&Author::name> == "Herbert")).first();
        Book dune{0, herbert->id, "Dune", 12.0, 412};
        conn.execute(retort::insert(dune));
    }  // rolled back: neither Herbert nor Dune

    // A function that is handed only the transaction adopts it for its own lifetime.
    {
        pqxx::work txn{pg};
        retort::connection in_txn = retort::adopt(txn);
        const auto n = in_txn.execute(retort::select(retort::count()).from<Book>()).first();
        std::cout << "books: " << std::get<0>(*n) << '\n';
        txn.commit();
    }

    auto titles = retort::select(c<&Author::name>, c<&Book::title>).join<Book>(c<&Book::author_id> == c<&Author::id>);
    for (const auto& [name, title] : conn.execute(titles)) std::cout << name << ": " << title << '\n';
    std::cout << "prepared " << conn.cache_misses() << ", reused " << conn.cache_hits() << '\n';
    conn.execute_script("DROP TABLE books; DROP TABLE authors");
}
