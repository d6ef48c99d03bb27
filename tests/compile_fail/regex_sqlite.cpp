// A regular expression match rendered for SQLite, which has none built in: a compile-time
// veto whose reason is the first error line, even from inside a subquery.
#include "models.hpp"

int main() {
    auto q = retort::select(c<&User::id>).where(retort::exists(
        retort::select(c<&Post::id>).where(retort::regex_match(c<&Post::title>, "^a") && c<&Post::user_id> == c<&User::id>)));
    (void)retort::sql<decltype(q), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
    (void)retort::to_sql<retort::sqlite>(q);  // no follow-on error
#endif
}
