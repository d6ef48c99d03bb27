// Rows of a multi-row insert<T>().values(...).values(...) that name different columns.
#include "models.hpp"

int main() {
    auto one = retort::insert<User>().values(c<&User::name> = "A", c<&User::email> = "a");
    auto ok = one.values(c<&User::name> = "B", c<&User::email> = "b");
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = one.values(c<&User::email> = "b", c<&User::name> = "B");
    (void)retort::sql<decltype(bad), retort::postgresql>;  // no follow-on error
#endif
}
