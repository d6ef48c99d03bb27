// A table model with a field that is not a SQL value type (a nested struct).
#include "models.hpp"

struct Address {
    std::string street;
};
struct Customer {
    std::int64_t id;
#ifdef RETORT_EXPECT_FAIL
    Address address;
#else
    std::string address;
#endif
};
template <>
inline constexpr auto retort::table_of<Customer> =
    retort::table<Customer>("customers", retort::primary_key<&Customer::id>);

int main() {
    static_assert(retort::Table<Customer>);
}
