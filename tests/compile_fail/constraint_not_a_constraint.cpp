// add_constraint<C>() given something that is not a constraint: one message.
#include "models.hpp"

int main() {
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::add_constraint<retort::index<&User::name>>();
    (void)bad;
#endif
}
