// A TIMESTAMP WITH TIME ZONE column (retort::timestamptz) is not a TIMESTAMP column
// (std::chrono::sys_time): comparing the two is a compile error (PostgreSQL would convert
// one of them through the session's time zone).
#include "models.hpp"

#include <chrono>

struct Shift {
    std::int64_t id;
    std::chrono::sys_time<std::chrono::microseconds> local_start;
    retort::timestamptz<> start;
    retort::timestamptz<> end;
};
template <>
inline constexpr auto retort::table_of<Shift> = retort::table<Shift>("shifts", retort::primary_key<&Shift::id>);

int main() {
    auto ok = retort::select<Shift>().where(c<&Shift::start> < c<&Shift::end>);
    (void)ok;
#ifdef RETORT_EXPECT_FAIL
    auto bad = retort::select<Shift>().where(c<&Shift::start> < c<&Shift::local_start>);
    (void)bad;
#endif
}
