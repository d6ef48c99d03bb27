// .filter(cond) on a function that is not an aggregate.
#include "models.hpp"

int main() {
    (void)retort::count().filter(c<&User::id> > 1);
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::lower(c<&User::name>).filter(c<&User::id> > 1)).from<User>();
    (void)retort::to_sql<retort::sqlite>(q);
#endif
}
