// SELECT ... FOR UPDATE rendered for SQLite: a compile-time dialect veto whose reason is
// the first error line.
#include "models.hpp"

int main() {
    auto q = retort::select<User>().where(c<&User::id> == 1).for_update();
    (void)retort::sql<decltype(q), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
    (void)retort::to_sql<retort::sqlite>(q);  // no follow-on error
#endif
}
