// A derived table whose query reads a table that no query of the statement provides.
#include "models.hpp"

struct PostCount {
    std::int64_t user_id;
};
template <>
inline constexpr auto retort::table_of<PostCount> = retort::table<PostCount>("post_counts");

int main() {
    auto ok = retort::select(c<&PostCount::user_id>).from(retort::derived<PostCount>(retort::select(c<&Post::user_id>)));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&PostCount::user_id>)
                   .from(retort::derived<PostCount>(
                       retort::select(c<&Post::user_id>).where(c<&User::name> == "ann")));
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
