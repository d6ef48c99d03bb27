// nowait() / skip_locked() without a row lock to modify.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().for_share().nowait();
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().skip_locked();
    (void)bad;
#endif
}
