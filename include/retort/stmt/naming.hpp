// retort/stmt/naming.hpp — the names of constraints and indexes, made from a table's
// retort::naming_convention (schema/options.hpp) or the default one:
//
//   pk_<table>    uq_<table>_<column>_<column>...    fk_<table>_<column>_<referred table>
//   ck_<table>_<name>    ix_<table>_<column>_<column>...  (uq_... for a unique index)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/sql_writer.hpp"
#include "retort/schema/table.hpp"

namespace retort::detail {

inline constexpr naming_convention default_naming{};

/// Does T's declaration carry a retort::naming_convention?
template <class T>
consteval bool has_naming_convention() {
    using Opts = std::remove_cvref_t<decltype(table_of<T>.options)>;
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return (std::is_same_v<std::tuple_element_t<I, Opts>, naming_convention> || ...);
    }(std::make_index_sequence<std::tuple_size_v<Opts>>{});
}

/// T's naming convention: its own, or the default.
template <class T>
constexpr const naming_convention& naming_of() {
    if constexpr (has_naming_convention<T>())
        return std::get<naming_convention>(table_of<T>.options);
    else
        return default_naming;
}

/// What a pattern's tokens stand for.
struct name_parts {
    std::string_view table;
    const std::string_view* columns;
    std::size_t column_count;
    std::string_view referred;    // a foreign key's referred table
    std::string_view constraint;  // a CHECK's own name

    constexpr name_parts(std::string_view table_name, const std::string_view* column_names = nullptr,
                         std::size_t count = 0, std::string_view referred_table = {},
                         std::string_view constraint_name = {})
        : table(table_name),
          columns(column_names),
          column_count(count),
          referred(referred_table),
          constraint(constraint_name) {}
};

inline constexpr std::string_view naming_tokens[] = {"table_name",      "column_0_name",      "column_0_N_name",
                                                      "column_0N_name", "referred_table_name", "constraint_name"};

/// Is every %(...)s of the pattern a known token?
constexpr bool naming_pattern_ok(std::string_view pattern) {
    if (pattern.empty()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') continue;
        if (i + 1 >= pattern.size() || pattern[i + 1] != '(') return false;
        const auto end = pattern.find(")s", i);
        if (end == std::string_view::npos) return false;
        const auto token = pattern.substr(i + 2, end - i - 2);
        bool known = false;
        for (auto t : naming_tokens) known = known || t == token;
        if (!known) return false;
        i = end + 1;
    }
    return true;
}

constexpr bool naming_convention_ok(const naming_convention& n) {
    return naming_pattern_ok(n.pk) && naming_pattern_ok(n.uq) && naming_pattern_ok(n.fk) && naming_pattern_ok(n.ck) &&
           naming_pattern_ok(n.ix);
}

/// Writes the name the pattern makes of the parts, without quotes (quote characters doubled
/// when `in_quotes`).
constexpr void put_name(sql_writer& w, std::string_view pattern, const name_parts& p, bool in_quotes = true) {
    auto part = [&](std::string_view s) {
        for (char c : s) in_quotes && c == '"' ? w.put("\"\"") : w.put(c);
    };
    auto columns = [&](std::string_view sep) {
        for (std::size_t k = 0; k < p.column_count; ++k) {
            if (k) part(sep);
            part(p.columns[k]);
        }
    };
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || i + 1 >= pattern.size() || pattern[i + 1] != '(') {
            part(pattern.substr(i, 1));
            continue;
        }
        const auto end = pattern.find(")s", i);
        if (end == std::string_view::npos) {
            part(pattern.substr(i));
            return;
        }
        const auto token = pattern.substr(i + 2, end - i - 2);
        if (token == "table_name") part(p.table);
        else if (token == "column_0_name") part(p.column_count ? p.columns[0] : std::string_view{});
        else if (token == "column_0_N_name") columns("_");
        else if (token == "column_0N_name") columns("");
        else if (token == "referred_table_name") part(p.referred);
        else if (token == "constraint_name") part(p.constraint);
        i = end + 1;
    }
}

/// The same, in double quotes: the identifier as DDL writes it.
constexpr void put_quoted_name(sql_writer& w, std::string_view pattern, const name_parts& p) {
    w.put('"');
    put_name(w, pattern, p);
    w.put('"');
}

/// The same as a std::string (check_schema, run time).
inline std::string name_string(std::string_view pattern, const name_parts& p) {
    sql_writer count;
    put_name(count, pattern, p, false);
    std::string out(count.size, '\0');
    sql_writer fill;
    fill.out = out.data();
    put_name(fill, pattern, p, false);
    return out;
}

/// The columns' SQL names of T's members Ms, as an array for name_parts.
template <class T, auto... Ms>
inline constexpr std::string_view member_names[sizeof...(Ms) + 1] = {meta<T>.columns[reflect::member_index<Ms>].name...,
                                                                    std::string_view{}};

/// Writes the quoted conventional name of T's constraint or index over members Ms.
template <class T, auto... Ms>
constexpr void put_convention_name(sql_writer& w, std::string_view pattern, std::string_view referred = {},
                                   std::string_view constraint = {}) {
    put_quoted_name(w, pattern, name_parts{meta<T>.name, member_names<T, Ms...>, sizeof...(Ms), referred, constraint});
}

}  // namespace retort::detail
