// ORDER BY inside an aggregate rendered for SQLite 3.40, which has none: a compile-time veto.
#include "models.hpp"

int main() {
    auto q = retort::select(retort::string_agg(c<&Post::title>, ", ").order_by(c<&Post::id>)).from<Post>();
    (void)retort::sql<decltype(q), retort::postgresql>;
    auto plain = retort::select(retort::string_agg(c<&Post::title>, ", ")).from<Post>();
    (void)retort::sql<decltype(plain), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
    (void)retort::to_sql<retort::sqlite>(q);  // no follow-on error
#endif
}
