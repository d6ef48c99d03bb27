// retort/inspect/check.hpp — do the declared models match the live database?
//
//     auto report = retort::check_schema<User, Post>(engine);
//     if (!report.ok()) { std::cerr << report.to_string(); return 1; }   // at start-up
//     retort::require_schema<User, Post>(engine);    // or: throws programming_error with the list
//
// Every difference is listed, one per line, naming the table and column: a missing
// table or column, a type that does not fit the field, nullability, the primary key,
// foreign keys, unique constraints, indexes (by columns, or by name when the model names
// the index; then also uniqueness, method, DESC keys and whether it is partial) and
// whether the database generates the key the model expects it to.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "retort/engine/error.hpp"
#include "retort/inspect/catalog.hpp"
#include "retort/inspect/inspect.hpp"
#include "retort/schema/table.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/stmt/ddl.hpp"

namespace retort {

struct schema_difference {
    std::string table;
    std::string column;  // empty for table-level differences
    std::string message;
};

struct schema_report {
    std::vector<schema_difference> differences;
    bool ok() const noexcept { return differences.empty(); }
    /// One line per difference: "table 'users', column 'age': ...".
    std::string to_string() const;
};

struct check_options {
    bool extra_columns = true;    // report database columns the model does not have
    bool extra_keys = true;       // report foreign keys / unique constraints the model does not declare
    bool index_names = false;     // compare index names too (create_all names them by the table's
                                  // naming convention: ix_<table>_<columns> by default)
    bool check_constraints = true;  // compare CHECK constraints by name (expressions are not compared)
};

/// Compares `declared` (tables built from models, or another database's catalog) with
/// `actual`; tables of `actual` that `declared` does not mention are not reported.
schema_report compare_schema(const catalog& declared, const catalog& actual, const check_options& options = {});

namespace detail {

template <class T, class D>
catalog::table declared_table() {
    constexpr auto& m = meta<T>;
    catalog::table t;
    t.name = std::string(m.name);
    t.comment = std::string(m.comment);
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        const auto& col = m.columns[i];
        catalog::column c;
        c.name = std::string(col.name);
        const std::string_view type_sql = col.type_sql_for(D::id);
        c.declared_type = !type_sql.empty() ? std::string(type_sql)
                          : col.varchar         ? "VARCHAR(" + std::to_string(col.varchar) + ")"
                                                : std::string(D::type_name(col.type));
        c.type_by_name = !type_sql.empty();
        c.comment = std::string(col.comment);
        if (col.enum_label_count && type_sql.empty() && !std::is_same_v<D, sqlite>) {
            c.declared_type = std::string(col.enum_name);  // compared by name, the labels below
            c.type_by_name = true;
            c.kind = catalog::type_kind::enumeration;
            c.type_name = c.declared_type;
        }
        if (col.has_domain) {
            // PostgreSQL: the domain's name, its base type and checks in the catalog's domains;
            // SQLite: the base type, the checks on the column.
            c.type_by_name = true;
            if constexpr (std::is_same_v<D, sqlite>) {
                c.declared_type = std::string(col.domain->base_type);
                for (std::size_t k = 0; k < col.domain->check_count; ++k)
                    t.checks.push_back({std::string(col.domain->checks[k].name), std::string(col.domain->checks[k].sql)});
            } else {
                c.declared_type = std::string(col.domain->name);
                c.kind = catalog::type_kind::domain;
                c.type_name = c.declared_type;
                c.base_type = std::string(col.domain->base_type);
            }
        }
        c.nullable = col.nullable;
        if (!col.default_sql.empty()) c.default_sql = std::string(col.default_sql);
        c.cpp_type = "(model)";
        c.mapped = col.type;
        c.mapped_known = true;
        c.mapped_varchar = col.varchar;
        if (col.generated)
            c.identity = std::is_same_v<D, sqlite>
                             ? (col.autoincrement ? catalog::identity_kind::autoincrement : catalog::identity_kind::rowid)
                             : col.serial ? catalog::identity_kind::serial : catalog::identity_kind::by_default;
        t.columns.push_back(std::move(c));
    }
    int pos = 0;
    // Primary key in declaration order of the primary_key<...> option.
    std::apply(
        [&](const auto&... opt) {
            auto one = [&]<class O>(const O& o) {
                if constexpr (is_primary_key<O>::value) {
                    [&]<auto... Ms>(primary_key_t<Ms...>) {
                        ((t.primary_key.push_back(std::string(m.columns[reflect::member_index<Ms>].name)),
                          t.columns[reflect::member_index<Ms>].pk_position = ++pos),
                         ...);
                    }(o);
                } else if constexpr (requires { []<auto... Ms>(unique_t<Ms...>) {}(o); }) {
                    [&]<auto... Ms>(unique_t<Ms...>) {
                        t.uniques.push_back({"", {std::string(m.columns[reflect::member_index<Ms>].name)...}});
                    }(o);
                } else if constexpr (is_index<O>::value) {
                    [&]<bool U, auto... Ms>(const index_t<U, Ms...>&) {
                        const detail::index_extras decl = detail::extras_of(o);
                        catalog::index ix;
                        ix.unique = U;
                        ix.columns = {std::string(m.columns[reflect::member_index<Ms>].name)...};
                        if (decl.name.empty()) {
                            const auto& names = detail::naming_of<T>();
                            ix.name = detail::name_string(U ? names.uq : names.ix,
                                                          {m.name, detail::member_names<T, Ms...>, sizeof...(Ms)});
                        } else {
                            ix.name = decl.name;
                            ix.name_declared = true;
                        }
                        ix.has_expressions = !decl.keys.empty();
                        ix.has_descending = decl.desc != 0;
                        if (!decl.where.empty()) ix.predicate = std::string(decl.where);
                        ix.method = decl.method;
                        ix.keys = decl.keys;
                        t.indexes.push_back(std::move(ix));
                    }(o);
                } else if constexpr (is_foreign_key<O>::value) {
                    [&]<auto F, auto To>(foreign_key_t<F, To> fk) {
                        using Target = reflect::class_of<To>;
                        catalog::foreign_key k;
                        k.columns = {std::string(m.columns[reflect::member_index<F>].name)};
                        k.ref_table = std::string(meta<Target>.name);
                        k.ref_columns = {std::string(meta<Target>.columns[reflect::member_index<To>].name)};
                        k.on_delete = fk.on_delete;
                        k.on_update = fk.on_update;
                        t.foreign_keys.push_back(std::move(k));
                    }(o);
                } else if constexpr (std::is_same_v<O, check_t>) {
                    // Named by the table's naming convention when it has one (as create_table names it).
                    t.checks.push_back({!o.name.empty() && detail::has_naming_convention<T>()
                                            ? detail::name_string(detail::naming_of<T>().ck, {m.name, nullptr, 0, {}, o.name})
                                            : std::string(o.name),
                                        std::string(o.sql)});
                }
            };
            (void)one;
            (one(opt), ...);
        },
        table_of<T>.options);
    return t;
}

template <class D, class... Ts>
catalog declared_catalog() {
    catalog c;
    c.dialect = D::id;
    (c.tables.push_back(declared_table<Ts, D>()), ...);
    if constexpr (!std::is_same_v<D, sqlite>) {
        auto add_enums = [&](const auto& columns) {
            for (const auto& col : columns)
                if (col.enum_label_count && col.type_sql_for(D::id).empty() &&
                    std::none_of(c.enums.begin(), c.enums.end(), [&](const auto& e) { return e.name == col.enum_name; }))
                    c.enums.push_back({"", std::string(col.enum_name),
                                       std::vector<std::string>(col.enum_labels, col.enum_labels + col.enum_label_count)});
        };
        (add_enums(meta<Ts>.columns), ...);
        auto add_domains = [&](const auto& columns) {
            for (const auto& col : columns) {
                if (!col.has_domain ||
                    std::any_of(c.domains.begin(), c.domains.end(), [&](const auto& d) { return d.name == col.domain->name; }))
                    continue;
                catalog::domain d;
                d.name = std::string(col.domain->name);
                d.base_type = std::string(col.domain->base_type);
                for (std::size_t k = 0; k < col.domain->check_count; ++k)
                    d.checks.push_back({std::string(col.domain->checks[k].name), std::string(col.domain->checks[k].sql)});
                c.domains.push_back(std::move(d));
            }
        };
        (add_domains(meta<Ts>.columns), ...);
    }
    return c;
}

}  // namespace detail

