// retort/engine/interval_io.hpp — std::chrono durations in and out of INTERVAL columns.
//
// A duration field is an INTERVAL on PostgreSQL and INTEGER microseconds on SQLite (the
// drivers' bind_interval / get_interval). Durations count whole microseconds or coarser
// units (retort/types/sql_type.hpp), so binding never rounds; reading checks that the
// value fits the field's type.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <ratio>
#include <string>
#include <type_traits>

#include "retort/engine/driver.hpp"
#include "retort/engine/error.hpp"

namespace retort::detail {

/// An interval read as microseconds into duration type D: data_error when it does not fit
/// D without losing digits (1.5 s into std::chrono::seconds) or D's range.
template <class D>
D interval_into(const driver::statement& st, int col, std::chrono::microseconds v) {
    using period_in_micros = std::ratio_divide<typename D::period, std::micro>;
    constexpr std::int64_t unit = period_in_micros::num;  // microseconds per tick of D
    const std::int64_t ticks = v.count() / unit;
    if (v.count() % unit != 0 || ticks < static_cast<std::int64_t>(std::numeric_limits<typename D::rep>::min()) ||
        static_cast<std::uint64_t>(ticks < 0 ? 0 : ticks) >
            static_cast<std::uint64_t>(std::numeric_limits<typename D::rep>::max()))
        throw data_error("retort: the interval of " + std::to_string(v.count()) + " microseconds in column '" +
                         std::string(st.column_name(col)) +
                         "' does not fit the field's std::chrono::duration type without losing digits or range; "
                         "declare the field with a finer or wider duration (std::chrono::microseconds)");
    return D{static_cast<typename D::rep>(ticks)};
}

/// A duration as microseconds for bind_interval: data_error beyond ±292,000 years.
template <class Rep, class Period>
std::chrono::microseconds interval_micros(std::chrono::duration<Rep, Period> v, int index) {
    using period_in_micros = std::ratio_divide<Period, std::micro>;
    constexpr std::int64_t unit = period_in_micros::num;
    std::int64_t out = 0;
    if (__builtin_mul_overflow(static_cast<std::int64_t>(v.count()), unit, &out) ||
        (std::is_unsigned_v<Rep> && static_cast<std::uint64_t>(v.count()) >
                                        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
        throw data_error("retort: the duration bound as parameter " + std::to_string(index + 1) +
                         " is beyond what an INTERVAL holds (64-bit microseconds)");
    return std::chrono::microseconds{out};
}

}  // namespace retort::detail
