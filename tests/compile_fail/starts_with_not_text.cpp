// starts_with / ends_with / contains on an expression that is not text.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(retort::starts_with(c<&User::name>, "an"));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(retort::starts_with(c<&User::age>, "3"));
    (void)bad;
#endif
}
