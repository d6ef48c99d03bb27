// retort/expr/expression_veto.hpp — SQL that one dialect lacks, used inside an expression
// (a regular expression match on SQLite, ORDER BY inside an aggregate on SQLite 3.40).
//
// Statement vetoes (stmt/common.hpp) are named by the statement type; an expression can sit
// anywhere in a statement (WHERE, a select item, a subquery), so its veto is found by the
// render: the node writes its code into the sql_writer (the first one met wins), and
//   retort::sql<S, D>          fails to compile with the veto's sentence (stmt/sql.hpp);
//   connection::execute(s)     throws programming_error with the same sentence on D.
// The node still writes some text, so the counting pass ends without errors of its own.
#pragma once

#include <string_view>

#include "retort/detail/sql_writer.hpp"
#include "retort/detail/type_name.hpp"

namespace retort::detail {

enum class expression_veto : unsigned char {
    none = 0,
    regex_on_sqlite,
    ordered_aggregate_on_sqlite,
    array_agg_on_sqlite,
    sequence_on_sqlite,
};

/// Records veto V unless an earlier node recorded one.
constexpr void mark_veto(sql_writer& w, expression_veto v) {
    if (w.veto == 0) w.veto = static_cast<unsigned char>(v);
}

struct sqlite_has_no_regex {
    static constexpr std::string_view reason =
        "retort: regular expressions need PostgreSQL; SQLite has no built-in REGEXP (its REGEXP operator "
        "calls a user function that is not defined); use like(), starts_with() / ends_with() / contains(), "
        "or run the query on PostgreSQL";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: regular expressions need PostgreSQL; SQLite has no built-in REGEXP (its REGEXP "
                      "operator calls a user function that is not defined); use like(), starts_with() / "
                      "ends_with() / contains(), or run the query on PostgreSQL");
        return false;
    }
};

struct sqlite_has_no_ordered_aggregate {
    static constexpr std::string_view reason =
        "retort: SQLite 3.40 has no ORDER BY inside an aggregate (group_concat(x ORDER BY y) needs SQLite "
        "3.44); order the rows in a CTE or derived table and aggregate that, or run the query on PostgreSQL";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite 3.40 has no ORDER BY inside an aggregate (group_concat(x ORDER BY y) "
                      "needs SQLite 3.44); order the rows in a CTE or derived table and aggregate that, or run "
                      "the query on PostgreSQL");
        return false;
    }
};

struct sqlite_has_no_array_agg {
    static constexpr std::string_view reason =
        "retort: array_agg() needs PostgreSQL; SQLite has no arrays: use string_agg(x, sep) (GROUP_CONCAT) "
        "or read the rows";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>, "retort: array_agg() needs PostgreSQL; SQLite has no arrays: use "
                                       "string_agg(x, sep) (GROUP_CONCAT) or read the rows");
        return false;
    }
};

struct sqlite_has_no_sequences {
    static constexpr std::string_view reason =
        "retort: SQLite has no sequences (CREATE SEQUENCE, nextval); use an INTEGER PRIMARY KEY (generated "
        "keys), or a one-row counter table updated with RETURNING";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no sequences (CREATE SEQUENCE, nextval); use an INTEGER PRIMARY KEY "
                      "(generated keys), or a one-row counter table updated with RETURNING");
        return false;
    }
};

/// The sentence of veto code V ("" for none).
constexpr std::string_view expression_veto_reason(unsigned char v) {
    switch (static_cast<expression_veto>(v)) {
        case expression_veto::none: return {};
        case expression_veto::regex_on_sqlite: return sqlite_has_no_regex::reason;
        case expression_veto::ordered_aggregate_on_sqlite: return sqlite_has_no_ordered_aggregate::reason;
        case expression_veto::array_agg_on_sqlite: return sqlite_has_no_array_agg::reason;
        case expression_veto::sequence_on_sqlite: return sqlite_has_no_sequences::reason;
    }
    return {};
}

/// A static_assert with the sentence of veto code V (true for none).
template <class S, unsigned char V>
consteval bool check_expression_veto() {
    constexpr auto v = static_cast<expression_veto>(V);
    if constexpr (v == expression_veto::regex_on_sqlite)
        return sqlite_has_no_regex::allowed<S>();
    else if constexpr (v == expression_veto::ordered_aggregate_on_sqlite)
        return sqlite_has_no_ordered_aggregate::allowed<S>();
    else if constexpr (v == expression_veto::array_agg_on_sqlite)
        return sqlite_has_no_array_agg::allowed<S>();
    else if constexpr (v == expression_veto::sequence_on_sqlite)
        return sqlite_has_no_sequences::allowed<S>();
    else
        return true;
}

}  // namespace retort::detail
