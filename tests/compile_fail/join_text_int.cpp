// A join condition that compares a text column with an integer column.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, c<&Post::title>).join<Post>(c<&Post::user_id> == c<&User::id>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>, c<&Post::title>).join<Post>(c<&Post::title> == c<&User::id>);
    (void)bad;
#endif
}
