// (h) c<&T::f> where T has no table declaration.
#include "models.hpp"

int main() {
    auto ok = c<&User::name>;
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = c<&NotDeclared::text>;
    (void)bad;
#endif
}
