// select<T>() of a struct without a table declaration: the most common first mistake.
// One retort: sentence, not an overload failure; rendering it says nothing more.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(c<&User::id> == 1);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<NotDeclared>().limit(1);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
