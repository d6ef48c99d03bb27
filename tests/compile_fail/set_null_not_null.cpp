// (e) Assigning retort::null to a NOT NULL column (its field is not std::optional).
#include "models.hpp"

int main() {
    auto ok = retort::update<User>().set(c<&User::age> = retort::null);  // age is std::optional
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::update<User>().set(c<&User::name> = retort::null);
    (void)bad;
#endif
}
