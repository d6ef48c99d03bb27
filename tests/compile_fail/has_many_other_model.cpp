// has_many<"name", &Child::fk> on a model the child's foreign key does not point at:
// posts.user_id references users, not tags.
#include "orm_models.hpp"

#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::relations_of<Tag> = retort::relations<Tag>(retort::has_many<"posts", &Post::user_id>());
#else
template <>
inline constexpr auto retort::relations_of<Tag> =
    retort::relations<Tag>(retort::many_to_many<"posts", &PostTag::tag_id, &PostTag::post_id>());
#endif

int main() {
    static_assert(retort::orm::detail::relation_count<Tag>() == 1);
}
