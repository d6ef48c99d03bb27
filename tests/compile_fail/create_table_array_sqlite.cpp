// An array column (std::vector<T>) exists on PostgreSQL only: CREATE TABLE for SQLite is
// a named compile-time veto whose reason is the first error line. (create_all on a
// connection, whose dialect is known at run time, throws the same sentence instead.)
#include "models.hpp"

#include <vector>

struct Tagged {
    std::int64_t id;
    std::vector<int> tags;
};
template <>
inline constexpr auto retort::table_of<Tagged> = retort::table<Tagged>("tagged", retort::primary_key<&Tagged::id>);

int main() {
    (void)retort::sql<retort::create_table_t<Tagged, false>, retort::postgresql>;
#ifdef RETORT_EXPECT_FAIL
    (void)retort::sql<retort::create_table_t<Tagged, false>, retort::sqlite>;
#endif
}
