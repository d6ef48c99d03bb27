// .filter(x) with a condition that is not boolean.
#include "models.hpp"

int main() {
    (void)retort::count().filter(c<&User::id> > 1);
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::count().filter(c<&User::id>)).from<User>();
    (void)retort::to_sql<retort::sqlite>(q);
#endif
}
