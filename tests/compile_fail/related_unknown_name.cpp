// s.related<"nosuch">(obj): the model declares no relationship of that name.
#include "orm_models.hpp"

void use(retort::session& s, Post& p) {
    (void)s.related<"user">(p);
#ifdef RETORT_EXPECT_FAIL
    (void)s.related<"nosuch">(p);
#endif
}

int main() {}
