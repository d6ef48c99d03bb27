// json_get<T> with a T a JSON scalar cannot be read as (a date).
#include "ops_models.hpp"

int main() {
    (void)retort::json_get<std::optional<double>>(c<&Doc::body>, "score");
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::json_get<std::chrono::year_month_day>(c<&Doc::body>, "when")).from<Doc>();
    (void)retort::to_sql<retort::postgresql>(q);
#endif
}
