// retort/types/sql_type.hpp — which C++ types are SQL values, and what SQL type they are.
//
// Extension point: specialise retort::type_traits<T> for your own value type with
//
//     template <> struct retort::type_traits<Money> {
//         using db_type = std::int64_t;                  // a built-in retort value type
//         static db_type to_db(const Money& m);          // C++ → database
//         static Money from_db(db_type v);               // database → C++ (may throw data_error)
//     };
//
// Built-in value types: bool; signed and unsigned integers of every width; float,
// double; std::string (and std::string_view / const char* as bound values);
// retort::blob (std::vector<std::byte>); std::chrono::sys_time<Duration> (timestamps,
// stored as UTC); retort::timestamptz<Duration> (TIMESTAMP WITH TIME ZONE: an instant);
// std::chrono::duration<Rep, Period> with an integer Rep and a period of whole
// microseconds or coarser (PostgreSQL INTERVAL; SQLite INTEGER microseconds);
// std::chrono::year_month_day (DATE); retort::time_of_day (TIME);
// retort::decimal<P, S> (NUMERIC(P, S), kept as text); retort::uuid; retort::json;
// std::vector<T> of a scalar (PostgreSQL arrays). std::optional<T> of any of them is the
// NULL-able form.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace retort {

/// The binary large object type: BLOB on SQLite, BYTEA on PostgreSQL.
using blob = std::vector<std::byte>;

/// The families of SQL types retort type-checks against each other.
enum class sql_kind : unsigned char {
    integer, real, text, boolean, blob, timestamp,
    date, time, decimal, uuid, json, array,
    timestamptz, interval
};

constexpr std::string_view kind_name(sql_kind k) noexcept {
    switch (k) {
        case sql_kind::integer: return "integer";
        case sql_kind::real: return "real";
        case sql_kind::text: return "text";
        case sql_kind::boolean: return "boolean";
        case sql_kind::blob: return "blob";
        case sql_kind::timestamp: return "timestamp";
        case sql_kind::date: return "date";
        case sql_kind::time: return "time";
        case sql_kind::decimal: return "decimal";
        case sql_kind::uuid: return "uuid";
        case sql_kind::json: return "json";
        case sql_kind::array: return "array";
        case sql_kind::timestamptz: return "timestamp with time zone";
        case sql_kind::interval: return "interval";
    }
    return "?";
}

/// A column's SQL type: the kind, and for integers the width in bits (for DDL).
/// Decimals carry precision and scale (0 = unconstrained NUMERIC); arrays their element.
struct sql_type {
    sql_kind kind;
    unsigned char bits = 0;
    bool is_unsigned = false;
    unsigned short precision = 0;
    unsigned short scale = 0;
    sql_kind element = sql_kind::integer;  // arrays: the element's kind
    unsigned char element_bits = 0;        // arrays: the element's width (integers, reals)
    std::string_view ddl{};                // decimals: "NUMERIC(10,2)" (same in both dialects)
};

// ---- value types beyond the C++ built-ins ---------------------------------------------

/// An exact decimal number, NUMERIC(Precision, Scale) in DDL (`decimal<>` is NUMERIC
/// without limits). The value is kept as the decimal text the database sent ("12.50"),
/// so nothing is lost to binary floating point; to_double() is there for arithmetic.
template <unsigned Precision = 0, unsigned Scale = 0>
struct decimal {
    static_assert(Precision <= 1000 && Scale <= Precision,
                  "retort: decimal<P, S> needs P <= 1000 and S <= P (0, 0 means unconstrained)");
    static constexpr unsigned precision = Precision;
    static constexpr unsigned scale = Scale;

    std::string text;

    double to_double() const { return std::stod(text); }
    friend bool operator==(const decimal&, const decimal&) = default;
};

/// An instant for a TIMESTAMP WITH TIME ZONE column (PostgreSQL TIMESTAMPTZ; on SQLite
/// TIMESTAMPTZ text "YYYY-MM-DD HH:MM:SS[.ffffff]+00:00"). It holds the UTC time point;
/// values read back in another offset ("2024-03-01 13:30:00+05:30", PostgreSQL's session
/// TimeZone) are converted to UTC. A column of this type is a different SQL type from a
/// std::chrono::sys_time one (TIMESTAMP, without zone): comparing the two does not compile.
///
///     retort::timestamptz<> at{std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now())};
template <class Duration = std::chrono::microseconds>
struct timestamptz {
    std::chrono::sys_time<Duration> utc{};
    friend auto operator<=>(const timestamptz&, const timestamptz&) = default;
};

