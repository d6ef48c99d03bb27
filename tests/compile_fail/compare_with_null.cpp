// Comparing with retort::null (always unknown in SQL): is_null() is the way.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(retort::is_null(c<&User::age>));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(c<&User::age> == retort::null);
    (void)bad;
#endif
}
