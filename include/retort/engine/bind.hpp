// retort/engine/bind.hpp — binding a statement's values to its prepared statement.
//
// A statement visits its values in the order of its SQL's parameters (for_each_value);
// these visitors bind each to the next parameter. They do not depend on the statement's
// type, so each expression node's for_each_value is instantiated once per node type and
// visitor, shared by every statement that contains the node.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>

#include "retort/engine/driver.hpp"
#include "retort/engine/value_io.hpp"
#include "retort/expr/dynamic.hpp"

namespace retort::detail {

/// bind_all's visitor (Direct: SQLite without an observer, `h` its statement handle).
template <bool Direct>
struct bind_each {
    driver::statement& st;
    sqlite3_stmt* const h;
    int index = 0;
    template <class V>
    [[gnu::always_inline]] void operator()(const V& v) {
        if constexpr (requires { typename V::repeated_values_tag; }) {
            v.check();  // a GROUP BY / ORDER BY term written as a select-list position
        } else if constexpr (!std::is_same_v<V, shape_mark>) {
            if constexpr (Direct) {
                if (h == nullptr) __builtin_unreachable();
                bind_value(h, st, index++, v);
            } else {
                bind_value(nullptr, st, index++, v);
            }
        }
    }
};

/// Binds the values of `s` for an execution that ends before the caller's next line
/// (INSERT, UPDATE, DELETE: `s` outlives it). Text and blobs are bound without a copy.
/// (SQLite without an observer: every value straight to sqlite3_bind_*, the statement
/// handle tested once, as hand-written code does; other statements through the driver.)
template <class S>
[[gnu::always_inline]] inline void bind_all(driver::statement& st, const S& s) {
    if (sqlite3_stmt* const h = st.sqlite_direct()) {
        bind_each<true> each{st, h};
        s.for_each_value(each);
    } else {
        bind_each<false> each{st, nullptr};
        s.for_each_value(each);
    }
}

/// Values the database copies when bound (numbers, NULL): nothing to keep alive.
template <class V>
inline constexpr bool bound_by_copy = std::is_arithmetic_v<V> || std::is_same_v<V, null_t>;
template <class V>
inline constexpr bool bound_by_copy<std::optional<V>> = bound_by_copy<V>;

/// bind_kept's visitor: a text or blob value inside [first, last) is bound without a copy.
struct bind_each_kept {
    driver::statement& st;
    const void* const first;
    const void* const last;
    int index = 0;
    template <class V>
    [[gnu::always_inline]] void operator()(const V& v) {
        if constexpr (requires { typename V::repeated_values_tag; }) {
            v.check();
        } else if constexpr (std::is_same_v<V, shape_mark>) {
        } else if constexpr (bound_by_copy<V>) {
            bind_value(st, index++, v);
        } else {
            const std::less<const void*> before;
            const void* const at = __builtin_addressof(v);
            if (!before(at, first) && before(at, last))
                bind_value<false>(st, index++, v);
            else
                bind_value<true>(st, index++, v);
        }
    }
};

/// Binds the values of `kept`, the statement a select result owns, for an execution
/// read after the caller's line (rows are stepped later). A text or blob value that
/// lies inside `kept` lives as long as the result: bound without a copy. Anything else
/// the statement only refers to (a named container given to in()) may die first: the
/// database copies it.
template <class S>
[[gnu::always_inline]] inline void bind_kept(driver::statement& st, const S& kept) {
    bind_each_kept each{st, __builtin_addressof(kept), __builtin_addressof(kept) + 1};
    kept.for_each_value(each);
}

/// bind_copied's visitor: every text and blob value copied by the database.
struct bind_each_copied {
    driver::statement& st;
    int index = 0;
    template <class V>
    void operator()(const V& v) {
        if constexpr (requires { typename V::repeated_values_tag; })
            v.check();
        else if constexpr (!std::is_same_v<V, shape_mark>)
            bind_value<true>(st, index++, v);
    }
};

/// As bind_kept, for a select whose statement could not be kept (not copyable): every
/// text and blob value is copied by the database.
template <class S>
void bind_copied(driver::statement& st, const S& s) {
    bind_each_copied each{st};
    s.for_each_value(each);
}

/// A select's statement that its result could not keep: bound from here.
template <class S>
struct copied_from {
    const S& statement;
};

}  // namespace retort::detail
