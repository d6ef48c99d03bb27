// An index with an expression key and no name: one message asking for the name.
#include "models.hpp"

int main() {
    auto ok = retort::create_index<"ix_users_lower_name">(retort::lower(c<&User::name>));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::create_index(retort::lower(c<&User::name>));
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
