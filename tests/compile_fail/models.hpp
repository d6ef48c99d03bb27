// tests/compile_fail/models.hpp — the valid models every compile-fail case starts from.
#pragma once

#include <retort/core.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct User {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
};

struct Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
};

// A reflectable struct with no retort::table_of declaration.
struct NotDeclared {
    std::int64_t id;
    std::string text;
};

template <>
inline constexpr auto retort::table_of<User> =
    retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::email>);
template <>
inline constexpr auto retort::table_of<Post> = retort::table<Post>(
    "posts", retort::primary_key<&Post::id>, retort::foreign_key<&Post::user_id, &User::id>);

using retort::c;
