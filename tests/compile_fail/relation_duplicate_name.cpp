// Two relationships of one model with the same name.
#include "models.hpp"

#include <retort/orm.hpp>

struct Review {
    std::int64_t id;
    std::int64_t post_id;
    std::int64_t user_id;
};
template <>
inline constexpr auto retort::table_of<Review> =
    retort::table<Review>("reviews", retort::primary_key<&Review::id>, retort::foreign_key<&Review::post_id, &Post::id>,
                          retort::foreign_key<&Review::user_id, &User::id>);

#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::relations_of<Review> = retort::relations<Review>(
    retort::belongs_to<"parent", &Review::post_id>(), retort::belongs_to<"parent", &Review::user_id>());
#else
template <>
inline constexpr auto retort::relations_of<Review> = retort::relations<Review>(
    retort::belongs_to<"post", &Review::post_id>(), retort::belongs_to<"user", &Review::user_id>());
#endif

int main() {
    static_assert(retort::orm::detail::relation_count<Review>() == 2);
}
