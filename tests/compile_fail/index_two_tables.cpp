// create_index(...) with keys of two tables: one message.
#include "models.hpp"

int main() {
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::create_index<"ix_mixed">(c<&User::name>, c<&Post::title>);
    (void)retort::sql<decltype(bad), retort::postgresql>;
#endif
}
