// UNION members that select different numbers of columns.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>).union_(retort::select(c<&Post::title>));
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>).union_(retort::select(c<&Post::title>, c<&Post::id>));
    (void)bad;
#endif
}
