// INTERSECT ALL is PostgreSQL's: rendering it for SQLite is a named veto.
#include "models.hpp"

int main() {
    using S = decltype(retort::select(c<&User::id>).intersect_all(retort::select(c<&Post::user_id>)));
    constexpr auto ok = retort::sql<S, retort::postgresql>;
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    constexpr auto bad = retort::sql<S, retort::sqlite>;
    (void)bad;
#endif
}
