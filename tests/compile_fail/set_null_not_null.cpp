// (e) Assigning retort::null to a NOT NULL column (its field is not std::optional): one
// message, also when the statement is then rendered.
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::age> = retort::null);  // age is std::optional
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&User::name> = retort::null).where(c<&User::id> == 1);
    (void)retort::sql<decltype(bad), retort::sqlite>;  // no follow-on error
    (void)retort::to_sql<retort::postgresql>(bad);
#endif
}
