// string_agg of a number: it joins text.
#include "models.hpp"

int main() {
    (void)retort::string_agg(c<&User::name>, ",");
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(retort::string_agg(c<&User::id>, ",")).from<User>();
    (void)retort::to_sql<retort::sqlite>(q);
#endif
}
