// retort/stmt/ddl.hpp — CREATE TABLE / DROP TABLE / CREATE INDEX from table declarations
// (the foreign-key dependency order used by create_all / drop_all: stmt/ddl_order.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <tuple>

#include "retort/detail/tuple_apply.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/naming.hpp"

namespace retort {

namespace detail {

template <class O>
struct is_foreign_key : std::false_type {};
template <auto F, auto T>
struct is_foreign_key<foreign_key_t<F, T>> : std::true_type {};

template <class O>
struct is_index : std::false_type {};
template <bool U, auto... Ms>
struct is_index<index_t<U, Ms...>> : std::true_type {};
template <bool U, auto... Ms>
struct is_index<index_spec<U, Ms...>> : std::true_type {};

/// Foreign key From → To must point at a primary key or unique column of To's table, with
/// the same value type. Instantiated per key, so the message comes with both members named.
/// A function, not a class, so that it still returns a constant after a static_assert
/// fires (see table_not_in_statement).
template <auto From, auto To>
consteval bool foreign_key_check() {
    using target = reflect::class_of<To>;
    static_assert(Table<target>, "retort: a foreign key points at a struct that is not a declared table");
    constexpr bool target_is_key = [] {
        if constexpr (Table<target>) {
            constexpr auto& col = meta<target>.columns[reflect::member_index<To>];
            if (col.primary_key && meta<target>.pk_count == 1) return true;
            bool unique = false;
            detail::tuple_apply(
                [&](const auto&... o) {
                    auto one = [&]<class O>(const O&) {
                        if constexpr (requires { []<auto M>(unique_t<M>) {}(O{}); })
                            [&]<auto M>(unique_t<M>) {
                                if (reflect::member_index<M> == reflect::member_index<To>) unique = true;
                            }(O{});
                    };
                    (one(o), ...);
                },
                table_of<target>.options);
            return unique;
        }
        return false;
    }();
    static_assert(!Table<target> || target_is_key,
                  "retort: a foreign key must reference the primary key or a unique column of its target "
                  "table (the members are named in 'foreign_key_check<From, To>' above)");
    constexpr bool same_type =
        std::is_same_v<unwrap_optional_t<reflect::value_of<From>>, unwrap_optional_t<reflect::value_of<To>>>;
    static_assert(!Table<target> || !target_is_key || same_type,
                  "retort: a foreign key column must have the same type as the column it references "
                  "(the members are named in 'foreign_key_check<From, To>' above)");
    return target_is_key && same_type;
}

template <auto M>
consteval bool serial_check() {
    constexpr bool is_key = meta<reflect::class_of<M>>.columns[reflect::member_index<M>].generated;
    static_assert(is_key,
                  "retort: retort::serial<&T::f> names a column the database does not generate: serial applies to "
                  "a single-column integer primary key without retort::assigned_key (for a sequence default on "
                  "another column, write retort::server_default<&T::f>(\"nextval('name')\"))");
    return is_key;
}

template <class O>
consteval bool check_option() {
    if constexpr (is_foreign_key<O>::value)
        return []<auto F, auto To>(foreign_key_t<F, To>) { return foreign_key_check<F, To>(); }(O{});
    else if constexpr (requires { []<auto M>(serial_t<M>) {}(O{}); })
        return []<auto M>(serial_t<M>) { return serial_check<M>(); }(O{});
    else
        return true;
}

// A fold over the option types, not std::apply: a failed check's instantiation context then
// stays a few lines long.
template <class T>
consteval bool check_table_declaration() {
    using options = std::remove_cvref_t<decltype(table_of<T>.options)>;
    constexpr bool names_ok = naming_convention_ok(naming_of<T>());
    static_assert(names_ok,
                  "retort: a naming_convention pattern is empty or has an unknown token; the tokens are "
                  "%(table_name)s, %(column_0_name)s, %(column_0_N_name)s, %(column_0N_name)s, "
                  "%(referred_table_name)s and %(constraint_name)s");
    return names_ok && []<std::size_t... I>(std::index_sequence<I...>) {
        return (true && ... && check_option<std::tuple_element_t<I, options>>());
    }(std::make_index_sequence<std::tuple_size_v<options>>{});
}

template <class D>
constexpr void render_member_list(sql_writer& w, auto... indexes_and_table) = delete;

template <class T, auto... Ms>
constexpr void render_columns_of(sql_writer& w) {
    w.put('(');
    bool first = true;
    ((first ? void(first = false) : w.put(", "), w.quoted(meta<T>.columns[reflect::member_index<Ms>].name)), ...);
    w.put(')');
}

/// Veto: a table with a std::vector (array) column, created on SQLite.
struct sqlite_has_no_arrays {
    static constexpr std::string_view reason =
        "retort: SQLite has no array columns; std::vector<T> fields need PostgreSQL (store a list in a "
        "separate table, or as retort::json)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>,
                      "retort: SQLite has no array columns; std::vector<T> fields need PostgreSQL (store a list in "
                      "a separate table, or as retort::json)");
        return false;
    }
};

