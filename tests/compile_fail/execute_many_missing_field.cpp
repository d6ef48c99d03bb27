// execute_many(statement, items) whose items have no field named as a parameter.
#include <retort/retort.hpp>

#include "models.hpp"

struct Rename {
    std::int64_t id;
    std::string name;
};
struct Misnamed {
    std::int64_t user_id;  // the statement's parameter is "id"
    std::string name;
};

void run(retort::connection& conn) {
    auto q = retort::update<User>()
                 .set(c<&User::name> = retort::param<"name", std::string>)
                 .where(c<&User::id> == retort::param<"id", std::int64_t>);
    (void)conn.execute_many(q, std::vector<Rename>{{1, "Ann"}});
#ifdef RETORT_EXPECT_FAIL
    (void)conn.execute_many(q, std::vector<Misnamed>{{1, "Ann"}});
#endif
}

int main() {}
