// A text statement run (or rendered) with a parameter left unbound: one message, naming
// the parameter, where the statement is rendered.
#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT id FROM users WHERE age > :min_age AND name = :name">.bind<"name">("Ann");
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<decltype(ok), retort::postgresql>;
#endif
}
