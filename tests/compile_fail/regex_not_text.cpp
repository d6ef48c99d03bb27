// regex_match on a number: a regular expression tests text.
#include "models.hpp"

int main() {
    (void)retort::regex_match(c<&User::name>, "^a");
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(c<&User::id>).where(retort::regex_match(c<&User::id>, "^1"));
    (void)retort::to_sql<retort::postgresql>(q);
#endif
}
