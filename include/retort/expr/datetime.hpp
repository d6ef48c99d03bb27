// retort/expr/datetime.hpp — parts of timestamps and dates, and the current time.
//
// extract(part, x): one field of a timestamp, date or time of day, as a number.
//
//   part                   type          PostgreSQL                                    SQLite
//   date_part::year        std::int64_t  CAST(EXTRACT(YEAR FROM x) AS BIGINT)          CAST(strftime('%Y', x) AS INTEGER)
//   date_part::month       std::int64_t  ... MONTH ...  (1-12)                          ... '%m' ...
//   date_part::day         std::int64_t  ... DAY ...    (1-31)                          ... '%d' ...
//   date_part::hour        std::int64_t  ... HOUR ...   (0-23)                          ... '%H' ...
//   date_part::minute      std::int64_t  ... MINUTE ... (0-59)                          ... '%M' ...
//   date_part::second      double        CAST(EXTRACT(SECOND FROM x) AS DOUBLE PRECISION)  CAST(strftime('%f', x) AS REAL)
//   date_part::dow         std::int64_t  ... DOW ...    (0 = Sunday, both databases)    ... '%w' ...
//   date_part::epoch       double        CAST(EXTRACT(EPOCH FROM x) AS DOUBLE PRECISION)   ((julianday(x) - 2440587.5) * 86400.0)
//
// retort keeps timestamps in UTC: PostgreSQL TIMESTAMP (without time zone), SQLite text
// "YYYY-MM-DD HH:MM:SS[.ffffff]" (types/sql_type.hpp, engine/value_io.hpp), so both read
// the same fields. second includes the fraction (SQLite keeps milliseconds of it); epoch
// is seconds since 1970-01-01 00:00:00 UTC (SQLite: to about a millisecond). The result
// is NULL-able when x is. year, month, day and dow need a timestamp or a date; hour,
// minute and second a timestamp or a time of day; epoch a timestamp or a date.
//
// current_timestamp(), current_date(), current_time(): the time the statement (PostgreSQL:
// the transaction) started, in UTC, typed as the field types retort maps:
//   current_timestamp()  std::chrono::sys_time<std::chrono::microseconds>
//                        SQLite CURRENT_TIMESTAMP (whole seconds)
//                        PostgreSQL (CURRENT_TIMESTAMP AT TIME ZONE 'UTC')
//   current_date()       std::chrono::year_month_day
//                        SQLite CURRENT_DATE, PostgreSQL CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE)
//   current_time()       retort::time_of_day
//                        SQLite CURRENT_TIME, PostgreSQL CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIME)
// On PostgreSQL the bare keywords are of the session's time zone (timestamptz, timetz);
// AT TIME ZONE 'UTC' makes them the UTC values retort stores, whatever the session's zone.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/value.hpp"

namespace retort {

namespace detail {
enum class date_part_id : unsigned char { year, month, day, hour, minute, second, dow, epoch };

struct date_part_info {
    std::string_view pg;       // EXTRACT(<pg> FROM x)
    std::string_view sqlite;   // strftime('<sqlite>', x)
    bool real;                 // double, else std::int64_t
    bool of_date;              // valid on a date
    bool of_time;              // valid on a time of day
};

constexpr date_part_info date_part_of(date_part_id p) {
    switch (p) {
        case date_part_id::year: return {"YEAR", "%Y", false, true, false};
        case date_part_id::month: return {"MONTH", "%m", false, true, false};
        case date_part_id::day: return {"DAY", "%d", false, true, false};
        case date_part_id::hour: return {"HOUR", "%H", false, false, true};
        case date_part_id::minute: return {"MINUTE", "%M", false, false, true};
        case date_part_id::second: return {"SECOND", "%f", true, false, true};
        case date_part_id::dow: return {"DOW", "%w", false, true, false};
        case date_part_id::epoch: return {"EPOCH", "", true, true, false};
    }
    return {};
}
}  // namespace detail

/// A field that extract(part, x) reads: retort::date_part::year ...
template <detail::date_part_id P>
struct date_part_t {
    static constexpr detail::date_part_info info = detail::date_part_of(P);
};

namespace date_part {
inline constexpr date_part_t<detail::date_part_id::year> year{};
inline constexpr date_part_t<detail::date_part_id::month> month{};
inline constexpr date_part_t<detail::date_part_id::day> day{};
inline constexpr date_part_t<detail::date_part_id::hour> hour{};
inline constexpr date_part_t<detail::date_part_id::minute> minute{};
inline constexpr date_part_t<detail::date_part_id::second> second{};
/// Day of the week, 0 = Sunday.
inline constexpr date_part_t<detail::date_part_id::dow> dow{};
/// Seconds since 1970-01-01 00:00:00 UTC.
inline constexpr date_part_t<detail::date_part_id::epoch> epoch{};
}  // namespace date_part

template <detail::date_part_id P, class E>
struct extract_t : detail::expression_tag, detail::labelable<extract_t<P, E>> {
    static constexpr detail::date_part_info part = detail::date_part_of(P);
    using number = std::conditional_t<part.real, double, std::int64_t>;
    using value_type = std::conditional_t<is_nullable_v<E>, std::optional<number>, number>;
    using tables = typename E::tables;
    using columns = typename E::columns;
    static constexpr sql_kind kind = part.real ? sql_kind::real : sql_kind::integer;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr bool is_window = E::is_window;

