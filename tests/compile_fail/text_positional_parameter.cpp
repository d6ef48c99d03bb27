// SQL text with a positional parameter ($1) instead of a named one: one message.
#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT name FROM users WHERE id = :id">.bind<"id">(1).columns<std::string>();
    (void)retort::sql<decltype(ok), retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::text<"SELECT name FROM users WHERE id = $1">.columns<std::string>();
    (void)retort::sql<decltype(bad), retort::postgresql>;
#endif
}
