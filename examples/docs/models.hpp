// examples/docs/models.hpp — the models and data every docs example starts from.
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct Author {
    std::int64_t id;
    std::string name;
    std::optional<int> born;
};

struct Book {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
    double price;
    int pages;
};

struct Staff {
    std::int64_t id;
    std::string name;
    std::optional<std::int64_t> manager_id;
};

template <>
inline constexpr auto retort::table_of<Author> = retort::table<Author>("authors", retort::primary_key<&Author::id>);
template <>
inline constexpr auto retort::table_of<Book> = retort::table<Book>(
    "books", retort::primary_key<&Book::id>, retort::foreign_key<&Book::author_id, &Author::id>);
template <>
inline constexpr auto retort::table_of<Staff> = retort::table<Staff>("staff", retort::primary_key<&Staff::id>);

using retort::c;

/// An in-memory SQLite database with three authors (Le Guin and Herbert have books,
/// Jemisin none yet), four books and a small org chart.
inline retort::connection open_shop(retort::engine& engine) {
    auto conn = engine.connect();
    retort::create_all<Author, Book, Staff>(conn);
    Author leguin{0, "Le Guin", 1929}, herbert{0, "Herbert", 1920}, jemisin{0, "Jemisin", std::nullopt};
    for (Author* a : {&leguin, &herbert, &jemisin}) conn.execute(retort::insert(*a));
    conn.execute(retort::insert(Book{0, leguin.id, "The Dispossessed", 9.5, 387}));
    conn.execute(retort::insert(Book{0, leguin.id, "A Wizard of Earthsea", 7.0, 183}));
    conn.execute(retort::insert(Book{0, herbert.id, "Dune", 12.0, 412}));
    conn.execute(retort::insert(Book{0, herbert.id, "Children of Dune", 8.5, 444}));
    Staff ada{0, "Ada", std::nullopt};
    conn.execute(retort::insert(ada));
    Staff ben{0, "Ben", ada.id};
    conn.execute(retort::insert(ben));
    conn.execute(retort::insert(Staff{0, "Cy", ben.id}));
    return conn;
}
