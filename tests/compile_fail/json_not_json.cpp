// json_get on a text column: the source must be a retort::json expression.
#include "ops_models.hpp"

int main() {
    (void)retort::json_get<std::string>(c<&Doc::body>, "name");
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::json_get<std::string>(c<&User::name>, "name")).from<User>();
    (void)retort::to_sql<retort::postgresql>(q);
#endif
}
