// retort/engine/value_io.hpp — moving typed C++ values in and out of a driver statement.
#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/error.hpp"
#include "retort/engine/interval_io.hpp"
#include "retort/engine/postgresql_direct.hpp"
#include "retort/engine/sqlite_direct.hpp"
#include "retort/types/sql_type.hpp"

namespace retort::detail {

// ---- timestamps: "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC, the same text in both databases

inline std::string format_timestamp(std::chrono::sys_time<std::chrono::microseconds> tp) {
    using namespace std::chrono;
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss<microseconds> t{tp - day};
    char buf[32];
    char* p = buf;
    auto put = [&p](long v, int width) {
        char tmp[8];
        auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
        (void)ec;
        for (auto n = end - tmp; n < width; ++n) *p++ = '0';
        for (char* q = tmp; q != end; ++q) *p++ = *q;
    };
    put(static_cast<int>(ymd.year()), 4);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    put(static_cast<unsigned>(ymd.day()), 2);
    *p++ = ' ';
    put(t.hours().count(), 2);
    *p++ = ':';
    put(t.minutes().count(), 2);
    *p++ = ':';
    put(t.seconds().count(), 2);
    // Whole seconds are written without a fraction, as SQLite's datetime() writes them, so
    // that text comparisons with stored values order correctly.
    if (t.subseconds().count() != 0) {
        *p++ = '.';
        put(t.subseconds().count(), 6);
    }
    return std::string(buf, p);
}

inline std::chrono::sys_time<std::chrono::microseconds> parse_timestamp(std::string_view s) {
    using namespace std::chrono;
    auto fail = [&]() -> sys_time<microseconds> {
        throw data_error("retort: '" + std::string(s) +
                         "' is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff])");
    };
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > s.size()) return false;
        auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
        return ec == std::errc{} && p == s.data() + pos + len;
    };
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (!num(0, 4, y) || s.size() < 10 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d))
        return fail();
    long micros = 0;
    if (s.size() > 10) {
        if ((s[10] != ' ' && s[10] != 'T') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) ||
            s[16] != ':' || !num(17, 2, se))
            return fail();
        std::size_t pos = 19;
        if (pos < s.size() && s[pos] == '.') {
            long scale = 100000;
            for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
                micros += (s[pos] - '0') * scale;
        }
        // A "+00" / "Z" suffix (timestamptz in UTC) is accepted; other offsets are not.
        const auto rest = s.substr(pos);
        if (!rest.empty() && rest != "Z" && rest != "+00" && rest != "+00:00") return fail();
    }
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return fail();
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + microseconds{micros};
}

// ---- timestamps with time zone: written in UTC ("...+00:00"), read in any offset

inline std::string format_timestamptz(std::chrono::sys_time<std::chrono::microseconds> tp) {
    return format_timestamp(tp) + "+00:00";
}

/// "YYYY-MM-DD HH:MM:SS[.ffffff]" with an offset "Z", "+HH", "+HH:MM", "+HH:MM:SS" (or
/// none: UTC), as PostgreSQL writes a TIMESTAMPTZ in its session's TimeZone: the UTC instant.
inline std::chrono::sys_time<std::chrono::microseconds> parse_timestamptz(std::string_view s) {
    using namespace std::chrono;
    std::size_t at = 19;
    while (at < s.size() && (s[at] == '.' || (s[at] >= '0' && s[at] <= '9'))) ++at;
    if (s.size() < 19 || at >= s.size() || s[at] == 'Z') return parse_timestamp(s);
    const std::string_view zone = s.substr(at);
    int part[3] = {0, 0, 0};
    std::size_t k = 0, i = 1;
    bool ok = zone[0] == '+' || zone[0] == '-';
    while (ok && i < zone.size() && k < 3) {
        if (i + 2 > zone.size() || zone[i] < '0' || zone[i] > '9' || zone[i + 1] < '0' || zone[i + 1] > '9') {
            ok = false;
            break;
        }
        part[k++] = (zone[i] - '0') * 10 + (zone[i + 1] - '0');
        i += 2;
        if (i < zone.size()) {
            if (zone[i] != ':') ok = false;
            ++i;
        }
    }
    if (!ok || k == 0 || i < zone.size())
        throw data_error("retort: '" + std::string(s) +
                         "' is not a timestamp with time zone (expected YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]])");
    const auto offset = hours{part[0]} + minutes{part[1]} + seconds{part[2]};
    const auto local = parse_timestamp(s.substr(0, at));
    return zone[0] == '+' ? local - offset : local + offset;
}