    E expr;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (D::id == dialect_id::postgresql) {
            w.put("CAST(EXTRACT(");
            w.put(part.pg);
            w.put(" FROM ");
            E::template render<D>(w);
            w.put(part.real ? ") AS DOUBLE PRECISION)" : ") AS BIGINT)");
        } else if constexpr (P == detail::date_part_id::epoch) {
            w.put("((julianday(");
            E::template render<D>(w);
            w.put(") - 2440587.5) * 86400.0)");
        } else {
            w.put("CAST(strftime('");
            w.put(part.sqlite);
            w.put("', ");
            E::template render<D>(w);
            w.put(part.real ? ") AS REAL)" : ") AS INTEGER)");
        }
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        expr.for_each_value(f);
    }
};

namespace detail {
template <date_part_id P, class E>
consteval bool check_extract() {
    constexpr sql_kind k = kind_of<E>;
    constexpr date_part_info part = date_part_of(P);
    static_assert(k == sql_kind::timestamp || k == sql_kind::date || k == sql_kind::time,
                  "retort: extract(part, x) reads a timestamp, a date or a time of day; x is none of them");
    static_assert(k != sql_kind::date || part.of_date,
                  "retort: extract(part, x): a date has no hour, minute or second; cast the date to a timestamp "
                  "first, or extract year / month / day / dow / epoch");
    static_assert(k != sql_kind::time || part.of_time,
                  "retort: extract(part, x): a time of day has only hour, minute and second");
    return (k == sql_kind::timestamp) || (k == sql_kind::date && part.of_date) || (k == sql_kind::time && part.of_time);
}
}  // namespace detail

/// EXTRACT(part FROM x): extract(retort::date_part::year, c<&Event::at>) — see the table above.
template <detail::date_part_id P, Expression E>
constexpr auto extract(date_part_t<P>, E&& e) {
    using X = std::remove_cvref_t<E>;
    if constexpr (detail::check_extract<P, X>())
        return extract_t<P, X>{{}, {}, std::forward<E>(e)};
    else
        return value_t<std::int64_t>{{}, 0};  // already reported: nothing more
}

// ---- the current time: SQL keywords without parentheses

namespace detail {
enum class now_kind : unsigned char { timestamp, date, time };
}

template <detail::now_kind K>
struct current_time_t : detail::expression_tag, detail::labelable<current_time_t<K>> {
    using value_type = std::conditional_t<
        K == detail::now_kind::timestamp, std::chrono::sys_time<std::chrono::microseconds>,
        std::conditional_t<K == detail::now_kind::date, std::chrono::year_month_day, time_of_day>>;
    using tables = detail::type_list<>;
    static constexpr sql_kind kind = sql_type_of<value_type>.kind;
    static constexpr bool never_null = true;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if constexpr (D::id == dialect_id::sqlite)
            w.put(K == detail::now_kind::timestamp ? "CURRENT_TIMESTAMP"
                  : K == detail::now_kind::date    ? "CURRENT_DATE"
                                                   : "CURRENT_TIME");
        else
            w.put(K == detail::now_kind::timestamp ? "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')"
                  : K == detail::now_kind::date    ? "CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE)"
                                                   : "CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIME)");
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// CURRENT_TIMESTAMP in UTC, as std::chrono::sys_time<std::chrono::microseconds>.
constexpr current_time_t<detail::now_kind::timestamp> current_timestamp() { return {}; }
/// CURRENT_DATE in UTC, as std::chrono::year_month_day.
constexpr current_time_t<detail::now_kind::date> current_date() { return {}; }
/// CURRENT_TIME in UTC, as retort::time_of_day.
constexpr current_time_t<detail::now_kind::time> current_time() { return {}; }

}  // namespace retort
