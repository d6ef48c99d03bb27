// literal_column<"sql", T> with a T that is not a SQL value type: one message.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::id>, retort::literal_column<"1", int>);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::id>, retort::literal_column<"1", User>);
    (void)bad;
#endif
}
