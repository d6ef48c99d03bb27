// retort/stmt/sql.hpp — a statement's SQL text, computed at compile time.
//
//   static_assert(retort::sql<decltype(q), retort::sqlite> == "SELECT ...");
//
// The text lives in read-only data as a std::array<char, N> per statement type and
// dialect: "size, then fill" runs the same render code twice in a constant expression.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

#include "retort/dialect/dialect.hpp"
#include "retort/expr/dynamic.hpp"
#include "retort/expr/expression_veto.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

namespace detail {

/// The whole-statement rules of S (a statement type may define `static consteval bool check()`).
template <class S>
consteval bool check_statement() {
    if constexpr (requires { S::check(); })
        return S::check();
    else
        return true;
}

/// A compile-time veto when S uses SQL that dialect D lacks: its own sentence, first.
template <class S, class D>
consteval bool check_dialect() {
    return veto_t<S, D>::template allowed<S>();
}

/// One counting pass gives the text's size, its parameter count and whether its shape
/// depends on run-time data; it is computed once per statement type and dialect.
struct render_info {
    std::size_t size;
    int params;
    bool dynamic;
    unsigned char veto;  // the first expression veto met (expr/expression_veto.hpp)
    int named_params;  // retort::param placeholders (expr/param.hpp)
};

template <class S, class D>
consteval render_info measure() {
    sql_writer w;
    S::template render<D>(w);
    return {w.size, w.params, w.saw_dynamic, w.veto, w.named_params};
}

template <class S, class D>
inline constexpr render_info info = measure<S, D>();

template <class S, class D>
consteval std::size_t rendered_size() {
    return info<S, D>.size;
}

template <class S, class D>
consteval auto render_text() {
    std::array<char, rendered_size<S, D>() + 1> text{};
    sql_writer w{text.data()};
    S::template render<D>(w);
    return text;
}

template <class S, class D>
consteval int count_params() {
    return info<S, D>.params;
}

/// Whether S's SQL depends on run-time data (probed by rendering it once).
template <class S, class D>
consteval bool is_dynamic() {
    return info<S, D>.dynamic;
}

/// A veto met inside S's expressions on dialect D (a regex on SQLite ...): its sentence, first.
template <class S, class D>
consteval bool check_expressions() {
    return check_expression_veto<S, info<S, D>.veto>();
}

/// Why S cannot run on dialect D ("" when it can): the statement's own veto, else the
/// first expression veto its render meets. The engine throws it as programming_error.
template <class S, class D>
consteval std::string_view dialect_reason() {
    if constexpr (!unsupported_reason<S, D>().empty())
        return unsupported_reason<S, D>();
    else
        return expression_veto_reason(info<S, D>.veto);
}

/// Whether S has retort::param placeholders (measured in a dialect S is not vetoed on).
template <class S>
consteval int named_param_count() {
    using D = std::conditional_t<std::is_same_v<veto_t<S, postgresql>, no_veto>, postgresql, sqlite>;
    return info<S, D>.named_params;
}

/// execute() has no values for retort::param placeholders: execute_many(statement, items) has.
template <class S>
consteval bool check_no_named_params() {
    constexpr bool none = named_param_count<S>() == 0;
    static_assert(none,
                  "retort: this statement has named parameters (retort::param), and execute() has no "
                  "values for them; run it once per item with conn.execute_many(statement, items), each item a "
                  "struct with a field named as each parameter");
    return none;
}

template <class S, class D>
consteval bool check_static() {
    static_assert(!is_dynamic<S, D>(),
                  "retort: this statement's SQL depends on run-time data (an IN list of run-time length, "
                  "optional conjuncts, a run-time ORDER BY choice, a multi-row VALUES); retort::sql<S, D> "
                  "exists only for fixed shapes: use retort::to_sql<D>(statement) at run time");
    return !is_dynamic<S, D>();
}

template <class S, class D>
consteval auto checked_text() {
    // Nested, not `&&`: a rule or a dialect veto that fires stops here, before the render
    // (which check_static runs) can add errors of its own after the retort: sentence.
    // (A failed rule also stops before check_expressions, which renders to find a veto.)
    if constexpr (!check_statement<S>())
        return std::array<char, 1>{};
    else if constexpr (!check_dialect<S, D>())
        return std::array<char, 1>{};
    else if constexpr (!check_expressions<S, D>())
        return std::array<char, 1>{};
    else if constexpr (check_static<S, D>())
        return render_text<S, D>();
    else
        return std::array<char, 1>{};
}

/// The shape numbers of a dynamic statement, in render order.
template <class S>
std::vector<std::uint32_t> collect_shape(const S& s) {
    std::vector<std::uint32_t> shape;
    s.for_each_value([&]<class V>(const V& v) {
        if constexpr (std::is_same_v<V, shape_mark>) shape.push_back(v.value);
    });
    return shape;
}

/// Renders a statement with a given shape at run time ("size, then fill" again).
template <class S, class D>
std::string render_shape(const std::vector<std::uint32_t>& shape) {
    sql_writer count;
    count.shape = shape.data();
    S::template render<D>(count);
    std::string text(count.size, '\0');
    sql_writer fill{text.data()};
    fill.shape = shape.data();
    S::template render<D>(fill);
    return text;
}

template <class S, class D>
inline constexpr auto sql_text = checked_text<S, D>();

}  // namespace detail

/// The SQL text of statement type S in dialect D (NUL-terminated in storage).
template <Statement S, Dialect D>
inline constexpr std::string_view sql{detail::sql_text<std::remove_cvref_t<S>, D>.data(),
                                      detail::sql_text<std::remove_cvref_t<S>, D>.size() - 1};

/// The SQL text of a statement object in dialect D, at run time: for dynamic shapes, and
/// for logs. Static statements give exactly retort::sql<S, D>.
template <Dialect D, Statement S>
std::string to_sql(const S& statement) {
    using T = std::remove_cvref_t<S>;
    // The checks' own static_asserts say what is wrong; nothing else fires after them.
    if constexpr (!detail::check_statement<T>())
        return {};
    else if constexpr (!detail::check_dialect<T, D>())
        return {};
    else if constexpr (!detail::check_expressions<T, D>())
        return {};
    else if constexpr (detail::is_dynamic<T, D>())
        return detail::render_shape<T, D>(detail::collect_shape(statement));
    else
        return std::string(sql<T, D>);
}

/// The number of bound parameters statement type S has in dialect D.
template <Statement S, Dialect D>
inline constexpr int parameter_count = detail::count_params<std::remove_cvref_t<S>, D>();

}  // namespace retort
