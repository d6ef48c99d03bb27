// array_agg rendered for SQLite, which has no arrays: a compile-time veto.
#include "models.hpp"

int main() {
    auto q = retort::select(retort::array_agg(c<&Post::id>)).from<Post>();
    (void)retort::sql<decltype(q), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
#endif
}
