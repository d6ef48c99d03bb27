// retort/inspect/type_map.hpp — which C++ type a database column becomes.
//
// The default map (the table in docs/schema_gen.md) plus overrides, per type
// ("interval=std::string") or per column ("orders.total=double"), as schema_gen's
// --map takes them. A column without a mapping is reported with the column's name and
// the --map line that would map it; it is never dropped silently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/inspect/catalog.hpp"

namespace retort {

/// One column's C++ type.
struct mapped_type {
    std::string cpp;             // "std::int32_t", "retort::decimal<10, 2>", "Mood" (without std::optional)
    sql_type type{sql_kind::text};  // what retort knows about it (kind, width, precision ...)
    bool known_type = true;      // false for an override naming a type retort does not know
    std::size_t varchar = 0;     // > 0: declare retort::varchar<&T::f, N>
    const catalog::enum_type* enumeration = nullptr;  // PostgreSQL enum (directly or as array element)
    std::string note;            // "domain us_zip over character varying(10)", "char(2)" ...
    /// The SQL type to declare with retort::column_type<&T::f>("...") when the C++ type
    /// does not give it back ("interval", "tsvector", "character(2)", any type a --map
    /// maps); empty when the C++ type says it.
    std::string sql_name;
};

/// Overrides of the default map. Keys: a type as the database names it (SQLite declared
/// type such as "DATETIME" or "NVARCHAR"; PostgreSQL typname or format_type such as
/// "interval", "inet", "timestamp with time zone", a domain or enum name), or
/// "table.column" (also "schema.table.column").
struct type_overrides {
    std::vector<std::pair<std::string, std::string>> by_type{};
    std::vector<std::pair<std::string, std::string>> by_column{};

    /// Adds "KEY=C++ TYPE"; a key with a '.' is a column. Throws argument_error when malformed.
    void add(std::string_view spec);
    bool empty() const noexcept { return by_type.empty() && by_column.empty(); }
};

/// The C++ type for `col` of `table`, or nullopt with the reason in `*why`.
std::optional<mapped_type> map_column(const catalog& cat, const catalog::table& table,
                                      const catalog::column& col, const type_overrides& overrides = {},
                                      std::string* why = nullptr);

/// What retort knows about a C++ type named as schema_gen writes it ("std::int64_t",
/// "retort::decimal<10, 2>", "std::vector<std::string>"); nullopt for other names.
std::optional<sql_type> sql_type_of_cpp(std::string_view cpp);

/// A C++ identifier for a SQL name: ASCII letters, digits and '_' kept, anything else
/// (spaces, punctuation, non-ASCII bytes) becomes '_', a leading digit gets a '_' in
/// front, a C++ keyword gets one behind. `pascal` makes type names: "invoice_line" →
/// "InvoiceLine", "Album" stays "Album".
std::string cpp_identifier(std::string_view sql_name, bool pascal = false);

/// Fills cpp_type / mapping_error of every column with the default map plus `overrides`.
void apply_type_map(catalog& cat, const type_overrides& overrides = {});

}  // namespace retort
