// An upsert's do_update() assigning a column of another table: the same rule, and the same
// message, as set() of an update.
#include "models.hpp"

int main() {
    const User u{1, "ann", "ann@example.com", 30};
    auto ok = retort::insert(u).on_conflict<&User::email>().do_update(c<&User::name> = "ann");
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert(u).on_conflict<&User::email>().do_update(c<&Post::title> = "x");
    (void)bad;
#endif
}
