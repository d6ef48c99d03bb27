// Assigning a string to an integer column.
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::age> = 3);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&User::age> = "three");
    (void)bad;
#endif
}
