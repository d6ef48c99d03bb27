// src/check_schema.cpp — comparing declared models (or one catalog) with a live catalog.
#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <string>

#include "retort/dialect/dialect.hpp"
#include "retort/inspect/check.hpp"

namespace retort {

std::string schema_report::to_string() const {
    std::string out;
    for (const auto& d : differences) {
        out += "table '" + d.table + "'";
        if (!d.column.empty()) out += ", column '" + d.column + "'";
        out += ": " + d.message + "\n";
    }
    return out;
}

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return "(" + out + ")";
}

std::string describe(const sql_type& t, std::size_t varchar) {
    std::string out(kind_name(t.kind));
    if (t.kind == sql_kind::integer) out += " (" + std::to_string(t.bits) + "-bit" + (t.is_unsigned ? " unsigned" : "") + ")";
    if (t.kind == sql_kind::decimal && t.precision)
        out += " (" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    if (t.kind == sql_kind::array) out += " of " + std::string(kind_name(t.element));
    if (varchar) out += " (varchar " + std::to_string(varchar) + ")";
    return out;
}

/// The integer width a column really holds (PostgreSQL), counting an unsigned model type's extra bit.
int pg_bits(const sql_type& t) {
    const int bits = t.bits + (t.is_unsigned ? 1 : 0);
    return bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
}

bool generated(catalog::identity_kind k) { return k != catalog::identity_kind::none; }

/// A SQL type name in one spelling: lower case, no quotes, no spaces around parentheses
/// and commas, no "public." / "main." schema, and PostgreSQL's short names spelled out
/// ("char(2)" → "character(2)", "int4" → "integer", "varchar(5)" → "character varying(5)").
std::string normal_type(std::string_view t) {
    std::string s;
    for (char ch : t) {
        if (ch == '"') continue;
        const char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lc == ' ' && (s.empty() || s.back() == ' ' || s.back() == '(' || s.back() == ',')) continue;
        if ((lc == '(' || lc == ')' || lc == ',') && !s.empty() && s.back() == ' ') s.pop_back();
        s += lc;
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    for (std::string_view prefix : {"public.", "main.", "pg_catalog."})
        if (s.starts_with(prefix)) s.erase(0, prefix.size());
    const auto paren = s.find('(');
    std::string base = s.substr(0, paren);
    const std::string rest = paren == std::string::npos ? "" : s.substr(paren);
    static const std::pair<std::string_view, std::string_view> aliases[] = {
        {"char", "character"},         {"bpchar", "character"},       {"varchar", "character varying"},
        {"int", "integer"},            {"int4", "integer"},           {"int2", "smallint"},
        {"int8", "bigint"},            {"bool", "boolean"},           {"float8", "double precision"},
        {"float4", "real"},            {"timestamptz", "timestamp with time zone"},
        {"timetz", "time with time zone"}, {"decimal", "numeric"}};
    for (const auto& [from, to] : aliases)
        if (base == from) base = std::string(to);
    if (base == "character" && rest.empty()) return "character(1)";
    return base + rest;
}

/// Does the database column have the type the model names with retort::column_type?
bool same_type_name(const catalog::column& want, const catalog::column& have) {
    const auto w = normal_type(want.declared_type);
    return w == normal_type(have.declared_type) || w == normal_type(have.type_name);
}

}  // namespace

