// tests/compile_fail/orm_models.hpp — valid models and relationships every ORM compile-fail
// case starts from (models.hpp's User and Post, plus a tag table and its association).
#pragma once

#include "models.hpp"

#include <retort/orm.hpp>

struct Tag {
    std::int64_t id;
    std::string label;
};
struct PostTag {
    std::int64_t post_id;
    std::int64_t tag_id;
};
template <>
inline constexpr auto retort::table_of<Tag> = retort::table<Tag>("tags", retort::primary_key<&Tag::id>);
template <>
inline constexpr auto retort::table_of<PostTag> = retort::table<PostTag>(
    "post_tags", retort::primary_key<&PostTag::post_id, &PostTag::tag_id>,
    retort::foreign_key<&PostTag::post_id, &Post::id>, retort::foreign_key<&PostTag::tag_id, &Tag::id>);

template <>
inline constexpr auto retort::relations_of<User> = retort::relations<User>(retort::has_many<"posts", &Post::user_id>());
template <>
inline constexpr auto retort::relations_of<Post> =
    retort::relations<Post>(retort::belongs_to<"user", &Post::user_id>(),
                            retort::many_to_many<"tags", &PostTag::post_id, &PostTag::tag_id>());
