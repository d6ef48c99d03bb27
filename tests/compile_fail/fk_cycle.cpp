// Foreign keys that form a cycle have no creation order.
#include "models.hpp"

struct Chicken;
struct Egg {
    std::int64_t id;
    std::optional<std::int64_t> chicken_id;
};
struct Chicken {
    std::int64_t id;
    std::optional<std::int64_t> egg_id;
};
template <>
inline constexpr auto retort::table_of<Egg> = retort::table<Egg>(
    "eggs", retort::primary_key<&Egg::id>, retort::foreign_key<&Egg::chicken_id, &Chicken::id>);
template <>
inline constexpr auto retort::table_of<Chicken> = retort::table<Chicken>(
    "chickens", retort::primary_key<&Chicken::id>, retort::foreign_key<&Chicken::egg_id, &Egg::id>);

int main() {
    static_assert(retort::detail::dependency_order<Post, User>::value.ok);
#ifdef RETORT_EXPECT_FAIL
    static_assert(retort::detail::dependency_order<Egg, Chicken>::value.ok);
#endif
}
