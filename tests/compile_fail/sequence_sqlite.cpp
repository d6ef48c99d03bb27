// next_value<"name">() in a select rendered for SQLite: a compile-time dialect veto found
// while the expression renders, whose reason is the first error line.
#include "models.hpp"

int main() {
    auto q = retort::select(c<&User::name>, retort::next_value<"ticket_no">()).from<User>();
    (void)retort::sql<decltype(q), retort::postgresql>;
    (void)retort::sql<decltype(retort::create_sequence<"ticket_no">(retort::start_with<10>)), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
    (void)retort::to_sql<retort::sqlite>(q);  // no follow-on error
#endif
}