schema_report compare_schema(const catalog& declared, const catalog& actual, const check_options& options) {
    schema_report r;
    auto add = [&](const std::string& table, const std::string& column, std::string message) {
        r.differences.push_back({table, column, std::move(message)});
    };
    const bool pg = actual.dialect == dialect_id::postgresql;
    for (const auto& want : declared.tables) {
        const catalog::table* have = nullptr;
        for (const auto& t : actual.tables)
            if (t.name == want.name && (want.schema.empty() || t.schema == want.schema)) have = &t;
        if (!have) {
            add(want.name, "", "missing: the database has no table of this name");
            continue;
        }
        for (const auto& wc : want.columns) {
            const auto* hc = have->find_column(wc.name);
            if (!hc) {
                add(want.name, wc.name, "missing: the table has no column of this name");
                continue;
            }
            // Type.
            if (wc.type_by_name) {
                if (!same_type_name(wc, *hc))
                    add(want.name, wc.name, "type: the model declares column_type \"" + wc.declared_type +
                                                "\", the database column is " + hc->declared_type);
            } else if (hc->cpp_type.empty()) {
                add(want.name, wc.name, "type: the column's type '" + hc->declared_type + "' has no mapping (" +
                                            hc->mapping_error + "); declare the type the model maps with "
                                            "retort::column_type<&T::field>(\"" + hc->declared_type +
                                            "\") (schema_gen writes it for every column a --map maps), or "
                                            "pass the --map in check_schema's inspect_options::map");
            } else if (wc.mapped_known && hc->mapped_known) {
                const auto& a = wc.mapped;
                const auto& b = hc->mapped;
                bool same = a.kind == b.kind;
                if (same && a.kind == sql_kind::integer && pg) same = pg_bits(a) == pg_bits(b);
                if (same && a.kind == sql_kind::real && pg) same = (a.bits == 32) == (b.bits == 32);
                if (same && a.kind == sql_kind::decimal && a.precision) same = a.precision == b.precision && a.scale == b.scale;
                if (same && a.kind == sql_kind::array) same = a.element == b.element;
                if (same && wc.mapped_varchar && hc->mapped_varchar) same = wc.mapped_varchar == hc->mapped_varchar;
                if (!same)
                    add(want.name, wc.name, "type: the model has " + describe(a, wc.mapped_varchar) +
                                                " (" + wc.declared_type + "), the database column is " +
                                                hc->declared_type + " (" + describe(b, hc->mapped_varchar) + ")");
            }
            // Nullability.
            if (wc.nullable && !hc->nullable)
                add(want.name, wc.name, "nullability: the field is std::optional but the column is NOT NULL");
            if (!wc.nullable && hc->nullable && wc.pk_position == 0)
                add(want.name, wc.name,
                    "nullability: the column accepts NULL but the field is not std::optional (reading a NULL throws)");
            // Generated keys.
            if (generated(wc.identity) && !generated(hc->identity) && !hc->default_sql)
                add(want.name, wc.name,
                    "key: the model lets the database generate this key (INSERT leaves it out), but the column has "
                    "no identity, rowid alias or default; declare retort::assigned_key");
            // PostgreSQL makes a generated key two ways; create_all makes the one the model says.
            if (pg && generated(wc.identity) && generated(hc->identity) &&
                (wc.identity == catalog::identity_kind::serial) != (hc->identity == catalog::identity_kind::serial))
                add(want.name, wc.name,
                    hc->identity == catalog::identity_kind::serial
                        ? "key: the column is a serial (a sequence default) but the model declares an identity "
                          "column; declare retort::serial<&T::f> so that create_all makes the same"
                        : "key: the column is an identity column but the model declares retort::serial; remove it "
                          "so that create_all makes the same");
            if (!generated(wc.identity) && hc->identity == catalog::identity_kind::always)
                add(want.name, wc.name,
                    "key: the column is GENERATED ALWAYS AS IDENTITY but the model inserts its own values");
        }
        if (options.extra_columns)
            for (const auto& hc : have->columns)
                if (!want.find_column(hc.name)) {
                    const bool required = !hc.nullable && !hc.default_sql && !generated(hc.identity) && !hc.generated_sql;
                    add(want.name, hc.name,
                        std::string("extra: the database has this column, the model does not") +
                            (required ? " (it is NOT NULL without a default: inserts from the model will fail)" : ""));
                }
        // Primary key.
        if (want.primary_key != have->primary_key)
            add(want.name, "", "primary key: the model has " + join(want.primary_key) + ", the database " +
                                   join(have->primary_key));
        // Foreign keys.
        auto same_fk = [](const catalog::foreign_key& a, const catalog::foreign_key& b) {
            return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns;
        };
        for (const auto& fk : want.foreign_keys) {
            const auto it = std::find_if(have->foreign_keys.begin(), have->foreign_keys.end(),
                                         [&](const auto& h) { return same_fk(fk, h); });
            const std::string what = join(fk.columns) + " → " + fk.ref_table + join(fk.ref_columns);
            if (it == have->foreign_keys.end())
                add(want.name, "", "foreign key " + what + ": missing in the database");
            else if (it->on_delete != fk.on_delete || it->on_update != fk.on_update)
                add(want.name, "", "foreign key " + what + ": the model has ON DELETE " +
                                       std::string(fk_action_sql(fk.on_delete)) + " ON UPDATE " +
                                       std::string(fk_action_sql(fk.on_update)) + ", the database ON DELETE " +
                                       std::string(fk_action_sql(it->on_delete)) + " ON UPDATE " +
                                       std::string(fk_action_sql(it->on_update)));
        }
        if (options.extra_keys)
            for (const auto& fk : have->foreign_keys)
                if (std::none_of(want.foreign_keys.begin(), want.foreign_keys.end(),
                                 [&](const auto& w) { return same_fk(w, fk); }))
                    add(want.name, "", "foreign key " + join(fk.columns) + " → " + fk.ref_table + join(fk.ref_columns) +
                                           (fk.name.empty() ? "" : " ('" + fk.name + "')") +
                                           ": in the database, not declared in the model");
        // Unique constraints (a unique index on the same columns also counts).
        auto has_unique = [](const catalog::table& t, const std::vector<std::string>& cols) {
            return std::any_of(t.uniques.begin(), t.uniques.end(), [&](const auto& u) { return u.columns == cols; }) ||
                   std::any_of(t.indexes.begin(), t.indexes.end(),
                               [&](const auto& i) { return i.unique && !i.primary && i.columns == cols && !i.predicate; });
        };
        for (const auto& u : want.uniques)
            if (!has_unique(*have, u.columns)) add(want.name, "", "unique " + join(u.columns) + ": missing in the database");
        if (options.extra_keys)
            for (const auto& u : have->uniques)
                if (!has_unique(want, u.columns))
                    add(want.name, "", "unique " + join(u.columns) + " ('" + u.name + "'): in the database, not declared in the model");
        // Indexes: one the model names is looked up by that name and compared; any other must
        // exist with the same columns and the same uniqueness, method, DESC keys and partiality.
        auto index_differences = [&](const catalog::index& w, const catalog::index& h) {
            std::vector<std::string> out;
            auto method = [](const catalog::index& i) { return i.method.empty() ? std::string("btree") : i.method; };
            if (w.unique != h.unique)
                out.push_back(std::string("the model's is ") + (w.unique ? "unique" : "not unique") +
                              ", the database's " + (h.unique ? "unique" : "not unique"));
            if (pg && method(w) != method(h))
                out.push_back("the model's method is " + method(w) + ", the database's " + method(h));
            if (w.keys.empty() && w.columns != h.columns)
                out.push_back("the model's keys are " + join(w.columns) + ", the database's " + join(h.columns));
            if (w.keys.empty() && w.has_descending != h.has_descending)
                out.push_back(std::string("the model's has ") + (w.has_descending ? "a" : "no") +
                              " DESC key, the database's " + (h.has_descending ? "has" : "has none"));
            if (w.predicate.has_value() != h.predicate.has_value())
                out.push_back(std::string("the model's is ") + (w.predicate ? "partial" : "not partial") +
                              ", the database's " + (h.predicate ? "partial (WHERE " + *h.predicate + ")" : "not partial"));
            return out;
        };
        for (const auto& ix : want.indexes) {
            const std::string kind = ix.unique ? "unique index " : "index ";
            if (ix.name_declared) {
                const auto h = std::find_if(have->indexes.begin(), have->indexes.end(),
                                            [&](const auto& x) { return x.name == ix.name; });
                if (h == have->indexes.end()) {
                    add(want.name, "", kind + "'" + ix.name + "': missing in the database");
                    continue;
                }
                for (const auto& d : index_differences(ix, *h)) add(want.name, "", kind + "'" + ix.name + "': " + d);
                continue;
            }
            const bool found = std::any_of(have->indexes.begin(), have->indexes.end(), [&](const auto& h) {
                return index_differences(ix, h).empty() && (!options.index_names || h.name == ix.name);
            });
            if (!found) {
                const auto near = std::find_if(have->indexes.begin(), have->indexes.end(), [&](const auto& h) {
                    return !h.primary && h.columns == ix.columns;
                });
                if (near != have->indexes.end() && !index_differences(ix, *near).empty()) {
                    for (const auto& d : index_differences(ix, *near))
                        add(want.name, "", kind + join(ix.columns) + ": the database's '" + near->name + "' differs: " + d);
                    continue;
                }
                std::string shape;
                if (!ix.method.empty() && ix.method != "btree") shape += " USING " + ix.method;
                if (ix.has_descending) shape += " (with a DESC key)";
                if (ix.predicate) shape += " WHERE " + *ix.predicate;
                add(want.name, "", kind + join(ix.columns) + shape +
                                       (options.index_names ? " '" + ix.name + "'" : "") + ": missing in the database");
            }
        }
        // Comments the model declares (PostgreSQL; SQLite keeps none).
        if (pg) {
            if (!want.comment.empty() && want.comment != have->comment)
                add(want.name, "", "comment: the model has '" + want.comment + "', the database " +
                                       (have->comment.empty() ? std::string("none") : "'" + have->comment + "'"));
            for (const auto& wc : want.columns) {
                const auto* hc = have->find_column(wc.name);
                if (hc && !wc.comment.empty() && wc.comment != hc->comment)
                    add(want.name, wc.name, "comment: the model has '" + wc.comment + "', the database " +
                                                (hc->comment.empty() ? std::string("none") : "'" + hc->comment + "'"));
            }
        }
        // Enum types: the labels, in order (the order is the type's sort order).
        for (const auto& wc : want.columns) {
            if (wc.kind != catalog::type_kind::enumeration) continue;
            const auto* hc = have->find_column(wc.name);
            const catalog::enum_type* we = nullptr;
            for (const auto& e : declared.enums)
                if (e.name == wc.type_name) we = &e;
            if (!hc || !we || hc->kind != catalog::type_kind::enumeration) continue;
            const auto* he = actual.find_enum(hc->type_schema, hc->type_name);
            if (he && he->labels != we->labels)
                add(want.name, wc.name, "enum " + he->name + ": the model's labels are " + join(we->labels) +
                                            ", the database's " + join(he->labels));
        }
        // Domains (PostgreSQL): the column has the domain; the domain its base type and checks.
        for (const auto& wc : want.columns) {
            if (wc.kind != catalog::type_kind::domain || !pg) continue;
            const auto* hc = have->find_column(wc.name);
            if (!hc || hc->kind != catalog::type_kind::domain) continue;  // the type check said so
            const catalog::domain* wd = nullptr;
            for (const auto& d : declared.domains)
                if (d.name == wc.type_name) wd = &d;
            const auto* hd = actual.find_domain(hc->type_schema, hc->type_name);
            if (!wd || !hd) continue;
            if (normal_type(wd->base_type) != normal_type(hd->base_type))
                add(want.name, wc.name, "domain " + hd->name + ": the model's base type is " + wd->base_type +
                                            ", the database's " + hd->base_type);
            for (const auto& ck : wd->checks)
                if (!ck.name.empty() &&
                    std::none_of(hd->checks.begin(), hd->checks.end(), [&](const auto& h) { return h.name == ck.name; }))
                    add(want.name, wc.name, "domain " + hd->name + ": check '" + ck.name + "' is missing in the database");
        }
        // CHECK constraints by name.
        if (options.check_constraints)
            for (const auto& ck : want.checks) {
                if (ck.name.empty()) continue;
                if (std::none_of(have->checks.begin(), have->checks.end(), [&](const auto& h) { return h.name == ck.name; }))
                    add(want.name, "", "check '" + ck.name + "': missing in the database");
            }
    }
    return r;
}

}  // namespace retort
