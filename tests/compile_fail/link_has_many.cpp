// link<"name">(obj, target) on a has_many relationship: link sets a belongs_to; a collection
// is changed with related<"name">(obj).push_back(...).
#include "orm_models.hpp"

void use(retort::session& s, User& u, Post& p) {
    s.link<"user">(p, &u);
#ifdef RETORT_EXPECT_FAIL
    s.link<"posts">(u, &p);
#endif
}

int main() {}
