// ON CONFLICT ON CONSTRAINT "name" is PostgreSQL's: rendering it for SQLite is a named veto.
#include "models.hpp"

int main() {
    const User u{0, "ann", "ann@x", 30};
    using S = decltype(retort::insert(u).on_conflict_constraint<"users_email_key">().do_nothing());
    constexpr auto ok = retort::sql<S, retort::postgresql>;
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    constexpr auto bad = retort::sql<S, retort::sqlite>;
    (void)bad;
#endif
}
