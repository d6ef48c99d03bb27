// SQL text with a ? outside string literals, rendered for SQLite (where ? is a parameter):
// the dialect veto's sentence.
#include "models.hpp"

int main() {
    auto q = retort::text<"SELECT doc ? 'k' FROM docs">.columns<bool>();
    (void)retort::sql<decltype(q), retort::postgresql>;  // the jsonb operator
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
#endif
}
