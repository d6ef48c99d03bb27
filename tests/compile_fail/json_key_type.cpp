// json_get with a key that is neither text nor an integer index.
#include "ops_models.hpp"

int main() {
    (void)retort::json_get<std::int64_t>(c<&Doc::body>, "items", 0, "id");
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::json_get<std::int64_t>(c<&Doc::body>, "items", 0.5)).from<Doc>();
    (void)retort::to_sql<retort::postgresql>(q);
#endif
}
