// src/inspect.cpp — retort::inspect, the type map, C++ identifiers.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "inspect_internal.hpp"
#include "retort/engine/error.hpp"

namespace retort {

std::string_view to_string(catalog::identity_kind k) noexcept {
    switch (k) {
        case catalog::identity_kind::none: return "none";
        case catalog::identity_kind::rowid: return "rowid";
        case catalog::identity_kind::autoincrement: return "autoincrement";
        case catalog::identity_kind::always: return "always";
        case catalog::identity_kind::by_default: return "by default";
        case catalog::identity_kind::serial: return "serial";
    }
    return "?";
}

std::string_view to_string(catalog::type_kind k) noexcept {
    switch (k) {
        case catalog::type_kind::base: return "base";
        case catalog::type_kind::enumeration: return "enum";
        case catalog::type_kind::domain: return "domain";
        case catalog::type_kind::array: return "array";
        case catalog::type_kind::composite: return "composite";
        case catalog::type_kind::other: return "other";
    }
    return "?";
}

namespace detail {

fk_action parse_fk_action(std::string_view s) {
    if (s == "CASCADE") return fk_action::cascade;
    if (s == "RESTRICT") return fk_action::restrict_;
    if (s == "SET NULL") return fk_action::set_null;
    if (s == "SET DEFAULT") return fk_action::set_default;
    return fk_action::no_action;
}

void select_tables(catalog& cat, const inspect_options& options, std::string_view where) {
    if (options.tables.empty()) return;
    for (const auto& wanted : options.tables) {
        if (!cat.find(wanted)) {
            std::string names;
            for (const auto& t : cat.tables) names += (names.empty() ? "" : ", ") + t.name;
            throw argument_error("retort: table '" + wanted + "' not found in " + std::string(where) +
                                 " (tables there: " + (names.empty() ? "none" : names) + ")");
        }
    }
    std::erase_if(cat.tables, [&](const catalog::table& t) {
        return std::find(options.tables.begin(), options.tables.end(), t.name) == options.tables.end();
    });
}

}  // namespace detail

catalog inspect(connection& conn, const inspect_options& options) {
    catalog cat = conn.dialect() == dialect_id::sqlite ? detail::inspect_sqlite(conn.raw(), options)
                                                       : detail::inspect_postgresql(conn.raw(), options);
    apply_type_map(cat, options.map);
    return cat;
}

catalog inspect(engine& e, const inspect_options& options) {
    auto conn = e.connect();
    return inspect(conn, options);
}

// ---- C++ identifiers -------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 97> cpp_keywords = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    "final", "override", "import", "module"};

}  // namespace

