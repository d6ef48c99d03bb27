// array_agg of a NULL-able column: std::vector<T> cannot hold NULL elements.
#include "models.hpp"

int main() {
    (void)retort::array_agg(c<&User::id>);
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::array_agg(c<&User::age>)).from<User>();
    (void)retort::to_sql<retort::postgresql>(q);
#endif
}
