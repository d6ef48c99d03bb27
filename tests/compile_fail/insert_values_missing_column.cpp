// insert<T>().values(...) that leaves out a NOT NULL column without a server default (and
// not the generated key): one message, naming the column ("email").
#include "models.hpp"

int main() {
    auto ok = retort::insert<User>().values(c<&User::name> = "Ann", c<&User::email> = "ann@example.com");
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert<User>().values(c<&User::name> = "Ann");
    (void)retort::sql<decltype(bad), retort::sqlite>;  // no follow-on error
#endif
}
