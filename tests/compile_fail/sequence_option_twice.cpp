// create_sequence<"name">(...) given the same option twice.
#include "models.hpp"

int main() {
    (void)retort::create_sequence<"ticket_no">(retort::start_with<10>, retort::increment_by<5>);
#ifdef RETORT_EXPECT_FAIL
    (void)retort::create_sequence<"ticket_no">(retort::start_with<10>, retort::start_with<20>);
#endif
}