// ---- dates, times of day, UUIDs: the ISO text both databases read and write

inline void put_padded(std::string& out, long v, int width) {
    char tmp[24];
    auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
    (void)ec;
    for (auto n = end - tmp; n < width; ++n) out += '0';
    out.append(tmp, end);
}

inline std::string format_date(std::chrono::year_month_day d) {
    std::string out;
    put_padded(out, static_cast<int>(d.year()), 4);
    out += '-';
    put_padded(out, static_cast<unsigned>(d.month()), 2);
    out += '-';
    put_padded(out, static_cast<unsigned>(d.day()), 2);
    return out;
}

inline std::chrono::year_month_day parse_date(std::string_view s) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0;
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > s.size()) return false;
        auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
        return ec == std::errc{} && p == s.data() + pos + len;
    };
    // A timestamp's text ("2024-01-01 00:00:00", SQLite DATETIME) is accepted when its time is midnight.
    const auto rest = s.size() > 10 ? s.substr(10) : std::string_view{};
    const bool midnight = rest.empty() || rest == " 00:00:00" || rest == "T00:00:00";
    if (s.size() < 10 || !num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) || !midnight)
        throw data_error("retort: '" + std::string(s) + "' is not a date (expected YYYY-MM-DD)");
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) throw data_error("retort: '" + std::string(s) + "' is not a valid date");
    return ymd;
}

inline std::string format_time(time_of_day t) {
    using namespace std::chrono;
    const hh_mm_ss<microseconds> hms{t.since_midnight};
    std::string out;
    put_padded(out, hms.hours().count(), 2);
    out += ':';
    put_padded(out, hms.minutes().count(), 2);
    out += ':';
    put_padded(out, static_cast<long>(hms.seconds().count()), 2);
    if (hms.subseconds().count()) {
        out += '.';
        put_padded(out, static_cast<long>(hms.subseconds().count()), 6);
    }
    return out;
}

inline time_of_day parse_time(std::string_view s) {
    using namespace std::chrono;
    int h = 0, mi = 0, se = 0;
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > s.size()) return false;
        auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
        return ec == std::errc{} && p == s.data() + pos + len;
    };
    if (!num(0, 2, h) || s.size() < 8 || s[2] != ':' || !num(3, 2, mi) || s[5] != ':' || !num(6, 2, se) || h > 24 ||
        mi > 59 || se > 60)
        throw data_error("retort: '" + std::string(s) + "' is not a time of day (expected HH:MM:SS[.ffffff])");
    long micros = 0;
    std::size_t pos = 8;
    if (pos < s.size() && s[pos] == '.') {
        long scale = 100000;
        for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) micros += (s[pos] - '0') * scale;
    }
    if (pos != s.size())
        throw data_error("retort: '" + std::string(s) + "' is not a time of day (a time zone is not supported)");
    return {hours{h} + minutes{mi} + seconds{se} + microseconds{micros}};
}

inline std::string format_uuid(const uuid& u) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[u.bytes[i] >> 4];
        out += hex[u.bytes[i] & 15];
    }
    return out;
}

inline uuid parse_uuid(std::string_view s) {
    uuid u;
    std::size_t k = 0;
    auto digit = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '-') continue;
        const int hi = digit(s[i]);
        const int lo = i + 1 < s.size() ? digit(s[i + 1]) : -1;
        if (hi < 0 || lo < 0 || k == 16) {
            k = 17;
            break;
        }
        u.bytes[k++] = static_cast<unsigned char>(hi * 16 + lo);
        ++i;
    }
    if (k != 16) throw data_error("retort: '" + std::string(s) + "' is not a UUID");
    return u;
}

// ---- PostgreSQL arrays: "{1,2,3}", '{"a b",c}' (one dimension, no NULL elements)

template <class T>
std::string value_to_text(const T& v);
template <class T>
T value_from_text(std::string_view s);

