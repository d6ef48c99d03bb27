// A LATERAL derived table rendered for SQLite: a compile-time dialect veto whose reason is
// the first error line.
#include "models.hpp"

struct Last {
    std::string title;
};
template <>
inline constexpr auto retort::table_of<Last> = retort::table<Last>("last");

int main() {
    auto last = retort::lateral<Last>(retort::select(c<&Post::title>)
                                          .where(c<&Post::user_id> == c<&User::id>)
                                          .order_by(retort::desc(c<&Post::id>))
                                          .limit(1));
    auto q = retort::select(c<&User::name>, c<&Last::title>).from<User>().left_join(last);
    (void)retort::sql<decltype(q), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(q), retort::sqlite>;
    (void)retort::to_sql<retort::sqlite>(q);  // no follow-on error
#endif
}
