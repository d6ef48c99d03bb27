// on_conflict() without a conflict target allows only do_nothing(): PostgreSQL needs a
// target for DO UPDATE.
#include "models.hpp"

int main() {
    const User u{0, "ann", "ann@x", 30};
    auto ok = retort::insert(u).on_conflict().do_nothing();
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert(u).on_conflict().do_update(c<&User::name> = retort::excluded(c<&User::name>));
    (void)bad;
#endif
}
