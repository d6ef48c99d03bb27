// The bookstore's models: plain structs, and beside each one its table declaration.
#pragma once

#include <retort/core.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace bookstore {

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
    int stock;
};

struct Order {
    std::int64_t id;
    std::int64_t book_id;
    int quantity;
    std::chrono::sys_time<std::chrono::microseconds> placed_at;
    std::optional<std::string> note;
};

}  // namespace bookstore

template <>
inline constexpr auto retort::table_of<bookstore::Author> =
    retort::table<bookstore::Author>("authors",
                                     retort::primary_key<&bookstore::Author::id>,
                                     retort::unique<&bookstore::Author::name>,
                                     retort::varchar<&bookstore::Author::name, 120>);

template <>
inline constexpr auto retort::table_of<bookstore::Book> = retort::table<bookstore::Book>(
    "books",
    retort::primary_key<&bookstore::Book::id>,
    retort::foreign_key<&bookstore::Book::author_id, &bookstore::Author::id>(retort::on_delete::cascade),
    retort::index<&bookstore::Book::title>,
    retort::check("price_positive", "price > 0"),
    retort::server_default<&bookstore::Book::stock>("0"));

template <>
inline constexpr auto retort::table_of<bookstore::Order> = retort::table<bookstore::Order>(
    "orders",
    retort::primary_key<&bookstore::Order::id>,
    retort::foreign_key<&bookstore::Order::book_id, &bookstore::Book::id>(retort::on_delete::restrict_),
    retort::check("quantity_positive", "quantity > 0"));
