// (b) WHERE on a column whose table is not in FROM: posts.id on a select from users.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(c<&User::id> == 1);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(c<&Post::id> == 1);
    (void)retort::sql<decltype(bad), retort::sqlite>;  // the whole statement is checked where it is rendered
#endif
}
