// first_into(row) with an object that is not of the result's row type.
#include <retort/retort.hpp>

#include "models.hpp"

struct UserName {
    std::string name;
};

void run(retort::connection& conn) {
    auto q = retort::select(c<&User::name>).where(c<&User::id> == 1);
    retort::row_of<decltype(q)> row;
    (void)conn.execute(q).first_into(row);
#ifdef RETORT_EXPECT_FAIL
    UserName other;
    (void)conn.execute(q).first_into(other);
#endif
}

int main() {}