std::string cpp_identifier(std::string_view sql_name, bool pascal) {
    std::string out;
    bool upper_next = pascal;
    bool last_underscore = false;
    for (std::size_t i = 0; i < sql_name.size(); ++i) {
        const auto c = static_cast<unsigned char>(sql_name[i]);
        if (std::isalnum(c)) {
            out += static_cast<char>(upper_next ? std::toupper(c) : c);
            upper_next = false;
            last_underscore = false;
        } else if (pascal && (c == '_' || c == ' ' || c == '-')) {
            upper_next = true;
        } else {
            if (c >= 0x80) {  // one '_' per UTF-8 character
                while (i + 1 < sql_name.size() && (static_cast<unsigned char>(sql_name[i + 1]) & 0xC0) == 0x80) ++i;
            }
            if (!last_underscore || c == '_') out += '_';
            last_underscore = true;
        }
    }
    if (out.empty()) out = "_";
    if (std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
    // Names the implementation reserves: "__x", "_X".
    if (out.size() > 1 && out[0] == '_' && (out[1] == '_' || std::isupper(static_cast<unsigned char>(out[1]))))
        out.insert(out.begin(), 'x');
    if (std::find(cpp_keywords.begin(), cpp_keywords.end(), out) != cpp_keywords.end()) out += '_';
    return out;
}

// ---- the type map ----------------------------------------------------------------------

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

constexpr std::string_view timestamp_cpp = "std::chrono::sys_time<std::chrono::microseconds>";
constexpr std::string_view timestamptz_cpp = "retort::timestamptz<>";
constexpr std::string_view interval_cpp = "std::chrono::microseconds";

mapped_type make(std::string cpp, sql_type t) { return mapped_type{std::move(cpp), t, true, 0, nullptr, {}, {}}; }

std::string decimal_cpp(std::optional<int> p, std::optional<int> s) {
    if (!p || *p <= 0 || *p > 1000) return "retort::decimal<>";
    return "retort::decimal<" + std::to_string(*p) + ", " + std::to_string(s.value_or(0)) + ">";
}

sql_type decimal_type(std::optional<int> p, std::optional<int> s) {
    sql_type t{sql_kind::decimal};
    if (p && *p > 0 && *p <= 1000) {
        t.precision = static_cast<unsigned short>(*p);
        t.scale = static_cast<unsigned short>(s.value_or(0));
    }
    return t;
}

std::optional<mapped_type> map_sqlite(const catalog::column& c, std::string* why);

/// A SQLite view column without a declared type: the type inferred from its expression.
std::optional<mapped_type> map_sqlite_inferred(const catalog::column& c, std::string* why) {
    catalog::column typed = c;
    typed.declared_type = c.inferred_type;
    const auto paren = typed.declared_type.find('(');
    typed.type_name = upper(typed.declared_type.substr(0, paren));
    while (!typed.type_name.empty() && typed.type_name.back() == ' ') typed.type_name.pop_back();
    auto m = map_sqlite(typed, why);
    if (m) {
        m->note = "type " + c.inferred_type + " inferred from the view's " + c.inferred_from;
        m->sql_name.clear();
        m->varchar = 0;
    }
    return m;
}

/// SQLite: by declared type name, then by SQLite's own affinity rules.
std::optional<mapped_type> map_sqlite(const catalog::column& c, std::string* why) {
    if (c.declared_type.empty() && !c.inferred_type.empty()) return map_sqlite_inferred(c, why);
    const std::string& n = c.type_name;  // upper case, no "(...)"
    if (n == "INTEGER" || n == "INT" || n == "BIGINT" || n == "INT8" || n == "UNSIGNED BIG INT")
        return make("std::int64_t", {sql_kind::integer, 64});
    if (n == "SMALLINT" || n == "INT2" || n == "TINYINT") return make("std::int16_t", {sql_kind::integer, 16});
    if (n == "MEDIUMINT" || n == "INT4") return make("std::int32_t", {sql_kind::integer, 32});
    if (n == "BOOLEAN" || n == "BOOL") return make("bool", {sql_kind::boolean});
    if (n == "REAL" || n == "DOUBLE" || n == "DOUBLE PRECISION" || n == "FLOAT" || n == "FLOAT8")
        return make("double", {sql_kind::real, 64});
    if (n == "FLOAT4") return make("float", {sql_kind::real, 32});
    if (n == "NUMERIC" || n == "DECIMAL") return make(decimal_cpp(c.precision, c.scale), decimal_type(c.precision, c.scale));
    if (n == "DATETIME" || n == "TIMESTAMP") return make(std::string(timestamp_cpp), {sql_kind::timestamp});
    // What retort creates for retort::timestamptz and std::chrono durations.
    if (n == "TIMESTAMPTZ") return make(std::string(timestamptz_cpp), {sql_kind::timestamptz});
    if (n == "INTERVAL") {
        auto m = make(std::string(interval_cpp), {sql_kind::interval});
        m.note = "interval as INTEGER microseconds";
        return m;
    }
    if (n == "DATE") return make("std::chrono::year_month_day", {sql_kind::date});
    if (n == "TIME") return make("retort::time_of_day", {sql_kind::time});
    if (n == "UUID") return make("retort::uuid", {sql_kind::uuid});
    if (n == "JSON" || n == "JSONB") return make("retort::json", {sql_kind::json});
    if (n == "BLOB") return make("retort::blob", {sql_kind::blob});
    if (n.find("CHAR") != std::string::npos || n.find("CLOB") != std::string::npos || n.find("TEXT") != std::string::npos ||
        n.find("VARYING") != std::string::npos) {
        auto m = make("std::string", {sql_kind::text});
        const bool varying = n.find("VARCHAR") != std::string::npos || n.find("VARYING") != std::string::npos;
        if (varying && c.length) m.varchar = static_cast<std::size_t>(*c.length);
        if (!varying && c.length) m.note = c.declared_type, m.sql_name = c.declared_type;
        return m;
    }
    if (n.find("INT") != std::string::npos) return make("std::int64_t", {sql_kind::integer, 64});
    if (n.find("REAL") != std::string::npos || n.find("FLOA") != std::string::npos || n.find("DOUB") != std::string::npos)
        return make("double", {sql_kind::real, 64});
    if (why)
        *why = n.empty() ? (c.inferred_from.empty() ? "it has no declared type (SQLite stores any value in it)"
                                                    : "it has no declared type and retort cannot tell the type of " +
                                                          c.inferred_from)
                         : "retort has no mapping for the SQLite type '" + c.declared_type + "'";
    return std::nullopt;
}

std::optional<mapped_type> map_pg_name(const catalog& cat, std::string_view schema, std::string_view name,
                                       const catalog::column& c, std::string* why, int depth);

/// PostgreSQL: by typname (base types), element (arrays), base type (domains), label list (enums).
std::optional<mapped_type> map_pg_base(std::string_view n, std::optional<int> length, std::optional<int> precision,
                                       std::optional<int> scale) {
    if (n == "int2") return make("std::int16_t", {sql_kind::integer, 16});
    if (n == "int4") return make("std::int32_t", {sql_kind::integer, 32});
    if (n == "int8") return make("std::int64_t", {sql_kind::integer, 64});
    if (n == "float4") return make("float", {sql_kind::real, 32});
    if (n == "float8") return make("double", {sql_kind::real, 64});
    if (n == "numeric") return make(decimal_cpp(precision, scale), decimal_type(precision, scale));
    if (n == "bool") return make("bool", {sql_kind::boolean});
    if (n == "text" || n == "name" || n == "citext") return make("std::string", {sql_kind::text});
    if (n == "varchar") {
        auto m = make("std::string", {sql_kind::text});
        if (length) m.varchar = static_cast<std::size_t>(*length);
        return m;
    }
    if (n == "bpchar") {
        auto m = make("std::string", {sql_kind::text});
        m.note = "char(" + std::to_string(length.value_or(1)) + "): blank-padded";
        m.sql_name = "character(" + std::to_string(length.value_or(1)) + ")";
        return m;
    }
    if (n == "interval") {
        auto m = make(std::string(interval_cpp), {sql_kind::interval});
        m.note = "interval: days count 24 hours; a value with months or years is a data_error when read";
        return m;
    }
    if (n == "tsvector" || n == "tsquery") {
        auto m = make("std::string", {sql_kind::text});
        m.note = std::string(n) + " as its text form";
        m.sql_name = std::string(n);
        return m;
    }
    if (n == "bytea") return make("retort::blob", {sql_kind::blob});
    if (n == "timestamp") return make(std::string(timestamp_cpp), {sql_kind::timestamp});
    if (n == "timestamptz") return make(std::string(timestamptz_cpp), {sql_kind::timestamptz});
    if (n == "date") return make("std::chrono::year_month_day", {sql_kind::date});
    if (n == "time") return make("retort::time_of_day", {sql_kind::time});
    if (n == "uuid") return make("retort::uuid", {sql_kind::uuid});
    if (n == "json" || n == "jsonb") {
        auto m = make("retort::json", {sql_kind::json});
        if (n == "json") m.note = "json (retort creates JSONB)";
        return m;
    }
    return std::nullopt;
}

std::optional<mapped_type> map_pg_name(const catalog& cat, std::string_view schema, std::string_view name,
                                       const catalog::column& c, std::string* why, int depth) {
    if (depth > 8) return std::nullopt;
    if (auto m = map_pg_base(name, c.length, c.precision, c.scale)) {
        // "interval day to second", "character(2)": the column's own spelling.
        if (!m->sql_name.empty() && depth == 0 && !c.declared_type.empty()) m->sql_name = c.declared_type;
        return m;
    }
    if (const auto* e = cat.find_enum(schema, name)) {
        auto m = make(cpp_identifier(e->name, true), {sql_kind::text});
        m.enumeration = e;
        m.note = "enum " + e->name;
        return m;
    }
    if (const auto* d = cat.find_domain(schema, name)) {
        auto m = map_pg_name(cat, "pg_catalog", d->base_type_name, c, why, depth + 1);
        if (m) m->note = "domain " + d->name + " over " + d->base_type;
        if (m && !m->sql_name.empty()) m->sql_name = d->base_type;
        return m;
    }
    if (why) *why = "retort has no mapping for the PostgreSQL type '" + std::string(name) + "'";
    return std::nullopt;
}

std::optional<mapped_type> map_postgresql(const catalog& cat, const catalog::column& c, std::string* why) {
    if (c.kind == catalog::type_kind::array) {
        auto element = map_pg_name(cat, c.type_schema, c.element_type, catalog::column{}, why, 0);
        if (!element) {
            if (why) *why = "retort has no mapping for arrays of '" + c.element_type + "'";
            return std::nullopt;
        }
        if (element->type.kind == sql_kind::blob || element->type.kind == sql_kind::array) {
            if (why) *why = "retort has no mapping for arrays of '" + c.element_type + "'";
            return std::nullopt;
        }
        if (c.declared_type.find("[][]") != std::string::npos) {
            // format_type does not show dimensions; an n-dimensional array reads as one dimension and fails.
        }
        // Arrays hold neither retort::timestamptz nor durations: the forms they had before.
        if (element->type.kind == sql_kind::timestamptz) *element = make(std::string(timestamp_cpp), {sql_kind::timestamp});
        if (element->type.kind == sql_kind::interval) {
            *element = make("std::string", {sql_kind::text});
            element->sql_name = "interval";
        }
        mapped_type m = *element;
        if (element->enumeration) m.cpp = "std::string", m.enumeration = nullptr;  // labels as text
        m.cpp = "std::vector<" + m.cpp + ">";
        m.type = sql_type{sql_kind::array, 0, false, 0, 0, element->type.kind, element->type.bits};
        m.varchar = 0;
        // An enum array keeps its type ("mood[]"): create_all makes it, check_schema compares it by name.
        m.sql_name = element->sql_name.empty() && !element->enumeration ? std::string() : c.declared_type;
        m.note = c.declared_type + (element->enumeration ? " (enum labels as text)" : "");
        return m;
    }
    if (c.kind == catalog::type_kind::composite) {
        if (why) *why = "it has the composite type '" + c.type_name + "', which retort cannot map";
        return std::nullopt;
    }
    return map_pg_name(cat, c.type_schema, c.type_name, c, why, 0);
}

}  // namespace

