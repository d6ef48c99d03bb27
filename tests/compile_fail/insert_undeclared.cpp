// (c) Inserting a struct that is not a declared table.
#include "models.hpp"

int main() {
    auto ok = retort::insert(User{0, "ann", "ann@example.com", 31});
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::insert(NotDeclared{1, "text"});
    (void)bad;
#endif
}
