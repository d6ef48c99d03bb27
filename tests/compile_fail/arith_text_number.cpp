// Arithmetic on a text and a number.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name> + "!", c<&User::age> + 1);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name> + 1);
    (void)bad;
#endif
}
