// A text parameter bound to a value that is not a SQL value type: one message.
#include <vector>

#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT :a">.bind<"a">(std::string("x"));
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::text<"SELECT :a">.bind<"a">(std::vector<User>{});
    (void)bad;
#endif
}
