// extract(part, x) of a text column: x must be a timestamp, a date or a time of day.
#include "ops_models.hpp"

int main() {
    (void)retort::extract(retort::date_part::year, c<&Doc::at>);
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::extract(retort::date_part::year, c<&User::name>)).from<User>();
    (void)retort::to_sql<retort::sqlite>(q);
#endif
}
