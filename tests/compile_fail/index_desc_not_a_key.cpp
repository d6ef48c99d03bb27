// desc<&T::f>() on an index sorts one of its keys descending; naming a member that is not
// a key of the index is a named error, not an index silently made without it.
#include "models.hpp"

struct Reading {
    std::int64_t id;
    std::string sensor;
    std::int64_t taken_at;
};
#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::table_of<Reading> = retort::table<Reading>(
    "readings", retort::primary_key<&Reading::id>, retort::index<&Reading::sensor>.desc<&Reading::taken_at>());
#else
template <>
inline constexpr auto retort::table_of<Reading> = retort::table<Reading>(
    "readings", retort::primary_key<&Reading::id>,
    retort::index<&Reading::sensor, &Reading::taken_at>.desc<&Reading::taken_at>());
#endif

int main() {
#ifndef RETORT_EXPECT_FAIL
    static_assert(retort::sql<retort::create_index_t<Reading, 1>, retort::sqlite> ==
                  R"(CREATE INDEX IF NOT EXISTS "ix_readings_sensor_taken_at" ON "readings" ("sensor", "taken_at" DESC))");
#endif
}
