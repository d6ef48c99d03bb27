// set() of a floating-point value into an integer column: SQLite would store 2.5 as is
// (and every later read of the row fails), PostgreSQL would round it.
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::age> = 3).where(c<&User::id> == 1);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&User::age> = 2.5).where(c<&User::id> == 1);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
