// (b') ORDER BY a column whose table is not in FROM.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>).order_by(retort::desc(c<&User::name>));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).order_by(retort::desc(c<&Post::title>));
    (void)bad;
#endif
}