template <class T>
consteval bool has_array_column() {
    for (const auto& col : meta<T>.columns)
        if (col.type.kind == sql_kind::array) return true;
    return false;
}

/// 'text' with quotes doubled.
constexpr void put_string_literal(sql_writer& w, std::string_view text) {
    w.put('\'');
    for (char c : text) {
        if (c == '\'') w.put('\'');
        w.put(c);
    }
    w.put('\'');
}

/// A domain's CHECK on a column of a database without domains: " CONSTRAINT "name" CHECK
/// (expr)" with the word VALUE (any case, outside quotes) replaced by the quoted column.
constexpr void put_domain_check(sql_writer& w, const check_t& ck, std::string_view column) {
    w.put(' ');
    if (!ck.name.empty()) {
        w.put("CONSTRAINT ");
        w.quoted(ck.name);
        w.put(' ');
    }
    w.put("CHECK (");
    const std::string_view e = ck.sql;
    auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    char quote = 0;
    for (std::size_t i = 0; i < e.size();) {
        const char c = e[i];
        if (quote) {
            w.put(c);
            if (c == quote) quote = 0;
            ++i;
        } else if (c == '\'' || c == '"') {
            quote = c;
            w.put(c);
            ++i;
        } else if (word_char(c)) {
            std::size_t j = i;
            while (j < e.size() && word_char(e[j])) ++j;
            const std::string_view word = e.substr(i, j - i);
            bool is_value = word.size() == 5;
            for (std::size_t k = 0; is_value && k < 5; ++k)
                is_value = (word[k] | 0x20) == "value"[k];
            if (is_value)
                w.quoted(column);
            else
                w.put(word);
            i = j;
        } else {
            w.put(c);
            ++i;
        }
    }
    w.put(')');
}

