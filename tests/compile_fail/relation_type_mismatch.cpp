// A relationship whose foreign key and the primary key it references have different types
// (int32 -> int64). The foreign key declaration alone is accepted until CREATE TABLE is
// rendered; the relationship is checked where it is declared.
#include "orm_models.hpp"

struct Like {
    std::int64_t id;
    std::int32_t user_id;  // users.id is std::int64_t
    std::int64_t post_id;
};
template <>
inline constexpr auto retort::table_of<Like> =
    retort::table<Like>("likes", retort::primary_key<&Like::id>, retort::foreign_key<&Like::user_id, &User::id>,
                        retort::foreign_key<&Like::post_id, &Post::id>);

#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::relations_of<Like> = retort::relations<Like>(retort::belongs_to<"user", &Like::user_id>());
#else
template <>
inline constexpr auto retort::relations_of<Like> = retort::relations<Like>(retort::belongs_to<"post", &Like::post_id>());
#endif

int main() {
    static_assert(retort::orm::detail::relation_count<Like>() == 1);
}
