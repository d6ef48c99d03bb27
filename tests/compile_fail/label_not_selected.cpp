// row.get<"label">() with a label that no select-list item carries.
#include <retort/retort.hpp>

#include "models.hpp"

int main() {
    const auto q = retort::select(c<&User::name>, retort::count().as<"n">()).group_by(c<&User::name>);
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<User>(conn);
    for (const auto& row : conn.execute(q)) {
        (void)row.get<"n">();
#ifdef RETORT_EXPECT_FAIL
        (void)row.get<"count">();
#endif
    }
}
