// extract(hour, x) of a date: a date has no time of day.
#include "ops_models.hpp"

int main() {
    (void)retort::extract(retort::date_part::dow, c<&Doc::day>);
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::extract(retort::date_part::hour, c<&Doc::day>)).from<Doc>();
    (void)retort::to_sql<retort::sqlite>(q);
#endif
}