void type_overrides::add(std::string_view spec) {
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        throw argument_error("retort: --map takes TYPE=C++TYPE or TABLE.COLUMN=C++TYPE, not '" + std::string(spec) + "'");
    std::string key(spec.substr(0, eq));
    std::string value(spec.substr(eq + 1));
    if (key.find('.') != std::string::npos)
        by_column.emplace_back(std::move(key), std::move(value));
    else
        by_type.emplace_back(std::move(key), std::move(value));
}

std::optional<sql_type> sql_type_of_cpp(std::string_view cpp) {
    if (cpp == "std::int8_t" || cpp == "int8_t") return sql_type{sql_kind::integer, 8};
    if (cpp == "std::int16_t" || cpp == "int16_t" || cpp == "short") return sql_type{sql_kind::integer, 16};
    if (cpp == "std::int32_t" || cpp == "int32_t" || cpp == "int") return sql_type{sql_kind::integer, 32};
    if (cpp == "std::int64_t" || cpp == "int64_t" || cpp == "long long") return sql_type{sql_kind::integer, 64};
    if (cpp == "std::uint8_t" || cpp == "uint8_t") return sql_type{sql_kind::integer, 8, true};
    if (cpp == "std::uint16_t" || cpp == "uint16_t") return sql_type{sql_kind::integer, 16, true};
    if (cpp == "std::uint32_t" || cpp == "uint32_t") return sql_type{sql_kind::integer, 32, true};
    if (cpp == "std::uint64_t" || cpp == "uint64_t") return sql_type{sql_kind::integer, 64, true};
    if (cpp == "float") return sql_type{sql_kind::real, 32};
    if (cpp == "double") return sql_type{sql_kind::real, 64};
    if (cpp == "bool") return sql_type{sql_kind::boolean};
    if (cpp == "std::string") return sql_type{sql_kind::text};
    if (cpp == "retort::blob" || cpp == "std::vector<std::byte>") return sql_type{sql_kind::blob};
    if (cpp.starts_with("std::chrono::sys_time<") || cpp == "std::chrono::sys_seconds")
        return sql_type{sql_kind::timestamp};
    if (cpp.starts_with("retort::timestamptz<")) return sql_type{sql_kind::timestamptz};
    for (std::string_view d : {"std::chrono::microseconds", "std::chrono::milliseconds", "std::chrono::seconds",
                               "std::chrono::minutes", "std::chrono::hours", "std::chrono::days"})
        if (cpp == d) return sql_type{sql_kind::interval};
    if (cpp == "std::chrono::year_month_day") return sql_type{sql_kind::date};
    if (cpp == "retort::time_of_day") return sql_type{sql_kind::time};
    if (cpp == "retort::uuid") return sql_type{sql_kind::uuid};
    if (cpp == "retort::json") return sql_type{sql_kind::json};
    if (cpp.starts_with("retort::decimal<")) {
        sql_type t{sql_kind::decimal};
        std::string digits;
        std::vector<int> nums;
        for (char ch : cpp.substr(16)) {
            if (ch >= '0' && ch <= '9')
                digits += ch;
            else if (!digits.empty()) {
                nums.push_back(std::stoi(digits));
                digits.clear();
            }
        }
        if (nums.size() == 2) t.precision = static_cast<unsigned short>(nums[0]), t.scale = static_cast<unsigned short>(nums[1]);
        return t;
    }
    if (cpp.starts_with("std::vector<") && cpp.ends_with(">")) {
        const auto element = sql_type_of_cpp(cpp.substr(12, cpp.size() - 13));
        if (!element) return std::nullopt;
        return sql_type{sql_kind::array, 0, false, 0, 0, element->kind, element->bits};
    }
    return std::nullopt;
}

