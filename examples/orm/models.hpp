// The models of the ORM tour (docs/orm.md): authors, their books, tags on books, and
// employees with managers.
#pragma once

#include <retort/orm.hpp>

#include <cstdint>
#include <optional>
#include <string>

// docs:begin models
struct Author {
    std::int64_t id;
    std::string name;
};
struct Book {
    std::int64_t id;
    std::int64_t author_id;
    std::string title;
    std::optional<int> year;
    std::int64_t version;  // optimistic concurrency: see retort::version_id below
};
struct Tag {
    std::int64_t id;
    std::string label;
};
struct BookTag {
    std::int64_t book_id;
    std::int64_t tag_id;
};

template <>
inline constexpr auto retort::table_of<Author> =
    retort::table<Author>("authors", retort::primary_key<&Author::id>, retort::unique<&Author::name>);
template <>
inline constexpr auto retort::table_of<Book> = retort::table<Book>(
    "books", retort::primary_key<&Book::id>, retort::version_id<&Book::version>,
    retort::foreign_key<&Book::author_id, &Author::id>(retort::on_delete::cascade));
template <>
inline constexpr auto retort::table_of<Tag> = retort::table<Tag>("tags", retort::primary_key<&Tag::id>);
template <>
inline constexpr auto retort::table_of<BookTag> = retort::table<BookTag>(
    "book_tags", retort::primary_key<&BookTag::book_id, &BookTag::tag_id>,
    retort::foreign_key<&BookTag::book_id, &Book::id>(retort::on_delete::cascade),
    retort::foreign_key<&BookTag::tag_id, &Tag::id>(retort::on_delete::cascade));

// Relationships: declared once, checked against the foreign keys when the program is built.
template <>
inline constexpr auto retort::relations_of<Author> = retort::relations<Author>(
    retort::has_many<"books", &Book::author_id>(retort::cascade::all));
template <>
inline constexpr auto retort::relations_of<Book> = retort::relations<Book>(
    retort::belongs_to<"author", &Book::author_id>(),
    retort::many_to_many<"tags", &BookTag::book_id, &BookTag::tag_id>());
template <>
inline constexpr auto retort::relations_of<Tag> = retort::relations<Tag>(
    retort::many_to_many<"books", &BookTag::tag_id, &BookTag::book_id>());
// docs:end models

// docs:begin self-reference
struct Employee {
    std::int64_t id;
    std::string name;
    std::optional<std::int64_t> manager_id;
};
template <>
inline constexpr auto retort::table_of<Employee> = retort::table<Employee>(
    "employees", retort::primary_key<&Employee::id>,
    retort::foreign_key<&Employee::manager_id, &Employee::id>(retort::on_delete::set_null));
template <>
inline constexpr auto retort::relations_of<Employee> = retort::relations<Employee>(
    retort::belongs_to<"manager", &Employee::manager_id>(),
    retort::has_many<"reports", &Employee::manager_id>());
// docs:end self-reference
