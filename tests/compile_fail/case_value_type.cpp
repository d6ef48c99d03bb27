// case_(x).when(value, ...) with a value of another SQL type than x.
#include "models.hpp"

int main() {
    auto ok = retort::select(retort::case_(c<&User::age>).when(30, "thirty").else_("other"));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(retort::case_(c<&User::age>).when("thirty", "thirty").else_("other"));
    (void)bad;
#endif
}