std::optional<mapped_type> map_column(const catalog& cat, const catalog::table& table, const catalog::column& col,
                                      const type_overrides& overrides, std::string* why) {
    auto from_override = [&](const std::string& cpp) {
        mapped_type m;
        m.cpp = cpp;
        const auto t = sql_type_of_cpp(cpp);
        m.known_type = t.has_value();
        m.type = t.value_or(sql_type{sql_kind::text});
        if (m.type.kind == sql_kind::text && cpp == "std::string" && col.length &&
            (col.type_name == "varchar" || upper(col.declared_type).find("VARCHAR") != std::string::npos))
            m.varchar = static_cast<std::size_t>(*col.length);
        m.note = "mapped by --map";
        // The database's type, so that create_all makes it and check_schema compares it (a
        // VARCHAR(n) kept as varchar<> says it already).
        if (!m.varchar) m.sql_name = col.declared_type;
        return m;
    };
    for (const auto& [key, cpp] : overrides.by_column)
        if (key == table.name + "." + col.name || key == table.schema + "." + table.name + "." + col.name)
            return from_override(cpp);
    for (const auto& [key, cpp] : overrides.by_type) {
        if (key == col.declared_type || key == col.type_name || upper(key) == upper(col.type_name) ||
            upper(key) == upper(col.declared_type))
            return from_override(cpp);
    }
    return cat.dialect == dialect_id::sqlite ? map_sqlite(col, why) : map_postgresql(cat, col, why);
}

void apply_type_map(catalog& cat, const type_overrides& overrides) {
    for (auto& t : cat.tables)
        for (auto& c : t.columns) {
            std::string why;
            const auto m = map_column(cat, t, c, overrides, &why);
            c.cpp_type = m ? m->cpp : std::string();
            c.mapping_error = m ? std::string() : why;
            c.mapped = m ? m->type : sql_type{sql_kind::text};
            c.mapped_known = m && m->known_type;
            c.mapped_varchar = m ? m->varchar : 0;
        }
}

}  // namespace retort
