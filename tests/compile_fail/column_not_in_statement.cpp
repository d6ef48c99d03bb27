// (b) WHERE on a column whose table is not in FROM: posts.id on a select from users.
#include "models.hpp"

int main() {
    auto ok = retort::select<User>().where(c<&User::id> == 1);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<User>().where(c<&Post::id> == 1);
    (void)bad;
#endif
}
