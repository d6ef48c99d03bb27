// update<User>().set(column = <a column of another table>): the value's table is not in the UPDATE.
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::name> = c<&User::email>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&User::name> = c<&Post::title>);
    (void)retort::sql<decltype(bad), retort::sqlite>;  // checked where it is rendered
#endif
}
