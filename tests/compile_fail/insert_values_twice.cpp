// insert<T>().values(...) naming one column twice: one message, naming it.
#include "models.hpp"

int main() {
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert<User>().values(c<&User::name> = "A", c<&User::email> = "e", c<&User::name> = "B");
    (void)bad;
#endif
}
