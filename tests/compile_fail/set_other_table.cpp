// (d) update<User>().set() on a column of another table.
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::name> = "Ann");
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&Post::title> = "hello");
    (void)bad;
#endif
}
