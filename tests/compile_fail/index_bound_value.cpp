// A partial index whose WHERE condition holds a bound value (DDL takes no parameters):
// one message saying to write the constant as SQL.
#include "models.hpp"

int main() {
    auto ok = retort::create_index<"ix_adults">(c<&User::age>).where(c<&User::age> > retort::literal_column<"18", int>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::create_index<"ix_adults">(c<&User::age>).where(c<&User::age> > 18);
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
