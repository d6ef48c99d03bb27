// row_number() used without over(): it is not an expression until it has a window.
#include "models.hpp"

int main() {
    auto ok = retort::select(c<&User::name>, retort::row_number().over());
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select(c<&User::name>, retort::row_number());
    (void)retort::sql<decltype(bad), retort::sqlite>;
#endif
}
