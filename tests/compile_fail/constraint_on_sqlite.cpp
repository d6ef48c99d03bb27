// ALTER TABLE ADD CONSTRAINT rendered for SQLite: the dialect veto's sentence.
#include "models.hpp"

int main() {
    using add = decltype(retort::add_constraint<retort::unique<&User::name>>());
    (void)retort::sql<add, retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<add, retort::sqlite>;
#endif
}
