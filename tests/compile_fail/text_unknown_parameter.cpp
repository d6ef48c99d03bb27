// A text statement bound with a parameter name its SQL does not have (a misspelling):
// one message, naming the parameter.
#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT id FROM users WHERE age > :min_age">.bind<"min_age">(30).columns<std::int64_t>();
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::text<"SELECT id FROM users WHERE age > :min_age">.bind<"minage">(30);
    (void)bad;
#endif
}