template <class T>
std::string format_array(const std::vector<T>& values) {
    std::string out = "{";
    bool first = true;
    for (const auto& v : values) {
        if (!first) out += ',';
        first = false;
        out += '"';
        for (char c : value_to_text(v)) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

template <class T>
std::vector<T> parse_array(std::string_view s) {
    auto fail = [&](std::string_view why) -> std::vector<T> {
        throw data_error("retort: '" + std::string(s.substr(0, 60)) + "' is not a one-dimensional array (" +
                         std::string(why) + ")");
    };
    std::vector<T> out;
    if (s.size() < 2 || s.front() != '{' || s.back() != '}') return fail("expected {...}");
    std::size_t i = 1;
    const std::size_t end = s.size() - 1;
    if (i == end) return out;
    std::string item;
    while (i <= end) {
        item.clear();
        bool quoted = false;
        if (s[i] == '{') return fail("nested arrays are not supported");
        if (s[i] == '"') {
            quoted = true;
            for (++i; i < end && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < end) ++i;
                item += s[i];
            }
            if (i >= end) return fail("unterminated quote");
            ++i;
        } else {
            for (; i < end && s[i] != ','; ++i) item += s[i];
        }
        if (!quoted && item == "NULL") return fail("a NULL element cannot be read into std::vector<T>");
        out.push_back(value_from_text<T>(item));
        if (i < end && s[i] != ',') return fail("expected ','");
        ++i;
    }
    return out;
}

template <class T>
std::string value_to_text(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
        return v ? "t" : "f";
    } else if constexpr (std::is_integral_v<T> || std::is_floating_point_v<T>) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        (void)ec;
        return std::string(buf, end);
    } else if constexpr (std::is_same_v<T, std::string>) {
        return v;
    } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
        return format_date(v);
    } else if constexpr (std::is_same_v<T, time_of_day>) {
        return format_time(v);
    } else if constexpr (std::is_same_v<T, uuid>) {
        return format_uuid(v);
    } else if constexpr (requires { v.text; }) {
        return v.text;
    } else if constexpr (requires { typename T::clock; typename T::duration; }) {
        return format_timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(v));
    } else {
        static_assert(MappedValue<T>, "retort: this type cannot be an array element");
        return value_to_text(type_traits<T>::to_db(v));
    }
}

template <class T>
T value_from_text(std::string_view s) {
    if constexpr (std::is_same_v<T, bool>) {
        if (s == "t" || s == "true" || s == "1") return true;
        if (s == "f" || s == "false" || s == "0") return false;
        throw data_error("retort: '" + std::string(s) + "' is not a boolean");
    } else if constexpr (std::is_integral_v<T> || std::is_floating_point_v<T>) {
        T out{};
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc{} || p != s.data() + s.size())
            throw data_error("retort: '" + std::string(s) + "' is not a number of the element type");
        return out;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return std::string(s);
    } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
        return parse_date(s);
    } else if constexpr (std::is_same_v<T, time_of_day>) {
        return parse_time(s);
    } else if constexpr (std::is_same_v<T, uuid>) {
        return parse_uuid(s);
    } else if constexpr (requires(T t) { t.text; }) {
        return T{std::string(s)};
    } else if constexpr (requires { typename T::clock; typename T::duration; }) {
        return std::chrono::time_point_cast<typename T::duration>(parse_timestamp(s));
    } else {
        return type_traits<T>::from_db(value_from_text<typename type_traits<T>::db_type>(s));
    }
}

// ---- binding

/// Binds one value at `index` (defined below).
template <bool Copy = false, class T>
[[gnu::always_inline]] inline void bind_value(driver::statement& st, int index, const T& v);
/// As bind_value, with `h` = st.sqlite_direct() read once by the caller for many values.
template <bool Copy = false, class T>
[[gnu::always_inline]] inline void bind_value(sqlite3_stmt* h, driver::statement& st, int index, const T& v);

/// Values the inline SQLite path binds itself (engine/sqlite_direct.hpp).
template <class U>
inline constexpr bool direct_bindable =
    std::is_arithmetic_v<U> || std::is_same_v<U, std::string> || std::is_same_v<U, std::string_view>;

