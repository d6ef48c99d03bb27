// examples/docs/interop_sqlitecpp.cpp — quoted in docs/interop.md: retort statements on a
// SQLite::Database that the application opened with SQLiteCpp, in its transactions.
#include <retort/interop/sqlitecpp.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>
#include <string>

#include "models.hpp"

// Code the application already has: hand-written SQL through SQLiteCpp.
void add_author_by_hand(SQLite::Database& db, const std::string& name) {
    SQLite::Statement insert(db, "INSERT INTO authors (name) VALUES (?)");
    insert.bind(1, name);
    insert.exec();
}

int main() {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA foreign_keys = ON");  // the database's settings stay the application's

    retort::connection conn = retort::adopt(db);  // borrows db's handle: destroy conn before db
    retort::create_all<Author, Book>(conn);

    // One SQLite::Transaction around hand-written SQL and retort statements.
    {
        SQLite::Transaction tx(db);
        add_author_by_hand(db, "Le Guin");
        const auto leguin = conn.execute(retort::select<Author>().where(c<&Author::name> == "Le Guin")).first();
        for (Book book : {Book{0, leguin->id, "The Dispossessed", 9.5, 387},
                          Book{0, leguin->id, "A Wizard of Earthsea", 7.0, 183}}) {
            conn.execute(retort::insert(book));  // book.id is filled in
            std::cout << "inserted book " << book.id << '\n';
        }
        tx.commit();  // both rows; without commit(), ~Transaction rolls both back
    }
    {
        SQLite::Transaction tx(db);
        add_author_by_hand(db, "Herbert");
        const auto herbert = conn.execute(retort::select<Author>().where(c<&Author::name> == "Herbert")).first();
        Book dune{0, herbert->id, "Dune", 12.0, 412};
        conn.execute(retort::insert(dune));
    }  // rolled back: neither Herbert nor Dune

    // Typed rows, the same as on an engine's connection: std::tuple<std::string, std::string>.
    auto titles = retort::select(c<&Author::name>, c<&Book::title>).join<Book>(c<&Book::author_id> == c<&Author::id>);
    for (const auto& [name, title] : conn.execute(titles)) std::cout << name << ": " << title << '\n';
    std::cout << "authors (by hand): " << db.execAndGet("SELECT count(*) FROM authors").getInt() << '\n';

    // Each statement type was prepared once on this handle and reused afterwards.
    std::cout << "prepared " << conn.cache_misses() << ", reused " << conn.cache_hits() << '\n';
}
