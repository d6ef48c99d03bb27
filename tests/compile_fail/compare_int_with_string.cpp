// (a) Comparing an integer column with a string is a compile error.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(c<&User::age> == 30);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(c<&User::age> == std::string("thirty"));
    (void)bad;
#endif
}