/// bind_value past the inline SQLite path: the driver's virtual bind_* (and the
/// conversions that come before it). Out of line, so that the inline path stays small.
template <bool Copy, class T>
void bind_through_driver(driver::statement& st, int index, const T& v) {
    using U = std::remove_cvref_t<T>;
    if constexpr (is_optional_v<U>) {
        if (v)
            bind_value<Copy>(st, index, *v);
        else
            st.bind_null(index);
    } else if constexpr (std::is_same_v<U, null_t>) {
        st.bind_null(index);
    } else if constexpr (std::is_same_v<U, bool>) {
        st.bind_bool(index, v);
    } else if constexpr (std::is_integral_v<U>) {
        if constexpr (std::is_unsigned_v<U> && sizeof(U) >= sizeof(std::int64_t)) {
            if (v > static_cast<U>(std::numeric_limits<std::int64_t>::max()))
                throw data_error("retort: the value " + std::to_string(v) +
                                 " does not fit a 64-bit signed SQL integer (parameter " +
                                 std::to_string(index + 1) + ")");
        }
        st.bind_int64(index, static_cast<std::int64_t>(v));
    } else if constexpr (std::is_floating_point_v<U>) {
        st.bind_double(index, static_cast<double>(v));
    } else if constexpr (std::is_same_v<U, std::string>) {
        if constexpr (Copy)
            st.bind_text_copy(index, v);
        else
            st.bind_terminated_text(index, v);
    } else if constexpr (std::is_same_v<U, std::string_view>) {
        if constexpr (Copy)
            st.bind_text_copy(index, v);
        else
            st.bind_text(index, v);
    } else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>) {
        st.bind_text(index, std::string_view{v});
    } else if constexpr (std::is_array_v<U>) {
        st.bind_text(index, std::string_view{v, std::char_traits<char>::length(v)});
    } else if constexpr (std::is_same_v<U, blob>) {
        if constexpr (Copy)
            st.bind_blob_copy(index, std::span<const std::byte>{v});
        else
            st.bind_blob(index, std::span<const std::byte>{v});
    } else if constexpr (requires { typename U::clock; typename U::duration; }) {
        st.bind_text_copy(index, format_timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(v)));
    } else if constexpr (is_timestamptz_v<U>) {
        st.bind_text_copy(index, format_timestamptz(std::chrono::time_point_cast<std::chrono::microseconds>(v.utc)));
    } else if constexpr (is_interval_v<U>) {
        st.bind_interval(index, interval_micros(v, index));
    } else if constexpr (std::is_same_v<U, std::chrono::year_month_day>) {
        st.bind_text_copy(index, format_date(v));
    } else if constexpr (std::is_same_v<U, time_of_day>) {
        st.bind_text_copy(index, format_time(v));
    } else if constexpr (std::is_same_v<U, uuid>) {
        st.bind_text_copy(index, format_uuid(v));
    } else if constexpr (std::is_same_v<U, json> || requires { U::precision; U::scale; v.text; }) {
        if constexpr (Copy)
            st.bind_text_copy(index, v.text);
        else
            st.bind_text(index, v.text);
    } else if constexpr (is_array_value<U>::value) {
        st.bind_text_copy(index, format_array(v));
    } else {
        static_assert(MappedValue<U>, "retort: this type is not a SQL value: specialise retort::type_traits<T>");
        bind_value<true>(st, index, type_traits<U>::to_db(v));
    }
}

/// Binds one value at `index`. Text and blob values are bound without copying: the
/// value must outlive the statement's execution (statements and results keep their
/// values). Values converted on the way (timestamps, user types) are copied by the driver.
/// Numbers, text and NULL go straight to sqlite3_bind_* when the statement allows it
/// (inline: what hand-written code does); everything else through the driver.
template <bool Copy, class T>
[[gnu::always_inline]] inline void bind_value(sqlite3_stmt* h, driver::statement& st, int index, const T& v) {
    using U = std::remove_cvref_t<T>;
    if constexpr (direct_bindable<U>) {
        if (h)
            if (sqlite_direct::bind<Copy>(h, index, v)) [[likely]]
                return;
    } else if constexpr (is_optional_v<U>) {
        if constexpr (direct_bindable<typename U::value_type>) {
            if (h)
                if (v ? sqlite_direct::bind<Copy>(h, index, *v) : sqlite3_bind_null(h, index + 1) == SQLITE_OK)
                    [[likely]]
                    return;
        }
    }
    bind_through_driver<Copy>(st, index, v);
}

template <bool Copy, class T>
[[gnu::always_inline]] inline void bind_value(driver::statement& st, int index, const T& v) {
    using U = std::remove_cvref_t<T>;
    if constexpr (direct_bindable<U> || is_optional_v<U>)
        bind_value<Copy>(st.sqlite_direct(), st, index, v);
    else
        bind_through_driver<Copy>(st, index, v);
}

// ---- reading

[[noreturn]] inline void throw_null_into_non_optional(const driver::statement& st, int col,
                                                       std::string_view type) {
    throw data_error("retort: column '" + std::string(st.column_name(col)) +
                     "' is NULL but is read into a non-optional " + std::string(type) +
                     "; declare the field as std::optional to accept NULL");
}