/// A time of day (TIME): microseconds since midnight.
struct time_of_day {
    std::chrono::microseconds since_midnight{0};
    friend auto operator<=>(const time_of_day&, const time_of_day&) = default;
};

/// A UUID (PostgreSQL UUID; text on SQLite), read and written as
/// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
struct uuid {
    std::array<unsigned char, 16> bytes{};
    friend auto operator<=>(const uuid&, const uuid&) = default;
};

/// A JSON document, kept as its text (PostgreSQL JSONB, SQLite JSON text).
struct json {
    std::string text;
    friend bool operator==(const json&, const json&) = default;
};

/// Customisation point for user value types (see the top of this header).
template <class T>
struct type_traits {};

namespace detail {

template <class T>
struct builtin_sql_type {};

template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, wchar_t> &&
             !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>)
struct builtin_sql_type<T> {
    static constexpr sql_type type{sql_kind::integer, sizeof(T) * 8, std::is_unsigned_v<T>};
};
template <>
struct builtin_sql_type<bool> {
    static constexpr sql_type type{sql_kind::boolean};
};
template <>
struct builtin_sql_type<float> {
    static constexpr sql_type type{sql_kind::real, 32};
};
template <>
struct builtin_sql_type<double> {
    static constexpr sql_type type{sql_kind::real, 64};
};
template <>
struct builtin_sql_type<std::string> {
    static constexpr sql_type type{sql_kind::text};
};
template <>
struct builtin_sql_type<blob> {
    static constexpr sql_type type{sql_kind::blob};
};
template <class Duration>
struct builtin_sql_type<std::chrono::sys_time<Duration>> {
    static constexpr sql_type type{sql_kind::timestamp};
};
template <class Duration>
struct builtin_sql_type<timestamptz<Duration>> {
    static constexpr sql_type type{sql_kind::timestamptz};
};
/// Durations with an integer count of whole microseconds or coarser units: INTERVAL keeps
/// microseconds, so finer durations (std::chrono::nanoseconds) would lose digits.
template <class Rep, class Period>
    requires std::integral<Rep> && (std::ratio_divide<Period, std::micro>::den == 1)
struct builtin_sql_type<std::chrono::duration<Rep, Period>> {
    static constexpr sql_type type{sql_kind::interval};
};
template <>
struct builtin_sql_type<std::chrono::year_month_day> {
    static constexpr sql_type type{sql_kind::date};
};
template <>
struct builtin_sql_type<time_of_day> {
    static constexpr sql_type type{sql_kind::time};
};
/// "NUMERIC", or "NUMERIC(P,S)", as read-only text.
template <unsigned P, unsigned S>
inline constexpr auto numeric_ddl_text = [] {
    std::array<char, 24> out{};
    std::size_t n = 0;
    for (char c : std::string_view{"NUMERIC"}) out[n++] = c;
    if (P != 0) {
        auto put = [&](unsigned v) {
            char digits[8]{};
            std::size_t k = 0;
            do {
                digits[k++] = static_cast<char>('0' + v % 10);
                v /= 10;
            } while (v);
            while (k) out[n++] = digits[--k];
        };
        out[n++] = '(';
        put(P);
        out[n++] = ',';
        put(S);
        out[n++] = ')';
    }
    return out;
}();

template <unsigned P, unsigned S>
struct builtin_sql_type<decimal<P, S>> {
    static constexpr sql_type type{sql_kind::decimal, 0, false, P, S, sql_kind::integer, 0,
                                   std::string_view{numeric_ddl_text<P, S>.data()}};
};
template <>
struct builtin_sql_type<uuid> {
    static constexpr sql_type type{sql_kind::uuid};
};
template <>
struct builtin_sql_type<json> {
    static constexpr sql_type type{sql_kind::json};
};

template <class T>
concept Builtin = requires { builtin_sql_type<T>::type; };

/// Element types a std::vector<T> array column may hold.
template <class T>
concept ArrayElement = Builtin<T> && !std::same_as<T, std::byte> && !std::same_as<T, blob> &&
                       builtin_sql_type<T>::type.kind != sql_kind::array &&
                       builtin_sql_type<T>::type.kind != sql_kind::interval &&
                       builtin_sql_type<T>::type.kind != sql_kind::timestamptz;

