// A text parameter bound twice: one message, naming the parameter.
#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT :a">.bind<"a">(1);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = ok.bind<"a">(2);
    (void)bad;
#endif
}
