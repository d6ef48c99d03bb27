// A window function in WHERE: filter its result in an enclosing query instead.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, retort::row_number().over(retort::order_by(c<&User::id>)));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).where(retort::row_number().over(retort::order_by(c<&User::id>)) > 1);
    (void)bad;
#endif
}
