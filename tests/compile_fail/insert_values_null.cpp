// insert<T>().values(...) giving NULL to a NOT NULL column: one message.
#include "models.hpp"

int main() {
    auto ok = retort::insert<User>().values(c<&User::name> = "A", c<&User::email> = "e", c<&User::age> = retort::null);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert<User>().values(c<&User::name> = retort::null, c<&User::email> = "e");
    (void)bad;
#endif
}
