// A std::chrono::duration field is an INTERVAL, which keeps whole microseconds: a
// nanosecond (or floating-point) count would lose digits, and is a compile error.
#include "models.hpp"

#include <chrono>

struct Lap {
    std::int64_t id;
#ifdef RETORT_EXPECT_FAIL
    std::chrono::nanoseconds time;
#else
    std::chrono::microseconds time;
#endif
};
template <>
inline constexpr auto retort::table_of<Lap> = retort::table<Lap>("laps", retort::primary_key<&Lap::id>);

int main() {
    static_assert(retort::Table<Lap>);
}
