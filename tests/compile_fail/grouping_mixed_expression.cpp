// An ungrouped column combined with an aggregate in one selected expression.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, retort::count() + 1).group_by(c<&User::name>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>, retort::count() + c<&User::id>).group_by(c<&User::name>);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
