// A window function in HAVING.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>).group_by(c<&User::name>).having(retort::count() > 1);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).group_by(c<&User::name>).having(retort::row_number().over() > 1);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