/// The catalog that models Ts... describe in dialect `d` (what create_all would make).
template <Table... Ts>
catalog declared_catalog(dialect_id d) {
    return d == dialect_id::sqlite ? detail::declared_catalog<sqlite, Ts...>()
                                   : detail::declared_catalog<postgresql, Ts...>();
}

/// Compares models Ts... with the database behind `conn`. Reads only those tables.
template <Table... Ts>
schema_report check_schema(connection& conn, const check_options& options = {},
                           const inspect_options& where = {}) {
    const catalog declared = declared_catalog<Ts...>(conn.dialect());
    inspect_options io = where;
    io.tables.clear();
    const catalog actual = inspect(conn, io);
    return compare_schema(declared, actual, options);
}

template <Table... Ts>
schema_report check_schema(engine& e, const check_options& options = {}, const inspect_options& where = {}) {
    auto conn = e.connect();
    return check_schema<Ts...>(conn, options, where);
}

/// As check_schema, but throws retort::programming_error listing every difference (for
/// start-up code that should not run against a database its models do not fit).
template <Table... Ts>
void require_schema(engine& e, const check_options& options = {}, const inspect_options& where = {}) {
    const auto report = check_schema<Ts...>(e, options, where);
    if (!report.ok())
        throw programming_error("retort: the database does not match the models:\n" + report.to_string());
}

}  // namespace retort
