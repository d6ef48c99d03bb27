// lag(x, offset, default) with a default whose SQL type differs from x's.
#include "models.hpp"

int main() {
    auto ok = retort::select(retort::lag(c<&User::name>, 1, "none").over());
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(retort::lag(c<&User::name>, 1, 0).over());
    (void)bad;
#endif
}
