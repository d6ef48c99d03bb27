// Row values of different lengths.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(retort::tuple_(c<&User::id>, c<&User::name>) == retort::tuple_(1, "ann"));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(retort::tuple_(c<&User::id>, c<&User::name>) == retort::tuple_(1, "ann", 3));
    (void)bad;
#endif
}