/// PostgreSQL: CREATE DOMAIN, doing nothing when the domain exists.
inline std::string create_domain_sql(const domain_info& d) {
    auto ident = [](std::string_view name) {
        std::string out = "\"";
        for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    std::string out = "DO $retort$ BEGIN CREATE DOMAIN " + ident(d.name) + " AS " + std::string(d.base_type);
    for (std::size_t k = 0; k < d.check_count; ++k) {
        if (!d.checks[k].name.empty()) out += " CONSTRAINT " + ident(d.checks[k].name);
        out += " CHECK (" + std::string(d.checks[k].sql) + ")";
    }
    return out + "; EXCEPTION WHEN duplicate_object THEN NULL; END $retort$";
}

/// PostgreSQL: DROP DOMAIN, unless a column drop_all did not drop still uses it.
inline std::string drop_domain_sql(const domain_info& d) {
    std::string out = "DO $retort$ BEGIN DROP DOMAIN IF EXISTS \"";
    for (char c : d.name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $retort$";
}

/// PostgreSQL: CREATE TYPE for a labeled enum, doing nothing when the type exists.
inline std::string create_enum_sql(const column_info& col) {
    std::string out = "DO $retort$ BEGIN CREATE TYPE \"";
    for (char c : col.enum_name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += "\" AS ENUM (";
    for (std::size_t k = 0; k < col.enum_label_count; ++k) {
        out += k ? ", '" : "'";
        for (char c : col.enum_labels[k]) out += c == '\'' ? std::string("''") : std::string(1, c);
        out += "'";
    }
    return out + "); EXCEPTION WHEN duplicate_object THEN NULL; END $retort$";
}

/// PostgreSQL: COMMENT ON TABLE "table" (column empty) or COMMENT ON COLUMN "table"."column".
inline std::string comment_sql(std::string_view table, std::string_view column, std::string_view text) {
    auto ident = [](std::string_view name) {
        std::string out = "\"";
        for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    std::string out = column.empty() ? "COMMENT ON TABLE " + ident(table) : "COMMENT ON COLUMN " + ident(table) + "." + ident(column);
    out += " IS '";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// PostgreSQL: DROP TYPE for a labeled enum, unless a column drop_all did not drop still uses it.
inline std::string drop_enum_sql(const column_info& col) {
    std::string out = "DO $retort$ BEGIN DROP TYPE IF EXISTS \"";
    for (char c : col.enum_name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $retort$";
}

/// "FOREIGN KEY ("f") REFERENCES "target" ("to") [ON DELETE ...] [ON UPDATE ...]".
template <class T, auto F, auto To>
constexpr void render_foreign_key(sql_writer& w, const foreign_key_t<F, To>& fk) {
    using Target = reflect::class_of<To>;
    w.put("FOREIGN KEY ");
    render_columns_of<T, F>(w);
    w.put(" REFERENCES ");
    w.quoted(meta<Target>.name);
    w.put(' ');
    render_columns_of<Target, To>(w);
    if (fk.on_delete != fk_action::no_action) {
        w.put(" ON DELETE ");
        w.put(fk_action_sql(fk.on_delete));
    }
    if (fk.on_update != fk_action::no_action) {
        w.put(" ON UPDATE ");
        w.put(fk_action_sql(fk.on_update));
    }
}

/// A declared foreign key's name: by T's naming convention when it has one, else the name
/// PostgreSQL gives a foreign key declared in CREATE TABLE, <table>_<column>_fkey.
template <class T, auto F, auto To>
constexpr void render_foreign_key_name(sql_writer& w, const foreign_key_t<F, To>&) {
    if constexpr (has_naming_convention<T>()) {
        put_convention_name<T, F>(w, naming_of<T>().fk, meta<reflect::class_of<To>>.name);
    } else {
        w.put('"');
        put_name(w, "%(table_name)s_%(column_0_N_name)s_fkey", name_parts{meta<T>.name, member_names<T, F>, 1});
        w.put('"');
    }
}

}  // namespace detail

/// CREATE TABLE for T. Bit I of OmitForeignKeys leaves out the foreign key that is option I
/// of T's declaration (create_all adds it afterwards with add_foreign_key_t: a key that
/// closes a cycle of foreign keys between tables).
template <class T, bool IfNotExists, std::uint64_t OmitForeignKeys = 0>
struct create_table_t {
    using statement_kind = ddl_kind;

    /// Array columns exist on PostgreSQL only: on SQLite the statement is vetoed (a
    /// compile error where the dialect is named, an exception on a SQLite connection).
    template <class D>
    using veto = std::conditional_t<std::is_same_v<D, sqlite> && detail::has_array_column<T>(),
                                    detail::sqlite_has_no_arrays, detail::no_veto>;

    /// The foreign keys' rules, checked once where the statement is rendered or run.
    static consteval bool check() { return detail::check_table_declaration<T>(); }

    /// With a naming_convention every constraint gets its name; without, the database names them.
    static constexpr bool named = detail::has_naming_convention<T>();

    /// " CONSTRAINT "pk_<table>"" when the table has a naming convention.
    static constexpr void render_primary_key_name(detail::sql_writer& w) {
        if constexpr (named) {
            w.put(" CONSTRAINT ");
            detail::put_quoted_name(w, detail::naming_of<T>().pk, detail::name_parts{meta<T>.name});
        }
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr auto& m = meta<T>;
        w.put(IfNotExists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ");
        w.quoted(m.name);
        w.put(" (");
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            const auto& col = m.columns[i];
            if (i) w.put(", ");
            w.quoted(col.name);
            w.put(' ');
            if (col.generated) {
                if constexpr (std::is_same_v<D, sqlite>) {
                    w.put("INTEGER");
                } else if (col.serial) {
                    w.put(col.type.bits <= 16                              ? "SMALLSERIAL"
                          : col.type.bits <= 32 && !col.type.is_unsigned ? "SERIAL"
                                                                          : "BIGSERIAL");
                } else {
                    w.put(D::type_name(col.type));
                    w.put(" GENERATED BY DEFAULT AS IDENTITY");
                }
                render_primary_key_name(w);
                w.put(" PRIMARY KEY");
                if (std::is_same_v<D, sqlite> && col.autoincrement) w.put(" AUTOINCREMENT");
                continue;
            }
            if (col.has_domain && std::is_same_v<D, postgresql>) {
                w.quoted(col.domain->name);  // created by create_all before the tables
            } else if (col.has_domain) {
                w.put(col.domain->base_type);
            } else if (!col.type_sql_for(D::id).empty()) {
                w.put(col.type_sql_for(D::id));
            } else if (col.enum_label_count && std::is_same_v<D, postgresql>) {
                w.quoted(col.enum_name);  // created by create_all before the tables
            } else if (col.varchar) {
                w.put("VARCHAR(");
                w.put_number(col.varchar);
                w.put(')');
            } else {
                w.put(D::type_name(col.type));
            }
            if (!col.nullable) w.put(" NOT NULL");
            if (!col.default_sql.empty()) {
                w.put(" DEFAULT ");
                w.put(col.default_sql);
            }
            if (col.enum_label_count && col.type_sql_for(D::id).empty() && !std::is_same_v<D, postgresql>) {
                w.put(" CHECK (");
                w.quoted(col.name);
                w.put(" IN (");
                for (std::size_t k = 0; k < col.enum_label_count; ++k) {
                    if (k) w.put(", ");
                    detail::put_string_literal(w, col.enum_labels[k]);
                }
                w.put("))");
            }
            if (col.has_domain && !std::is_same_v<D, postgresql>)
                for (std::size_t k = 0; k < col.domain->check_count; ++k)
                    detail::put_domain_check(w, col.domain->checks[k], col.name);
        }
        if (m.pk_count && !m.has_generated()) {
            w.put(',');
            render_primary_key_name(w);
            w.put(" PRIMARY KEY (");
            for (std::size_t k = 0; k < m.pk_count; ++k) {  // declaration order: it is the index's order
                if (k) w.put(", ");
                w.quoted(m.columns[m.pk_order[k]].name);
            }
            w.put(')');
        }
        std::size_t option_index = 0;
        detail::tuple_apply(
            [&](const auto&... opt) {
                auto one = [&]<class O>(const O& o) {
                    const std::size_t index = option_index++;
                    if constexpr (requires { []<auto... Ms>(unique_t<Ms...>) {}(o); }) {
                        [&]<auto... Ms>(unique_t<Ms...>) {
                            w.put(", ");
                            if constexpr (named) {
                                w.put("CONSTRAINT ");
                                detail::put_convention_name<T, Ms...>(w, detail::naming_of<T>().uq);
                                w.put(' ');
                            }
                            w.put("UNIQUE ");
                            detail::render_columns_of<T, Ms...>(w);
                        }(o);
                    } else if constexpr (detail::is_foreign_key<O>::value) {
                        if (index < 64 && (OmitForeignKeys >> index) & 1u) return;
                        w.put(", ");
                        if constexpr (named) {
                            w.put("CONSTRAINT ");
                            detail::render_foreign_key_name<T>(w, o);
                            w.put(' ');
                        }
                        detail::render_foreign_key<T>(w, o);
                    } else if constexpr (std::is_same_v<O, check_t>) {
                        w.put(", ");
                        if (!o.name.empty()) {
                            w.put("CONSTRAINT ");
                            if constexpr (named)
                                detail::put_convention_name<T>(w, detail::naming_of<T>().ck, {}, o.name);
                            else
                                w.quoted(o.name);
                            w.put(' ');
                        }
                        w.put("CHECK (");
                        w.put(o.sql);
                        w.put(')');
                    }
                };
                (void)one;
                (one(opt), ...);
            },
            table_of<T>.options);
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class T, bool IfExists>
struct drop_table_t {
    using statement_kind = ddl_kind;
    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(IfExists ? "DROP TABLE IF EXISTS " : "DROP TABLE ");
        w.quoted(meta<T>.name);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// ALTER TABLE ... ADD CONSTRAINT <name> FOREIGN KEY ... for the foreign key
/// that is option I of T's declaration (PostgreSQL; what create_all runs for a key that
/// closes a cycle, once every table exists). Run again, it changes nothing.
template <class T, std::size_t I>
struct add_foreign_key_t {
    using statement_kind = ddl_kind;
    using option = std::remove_cvref_t<decltype(std::get<I>(table_of<T>.options))>;
    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        [&]<auto F, auto To>(foreign_key_t<F, To>) {
            w.put("DO $retort$ BEGIN ALTER TABLE ");
            w.quoted(meta<T>.name);
            w.put(" ADD CONSTRAINT ");
            detail::render_foreign_key_name<T>(w, std::get<I>(table_of<T>.options));
            w.put(' ');
            detail::render_foreign_key<T>(w, std::get<I>(table_of<T>.options));
            w.put("; EXCEPTION WHEN duplicate_object THEN NULL; END $retort$");
        }(option{});
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// ALTER TABLE IF EXISTS ... DROP CONSTRAINT IF EXISTS <name> (PostgreSQL;
/// what drop_all runs first for a key that closes a cycle).
template <class T, std::size_t I>
struct drop_foreign_key_t {
    using statement_kind = ddl_kind;
    using option = std::remove_cvref_t<decltype(std::get<I>(table_of<T>.options))>;
    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        [&]<auto F, auto To>(foreign_key_t<F, To>) {
            w.put("ALTER TABLE IF EXISTS ");
            w.quoted(meta<T>.name);
            w.put(" DROP CONSTRAINT IF EXISTS ");
            detail::render_foreign_key_name<T>(w, std::get<I>(table_of<T>.options));
        }(option{});
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// CREATE INDEX for the I-th retort::index / unique_index option of T's declaration.
/// The index is named by T's naming convention (ix_<table>_<columns>, uq_ for unique
/// indexes) unless it has a name of its own.
template <class T, std::size_t I>
struct create_index_t {
    using statement_kind = ddl_kind;
    using option = std::remove_cvref_t<decltype(std::get<I>(table_of<T>.options))>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr detail::index_extras o = detail::extras_of(std::get<I>(table_of<T>.options));
        [&]<bool U, auto... Ms>(const index_t<U, Ms...>&) {
            w.put(U ? "CREATE UNIQUE INDEX IF NOT EXISTS " : "CREATE INDEX IF NOT EXISTS ");
            if (!o.name.empty())
                w.quoted(o.name);
            else
                detail::put_convention_name<T, Ms...>(w, U ? detail::naming_of<T>().uq : detail::naming_of<T>().ix);
            w.put(" ON ");
            w.quoted(meta<T>.name);
            if (D::id == dialect_id::postgresql && !o.method.empty()) {
                w.put(" USING ");
                w.put(o.method);
            }
            w.put(" (");
            if (!o.keys.empty()) {
                w.put(o.keys);
            } else {
                std::size_t k = 0;
                ((k > 0 ? w.put(", ") : void(), w.quoted(meta<T>.columns[reflect::member_index<Ms>].name),
                  (o.desc >> k) & 1u ? w.put(" DESC") : void(), ++k),
                 ...);
            }
            w.put(')');
            if (!o.where.empty()) {
                w.put(" WHERE ");
                w.put(o.where);
            }
        }(std::get<I>(table_of<T>.options));
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <Table T>
constexpr create_table_t<T, false> create_table() {
    return {};
}
template <Table T>
constexpr create_table_t<T, true> create_table_if_not_exists() {
    return {};
}
template <Table T>
constexpr drop_table_t<T, false> drop_table() {
    return {};
}
template <Table T>
constexpr drop_table_t<T, true> drop_table_if_exists() {
    return {};
}

}  // namespace retort

// The order create_all / drop_all create and drop tables in.
#include "retort/stmt/ddl_order.hpp"
