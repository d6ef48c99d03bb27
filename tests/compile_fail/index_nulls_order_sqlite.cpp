// NULLS LAST in an index key, rendered for SQLite: the dialect veto's sentence.
#include "models.hpp"

int main() {
    auto ix = retort::create_index<"ix_age">(retort::desc(c<&User::age>).nulls_last());
    (void)retort::sql<decltype(ix), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(ix), retort::sqlite>;
#endif
}
