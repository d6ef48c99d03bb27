// Comparing with a std::optional value: when it is empty the SQL is x = NULL, which is
// unknown and matches no row, silently. is_null(x), *opt or is_not_distinct_from(x, opt)
// say what is meant.
#include "models.hpp"

int main() {
    std::optional<int> wanted;
    auto ok = retort::select<User>().where(retort::is_not_distinct_from(c<&User::age>, wanted));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(c<&User::age> == wanted);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
