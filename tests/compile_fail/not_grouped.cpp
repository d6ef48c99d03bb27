// A selected non-aggregate that is not in GROUP BY (checked where the statement is rendered).
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, retort::count()).group_by(c<&User::name>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>, c<&User::email>, retort::count()).group_by(c<&User::name>);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
