// ORDER BY an expression that is neither aggregated nor grouped: PostgreSQL refuses it at
// run time ("must appear in the GROUP BY clause"), so it is checked like the select list.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, retort::count())
                  .group_by(c<&User::name>)
                  .order_by(retort::desc(retort::count()), c<&User::name>);
    (void)retort::sql<decltype(ok), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).group_by(c<&User::name>).order_by(c<&User::age>);
    (void)retort::sql<decltype(bad), retort::postgresql>;
#endif
}
