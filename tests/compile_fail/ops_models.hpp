// tests/compile_fail/ops_models.hpp — a model with a JSON document, a timestamp and a date,
// for the cases of retort's operators and functions.
#pragma once

#include "models.hpp"

#include <chrono>

struct Doc {
    std::int64_t id;
    retort::json body;
    std::chrono::sys_time<std::chrono::microseconds> at;
    std::chrono::year_month_day day;
};

template <>
inline constexpr auto retort::table_of<Doc> = retort::table<Doc>("docs", retort::primary_key<&Doc::id>);
