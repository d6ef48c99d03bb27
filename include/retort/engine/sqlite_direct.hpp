// retort/engine/sqlite_direct.hpp — the inline fast path for SQLite statements.
//
// The virtual driver interface costs two calls per value (is_null, then get_*), each
// re-checking the column; on a point select that is most of the distance to hand-written
// sqlite3 code. A SQLite statement therefore also exposes its sqlite3_stmt
// (driver::statement::sqlite_direct), and the typed code here binds and reads the common
// cases through the sqlite3 C API directly, inline: one sqlite3_column_value and one type
// test per value, the same calls hand-written code makes.
//
// Only the exact, expected case takes the fast path: an INTEGER read into an integer, a
// REAL or INTEGER into a floating-point field, TEXT into std::string, BLOB into a blob,
// a successful bind. Everything else (NULL, conversions, mismatches, out-of-range values,
// binds the driver must see) goes through the virtual interface, which owns the rules and
// the error messages. Both paths therefore behave the same; this one is only faster.
#pragma once

#include <sqlite3.h>

#include <climits>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "retort/engine/driver.hpp"

namespace retort::detail::sqlite_direct {

/// Binds `v` at 0-based `index`; false when the driver must do it (the caller then uses
/// the virtual bind_*, which resets a running statement or reports the error).
template <bool Copy, class U>
inline bool bind(sqlite3_stmt* h, int index, const U& v) noexcept {
    if constexpr (std::is_same_v<U, bool>) {
        return sqlite3_bind_int(h, index + 1, v ? 1 : 0) == SQLITE_OK;
    } else if constexpr (std::is_integral_v<U>) {
        if constexpr (std::is_unsigned_v<U> && sizeof(U) >= sizeof(std::int64_t)) {
            if (v > static_cast<U>(std::numeric_limits<std::int64_t>::max())) return false;
        }
        return sqlite3_bind_int64(h, index + 1, static_cast<std::int64_t>(v)) == SQLITE_OK;
    } else if constexpr (std::is_floating_point_v<U>) {
        return sqlite3_bind_double(h, index + 1, static_cast<double>(v)) == SQLITE_OK;
    } else if constexpr (std::is_same_v<U, std::string>) {
        if (v.size() > static_cast<std::size_t>(INT_MAX)) return false;
        return sqlite3_bind_text(h, index + 1, v.data(), static_cast<int>(v.size()),
                                 Copy ? SQLITE_TRANSIENT : SQLITE_STATIC) == SQLITE_OK;
    } else if constexpr (std::is_same_v<U, std::string_view>) {
        // A null data pointer would bind NULL: an empty view binds "" like the driver does.
        if (v.size() > static_cast<std::size_t>(INT_MAX)) return false;
        return sqlite3_bind_text(h, index + 1, v.data() ? v.data() : "", static_cast<int>(v.size()),
                                 Copy ? SQLITE_TRANSIENT : SQLITE_STATIC) == SQLITE_OK;
    } else {
        return false;
    }
}

/// Reads column `col` of the current row into `out` when its storage class is the one
/// `T` expects; false otherwise (the caller then reads through the virtual interface).
template <class T>
inline constexpr bool readable = std::is_integral_v<T> || std::is_floating_point_v<T> ||
                                 std::is_same_v<T, std::string> || std::is_same_v<T, std::vector<std::byte>>;

template <class T>
inline bool read_value(sqlite3_value* v, int type, T& out);

template <class T>
inline bool read(sqlite3_stmt* h, int col, T& out) {
    if constexpr (readable<T>) {
        sqlite3_value* v = sqlite3_column_value(h, col);
        return read_value(v, sqlite3_value_type(v), out);
    } else {
        (void)h, (void)col, (void)out;
        return false;
    }
}

/// As read, into a std::optional: NULL empties it.
template <class T>
inline bool read_nullable(sqlite3_stmt* h, int col, std::optional<T>& out) {
    sqlite3_value* v = sqlite3_column_value(h, col);
    const int type = sqlite3_value_type(v);
    if (type == SQLITE_NULL) {
        out.reset();
        return true;
    }
    if (!out) out.emplace();
    return read_value(v, type, *out);
}

template <class T>
inline bool read_value(sqlite3_value* v, int type, T& out) {
    if constexpr (readable<T>) {
        if constexpr (std::is_same_v<T, bool>) {
            if (type != SQLITE_INTEGER) return false;
            const std::int64_t x = sqlite3_value_int64(v);
            if (x != 0 && x != 1) return false;
            out = x == 1;
        } else if constexpr (std::is_integral_v<T>) {
            if (type != SQLITE_INTEGER) return false;
            const std::int64_t x = sqlite3_value_int64(v);
            if constexpr (std::is_unsigned_v<T>) {
                if (x < 0) return false;
            }
            if constexpr (sizeof(T) < sizeof(std::int64_t)) {
                if (x < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                    x > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                    return false;
            }
            out = static_cast<T>(x);
        } else if constexpr (std::is_floating_point_v<T>) {
            if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) return false;
            out = static_cast<T>(sqlite3_value_double(v));
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (type != SQLITE_TEXT) return false;
            // text first (it may convert), then bytes (the converted length).
            const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
            if (!text) return false;  // out of memory: the driver reports it
            out.assign(text, static_cast<std::size_t>(sqlite3_value_bytes(v)));
        } else {
            if (type != SQLITE_BLOB) return false;
            const auto* data = static_cast<const std::byte*>(sqlite3_value_blob(v));
            out.assign(data, data + sqlite3_value_bytes(v));
        }
        return true;
    } else {
        (void)v, (void)type, (void)out;
        return false;
    }
}

}  // namespace retort::detail::sqlite_direct
