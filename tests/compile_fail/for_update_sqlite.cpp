// SELECT ... FOR UPDATE rendered for SQLite: a compile-time dialect veto.
#include "models.hpp"

int main() {
    auto q = retort::select<User>().where(c<&User::id> == 1).for_update();
    (void)retort::sql<decltype(q), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
#endif
}
