// retort::row_of<S> of a statement that yields no rows.
#include "models.hpp"

int main() {
    auto q = retort::select(c<&User::name>, c<&User::age>);
    retort::row_of<decltype(q)> row{"Ann", 31};
    (void)row;
#ifdef RETORT_EXPECT_FAIL
    auto u = retort::update<User>().set(c<&User::age> = 3);
    using bad = retort::row_of<decltype(u)>;
    bad* none = nullptr;
    (void)none;
#endif
}
