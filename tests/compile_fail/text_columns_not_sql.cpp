// columns<...>() of a text statement given a type that is not a SQL value type (nor one
// struct to read rows into): one message.
#include <vector>

#include "models.hpp"

int main() {
    auto ok = retort::text<"SELECT id, name FROM users">.columns<std::int64_t, std::string>();
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::text<"SELECT id, name FROM users">.columns<std::int64_t, User*>();
    (void)bad;
#endif
}
