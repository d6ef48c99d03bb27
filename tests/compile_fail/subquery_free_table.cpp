// A subquery reads a column of a table that neither it nor the enclosing query has in FROM.
#include "models.hpp"

struct Team {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<Team> = retort::table<Team>("teams", retort::primary_key<&Team::id>);

int main() {
    // correlated with the outer query's users: fine
    auto ok = retort::select(c<&User::name>).where(
        retort::exists(retort::select(c<&Post::id>).from<Post>().where(c<&Post::user_id> == c<&User::id>)));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).where(
        retort::exists(retort::select(c<&Post::id>).from<Post>().where(c<&Post::user_id> == c<&Team::id>)));
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