[[noreturn]] inline void throw_out_of_range(const driver::statement& st, int col, std::int64_t v,
                                             std::string_view type) {
    throw data_error("retort: value " + std::to_string(v) + " in column '" +
                     std::string(st.column_name(col)) + "' is out of range for " + std::string(type));
}

template <class T>
void read_value(const driver::statement& st, int col, T& out);

template <class T>
void read_non_null(const driver::statement& st, int col, T& out) {
    if constexpr (std::is_same_v<T, bool>) {
        out = st.get_bool(col);
    } else if constexpr (std::is_integral_v<T>) {
        const std::int64_t v = st.get_int64(col);
        if constexpr (sizeof(T) < sizeof(std::int64_t) || std::is_unsigned_v<T>) {
            if (v < 0 && std::is_unsigned_v<T>) throw_out_of_range(st, col, v, "an unsigned integer");
            if constexpr (sizeof(T) < sizeof(std::int64_t)) {
                if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                    v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                    throw_out_of_range(st, col, v, std::to_string(sizeof(T) * 8) + "-bit integer");
            }
        }
        out = static_cast<T>(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        out = static_cast<T>(st.get_double(col));
    } else if constexpr (std::is_same_v<T, std::string>) {
        const auto s = st.get_text(col);
        out.assign(s.data(), s.size());
    } else if constexpr (std::is_same_v<T, blob>) {
        const auto b = st.get_blob(col);
        out.assign(b.begin(), b.end());
    } else if constexpr (requires { typename T::clock; typename T::duration; }) {
        out = std::chrono::time_point_cast<typename T::duration>(parse_timestamp(st.get_text(col)));
    } else if constexpr (is_timestamptz_v<T>) {
        out.utc = std::chrono::time_point_cast<typename decltype(out.utc)::duration>(parse_timestamptz(st.get_text(col)));
    } else if constexpr (is_interval_v<T>) {
        out = interval_into<T>(st, col, st.get_interval(col));
    } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
        out = parse_date(st.get_text(col));
    } else if constexpr (std::is_same_v<T, time_of_day>) {
        out = parse_time(st.get_text(col));
    } else if constexpr (std::is_same_v<T, uuid>) {
        out = parse_uuid(st.get_text(col));
    } else if constexpr (std::is_same_v<T, json> || requires { T::precision; T::scale; out.text; }) {
        const auto s = st.get_text(col);
        out.text.assign(s.data(), s.size());
    } else if constexpr (is_array_value<T>::value) {
        out = parse_array<typename T::value_type>(st.get_text(col));
    } else {
        typename type_traits<T>::db_type d{};
        read_non_null(st, col, d);
        out = type_traits<T>::from_db(d);
    }
}

/// Reads column `col` into `out`; NULL into a non-optional is a data_error naming the column.
template <class T>
void read_value(const driver::statement& st, int col, T& out) {
    if constexpr (is_optional_v<T>) {
        if (st.is_null(col)) {
            out.reset();
        } else {
            if (!out) out.emplace();
            read_non_null(st, col, *out);
        }
    } else {
        if (st.is_null(col)) throw_null_into_non_optional(st, col, kind_name(sql_type_of<T>.kind));
        read_non_null(st, col, out);
    }
}

/// read_value for a SQLite statement's sqlite3_stmt `h` (driver::statement::sqlite_direct):
/// the exact expected storage class is read inline, anything else through read_value.
template <class T>
inline void read_value_direct(sqlite3_stmt* h, const driver::statement& st, int col, T& out) {
    if constexpr (is_optional_v<T>) {
        if constexpr (sqlite_direct::readable<typename T::value_type>) {
            if (sqlite_direct::read_nullable(h, col, out)) [[likely]]
                return;
        }
    } else {
        if (sqlite_direct::read(h, col, out)) [[likely]]
            return;
    }
    read_value(st, col, out);
}

/// read_value for the current row `row` of a PostgreSQL result `r`
/// (driver::statement::postgresql_direct): an exact conversion inline, anything else
/// through read_value.
template <class T>
inline void read_value_direct(const PGresult* r, int row, const driver::statement& st, int col, T& out) {
    if constexpr (is_optional_v<T>) {
        if constexpr (postgresql_direct::readable<typename T::value_type>) {
            if (!out) out.emplace();
            if (postgresql_direct::read(r, row, col, *out)) [[likely]]
                return;
        }
    } else {
        if (postgresql_direct::read(r, row, col, out)) [[likely]]
            return;
    }
    read_value(st, col, out);
}

}  // namespace retort::detail
