// An aggregate inside an aggregate (checked where the statement is rendered).
#include "models.hpp"

int main() {
    auto ok = retort::select(retort::sum(c<&User::id>));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(retort::sum(retort::count()));
    (void)retort::sql<decltype(bad), retort::sqlite>;  // checked where the statement is rendered
#endif
}
