// Three models with foreign keys, shared by the compile-cost TUs orm_twenty_ops.cpp (the
// session) and core_twenty_ops.cpp (the same work in Core).
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct Author {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> born;
};
struct Book {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
    std::optional<int> year;
    double price;
    std::int64_t version;
};
struct Review {
    std::int64_t id;
    std::int64_t book_id;
    int stars;
    std::string text;
};

template <>
inline constexpr auto retort::table_of<Author> =
    retort::table<Author>("authors", retort::primary_key<&Author::id>, retort::unique<&Author::email>);
template <>
inline constexpr auto retort::table_of<Book> = retort::table<Book>(
    "books", retort::primary_key<&Book::id>, retort::foreign_key<&Book::author_id, &Author::id>(retort::on_delete::cascade),
    retort::version_id<&Book::version>);
template <>
inline constexpr auto retort::table_of<Review> = retort::table<Review>(
    "reviews", retort::primary_key<&Review::id>, retort::foreign_key<&Review::book_id, &Book::id>(retort::on_delete::cascade));
