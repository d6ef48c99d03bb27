// insert<T>().default_values() on a table with NOT NULL columns that have no default:
// one message, naming the first such column.
#include "models.hpp"

int main() {
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert<Post>().default_values();
    (void)bad;
#endif
}
