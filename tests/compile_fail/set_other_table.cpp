// (d) update<User>().set() on a column of another table: one message, also when the
// statement is then rendered (no "an update needs set(...)" follow-on).
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::name> = "Ann");
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&Post::title> = "hello").where(c<&User::id> == 1);
    (void)retort::sql<decltype(bad), retort::sqlite>;  // no follow-on error
    (void)retort::to_sql<retort::postgresql>(bad);
#endif
}