template <ArrayElement T>
struct builtin_sql_type<std::vector<T>> {
    static constexpr sql_type type{sql_kind::array, 0, false, 0, 0, builtin_sql_type<T>::type.kind,
                                   builtin_sql_type<T>::type.bits};
};

/// retort::timestamptz values, and durations that are SQL intervals.
template <class T>
inline constexpr bool is_timestamptz_v = false;
template <class D>
inline constexpr bool is_timestamptz_v<timestamptz<D>> = true;
template <class T>
inline constexpr bool is_interval_v = false;
template <class Rep, class Period>
inline constexpr bool is_interval_v<std::chrono::duration<Rep, Period>> =
    Builtin<std::chrono::duration<Rep, Period>>;
/// A std::chrono::duration that cannot be an interval (a floating-point count, or ticks
/// finer than a microsecond): named in the table's error message.
template <class T>
inline constexpr bool is_unfit_duration_v = false;
template <class Rep, class Period>
inline constexpr bool is_unfit_duration_v<std::chrono::duration<Rep, Period>> =
    !Builtin<std::chrono::duration<Rep, Period>>;

/// std::vector<T> array values (not retort::blob).
template <class T>
struct is_array_value : std::false_type {};
template <ArrayElement T>
struct is_array_value<std::vector<T>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

}  // namespace detail

/// A user type mapped through retort::type_traits<T> onto a built-in value type.
template <class T>
concept MappedValue = requires(const T& v, const typename type_traits<T>::db_type& d) {
    requires detail::Builtin<typename type_traits<T>::db_type>;
    { type_traits<T>::to_db(v) } -> std::convertible_to<typename type_traits<T>::db_type>;
    { type_traits<T>::from_db(d) } -> std::same_as<T>;
};

/// A type that can be a (non-NULL) column value.
template <class T>
concept ColumnValue = detail::Builtin<T> || MappedValue<T>;

template <class T>
inline constexpr bool is_optional_v = detail::is_optional<T>::value;

/// `std::optional<U>` → U; anything else unchanged.
template <class T>
struct unwrap_optional {
    using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
    using type = T;
};
template <class T>
using unwrap_optional_t = typename unwrap_optional<T>::type;

/// A type that can be a field of a model: a column value or an optional one.
template <class T>
concept FieldValue = ColumnValue<unwrap_optional_t<T>>;

namespace detail {
template <class T>
consteval sql_type sql_type_of_impl() {
    using U = unwrap_optional_t<T>;
    if constexpr (Builtin<U>)
        return builtin_sql_type<U>::type;
    else
        return builtin_sql_type<typename type_traits<U>::db_type>::type;
}

/// The type a bound value of type T is classified as (text for string-likes).
template <class T>
struct bound_value_kind {};
template <FieldValue T>
struct bound_value_kind<T> {
    static constexpr sql_kind kind = sql_type_of_impl<T>().kind;
};
template <>
struct bound_value_kind<std::string_view> {
    static constexpr sql_kind kind = sql_kind::text;
};
template <>
struct bound_value_kind<const char*> {
    static constexpr sql_kind kind = sql_kind::text;
};
template <>
struct bound_value_kind<char*> {
    static constexpr sql_kind kind = sql_kind::text;
};
template <std::size_t N>
struct bound_value_kind<char[N]> {
    static constexpr sql_kind kind = sql_kind::text;
};
}  // namespace detail

template <FieldValue T>
inline constexpr sql_type sql_type_of = detail::sql_type_of_impl<T>();

/// Anything that can be sent as a bound parameter (column values, string views, literals).
template <class T>
concept BindableValue = requires { detail::bound_value_kind<std::remove_cvref_t<T>>::kind; };

template <BindableValue T>
inline constexpr sql_kind bound_kind_of = detail::bound_value_kind<std::remove_cvref_t<T>>::kind;

/// Whether values of two kinds may be compared or combined: numbers (integer, real,
/// decimal) with numbers,
/// otherwise the same kind.
constexpr bool kinds_compatible(sql_kind a, sql_kind b) noexcept {
    const auto numeric = [](sql_kind k) {
        return k == sql_kind::integer || k == sql_kind::real || k == sql_kind::decimal;
    };
    return a == b || (numeric(a) && numeric(b));
}

/// The NULL literal, for `set(c<&User::age> = retort::null)` and comparisons.
struct null_t {
    explicit constexpr null_t() = default;
};
inline constexpr null_t null{};

}  // namespace retort
