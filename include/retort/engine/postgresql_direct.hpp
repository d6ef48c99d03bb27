// retort/engine/postgresql_direct.hpp — the inline read path for PostgreSQL results.
//
// A PostgreSQL statement exposes its current result and row
// (driver::statement::postgresql_direct), and the typed code here reads the common
// cases straight from libpq's text values, inline: PQgetvalue and PQgetlength, then the
// conversion — the calls hand-written libpq code makes.
//
// Only a non-empty value that converts exactly takes this path: NULL (which libpq
// reports as an empty value), empty text, "NaN"/"Infinity", booleans, out-of-range or
// malformed numbers, and every other type go through the virtual interface, which owns
// the rules and the error messages. Both paths behave the same; this one is faster.
#pragma once

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <type_traits>

#include "retort/engine/driver.hpp"

namespace retort::detail::postgresql_direct {

/// The decimal text of an integer as PostgreSQL writes it (an optional '-', then 1 to 19
/// digits), into `out`; false for any other text or a value outside int64 (the driver's
/// std::from_chars then decides). Inline and a few instructions a digit: libstdc++'s
/// from_chars costs ~80 instructions on a four-digit key.
inline bool parse_int64(const char* text, int length, std::int64_t& out) noexcept {
    const char* p = text;
    const char* const end = text + length;
    const bool negative = length > 0 && *p == '-';
    p += negative;
    const auto digits = end - p;
    if (digits < 1 || digits > 19) return false;  // 19 digits cannot overflow a uint64
    std::uint64_t v = 0;
    for (; p != end; ++p) {
        const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
        if (d > 9) return false;
        v = v * 10 + d;
    }
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (v > max + (negative ? 1 : 0)) return false;
    out = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
    return true;
}

template <class T>
inline constexpr bool readable = std::is_integral_v<T> || std::is_floating_point_v<T> || std::is_same_v<T, std::string>;

/// Reads column `col` of row `row` of `r` into `out` when it is a non-empty value that
/// converts exactly; false otherwise (the caller then reads through the virtual interface).
template <class T>
inline bool read(const PGresult* r, int row, int col, T& out) {
    if constexpr (readable<T>) {
        const int length = PQgetlength(r, row, col);
        if (length <= 0) return false;  // NULL, empty text, or no such value: the driver decides
        const char* text = PQgetvalue(r, row, col);
        if constexpr (std::is_same_v<T, bool>) {
            if (length != 1 || (text[0] != 't' && text[0] != 'f')) return false;
            out = text[0] == 't';
        } else if constexpr (std::is_integral_v<T>) {
            // Parsed as int64, then narrowed, so that an out-of-range value gets the
            // driver's message (which names the column) rather than a parse failure.
            std::int64_t v = 0;
            if (!parse_int64(text, length, v)) return false;
            if constexpr (std::is_unsigned_v<T>) {
                if (v < 0) return false;
            }
            if constexpr (sizeof(T) < sizeof(std::int64_t)) {
                if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                    v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                    return false;
            }
            out = static_cast<T>(v);
        } else if constexpr (std::is_floating_point_v<T>) {
            double v = 0;
            const auto [end, ec] = std::from_chars(text, text + length, v);
            if (ec != std::errc{} || end != text + length) return false;
            out = static_cast<T>(v);
        } else {
            out.assign(text, static_cast<std::size_t>(length));
        }
        return true;
    } else {
        (void)r, (void)row, (void)col, (void)out;
        return false;
    }
}

}  // namespace retort::detail::postgresql_direct
