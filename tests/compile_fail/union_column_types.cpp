// EXCEPT members whose columns have incompatible SQL types (text and integer).
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::id>).except_(retort::select(c<&Post::user_id>));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).except_(retort::select(c<&Post::user_id>));
    (void)bad;
#endif
}
