// select(count()) with no from<T>(): an aggregate over no table counts one row of nothing
// (SELECT COUNT(*) is 1). A table-less select of plain values stays valid.
#include "models.hpp"

int main() {
    auto values = retort::select(retort::value(1), retort::value("x"));
    (void)retort::sql<decltype(values), retort::sqlite>;
    auto counted = retort::select(retort::count()).from<User>();
    (void)retort::sql<decltype(counted), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(retort::count());
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
