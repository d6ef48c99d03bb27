// A derived table whose query reads a table of the FROM / JOIN it is joined into: SQL lets
// only a LATERAL derived table see those (the database would reject the statement at run time).
#include "models.hpp"

struct PostCount {
    std::int64_t user_id;
};
template <>
inline constexpr auto retort::table_of<PostCount> = retort::table<PostCount>("post_counts");

int main() {
    // Correlating through the join's ON is the fix.
    auto ok = retort::select(c<&User::name>)
                  .from<User>()
                  .join(retort::derived<PostCount>(retort::select(c<&Post::user_id>)),
                        c<&PostCount::user_id> == c<&User::id>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>)
                   .from<User>()
                   .join(retort::derived<PostCount>(
                             retort::select(c<&Post::user_id>).where(c<&Post::user_id> == c<&User::id>)),
                         c<&PostCount::user_id> == c<&User::id>);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
