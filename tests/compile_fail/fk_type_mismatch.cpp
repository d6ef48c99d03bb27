// (f) A foreign key whose column type differs from the referenced column's (int32 -> int64).
// The declaration itself is accepted; rendering CREATE TABLE checks the key.
#include "models.hpp"

struct Like {
    std::int64_t id;
    std::int32_t user_id;  // users.id is std::int64_t
};
template <>
inline constexpr auto retort::table_of<Like> = retort::table<Like>(
    "likes", retort::primary_key<&Like::id>, retort::foreign_key<&Like::user_id, &User::id>);

int main() {
    constexpr auto ok = retort::sql<decltype(retort::create_table<Post>()), retort::sqlite>;
    static_assert(!ok.empty());
#ifdef RETORT_EXPECT_FAIL
    constexpr auto bad = retort::sql<decltype(retort::create_table<Like>()), retort::sqlite>;
    (void)bad;
#endif
}
