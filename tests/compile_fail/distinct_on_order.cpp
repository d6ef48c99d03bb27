// distinct_on(cols) whose ORDER BY does not start with cols (PostgreSQL refuses it at run time).
#include "models.hpp"

int main() {
    using Ok = decltype(retort::select<Post>().distinct_on(c<&Post::user_id>).order_by(c<&Post::user_id>, c<&Post::id>));
    constexpr auto ok = retort::sql<Ok, retort::postgresql>;
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    using Bad = decltype(retort::select<Post>().distinct_on(c<&Post::user_id>).order_by(c<&Post::id>));
    constexpr auto bad = retort::sql<Bad, retort::postgresql>;
    (void)bad;
#endif
}
