// ORDER BY an expression on a UNION: only result columns may be named there.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>).union_(retort::select(c<&Post::title>)).order_by(c<&User::name>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).union_(retort::select(c<&Post::title>)).order_by(retort::lower(c<&User::name>));
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
