// for_update().of<T>() with a table that is not in FROM or JOIN.
#include "models.hpp"

int main() {
    using Ok = decltype(retort::select<User>().for_update().of<User>().skip_locked());
    constexpr auto ok = retort::sql<Ok, retort::postgresql>;
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    using Bad = decltype(retort::select<User>().for_update().of<Post>());
    constexpr auto bad = retort::sql<Bad, retort::postgresql>;
    (void)bad;
#endif
}
