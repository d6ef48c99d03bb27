// where() with a non-boolean expression (an integer column).
#include "models.hpp"

int main() {
    auto ok = retort::delete_from<User>().where(c<&User::age> > 3);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::delete_from<User>().where(c<&User::age>);
    (void)bad;
#endif
}
