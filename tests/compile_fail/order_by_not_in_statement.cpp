// (b') ORDER BY a column whose table is not in FROM.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>).order_by(retort::desc(c<&User::name>));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).order_by(retort::desc(c<&Post::title>));
    (void)retort::sql<decltype(bad), retort::sqlite>;  // the whole statement is checked where it is rendered
#endif
}
