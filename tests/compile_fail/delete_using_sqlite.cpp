// DELETE ... USING is PostgreSQL's: rendering it for SQLite is a named compile-time veto
// whose reason is the first error line.
#include "models.hpp"

int main() {
    auto del = retort::delete_from<Post>().using_<User>().where(c<&User::id> == c<&Post::user_id>);
    (void)retort::sql<decltype(del), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(del), retort::sqlite>;
#endif
}
