// src/inspect_postgresql.cpp — the PostgreSQL catalog, from pg_catalog. One query per
// kind of object for all tables of a schema at once (not one per table), so a schema of
// a hundred tables costs the same seven round trips as one of ten.
#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "inspect_internal.hpp"
#include "retort/engine/error.hpp"

namespace retort::detail {
namespace {

/// "{1,2}" or "1 2" (int2vector) → {1, 2}.
std::vector<int> int_list(std::string_view s) {
    std::vector<int> out;
    int v = 0;
    bool in = false, neg = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            in = true;
        } else if (c == '-') {
            neg = true;
        } else {
            if (in) out.push_back(neg ? -v : v);
            v = 0;
            in = false;
            neg = false;
        }
    }
    if (in) out.push_back(neg ? -v : v);
    return out;
}

/// "character varying(160)" → 160; "numeric(10,2)" → 10 then 2.
std::optional<int> modifier(std::string_view formatted, std::size_t which) {
    const auto open = formatted.find('(');
    if (open == std::string_view::npos) return std::nullopt;
    const auto nums = int_list(formatted.substr(open));
    if (which < nums.size()) return nums[which];
    return std::nullopt;
}

fk_action pg_action(std::string_view code) {
    switch (code.empty() ? 'a' : code[0]) {
        case 'r': return fk_action::restrict_;
        case 'c': return fk_action::cascade;
        case 'n': return fk_action::set_null;
        case 'd': return fk_action::set_default;
        default: return fk_action::no_action;
    }
}

/// pg_get_constraintdef of a CHECK: "CHECK ((price >= 0))" → "price >= 0".
std::string check_expression(std::string def) {
    if (def.starts_with("CHECK ")) def = def.substr(6);
    const auto no_inherit = def.rfind(" NO INHERIT");
    if (no_inherit != std::string::npos && no_inherit + 11 == def.size()) def.resize(no_inherit);
    const auto not_valid = def.rfind(" NOT VALID");
    if (not_valid != std::string::npos && not_valid + 10 == def.size()) def.resize(not_valid);
    // Strip the outer pair of parentheses while they enclose everything.
    auto wrapped = [](const std::string& s) {
        if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
        int depth = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '(') ++depth;
            if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) return false;
        }
        return true;
    };
    int strips = 0;
    while (wrapped(def) && strips < 2) {
        def = def.substr(1, def.size() - 2);
        ++strips;
    }
    return def;
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// While the catalog is read, search_path is the inspected schemas: the server then writes
/// names of those schemas without their schema (defaults, checks, index definitions,
/// types: 'G'::rating_kind, not 'G'::public.rating_kind), whatever search_path the session
/// had (pg_dump scripts empty it). The session's own value comes back afterwards.
class search_path_guard {
public:
    search_path_guard(driver::connection& conn, const std::vector<std::string>& schemas) : conn_(conn) {
        if (auto v = fetch(conn, "SELECT current_setting('search_path')"); !v.empty()) saved_ = str(v[0], 0);
        std::string path;
        for (const auto& s : schemas) path += (path.empty() ? "" : ", ") + quote_ident(s);
        fetch(conn, "SELECT set_config('search_path', $1, false)", {path});
    }
    ~search_path_guard() {
        try {
            fetch(conn_, "SELECT set_config('search_path', $1, false)", {saved_});
        } catch (...) {  // an aborted transaction: its end restores the setting anyway
        }
    }
    search_path_guard(const search_path_guard&) = delete;
    search_path_guard& operator=(const search_path_guard&) = delete;

private:
    driver::connection& conn_;
    std::string saved_;
};

}  // namespace

catalog inspect_postgresql(driver::connection& conn, const inspect_options& options) {
    catalog cat;
    cat.dialect = dialect_id::postgresql;
    if (auto v = fetch(conn, "SHOW server_version"); !v.empty()) cat.server_version = str(v[0], 0);
    cat.schemas = options.schemas.empty() ? std::vector<std::string>{"public"} : options.schemas;
    const search_path_guard path(conn, cat.schemas);

    for (const auto& schema : cat.schemas) {
        if (fetch(conn, "SELECT 1 FROM pg_namespace WHERE nspname = $1", {schema}).empty()) {
            std::string names;
            for (const auto& r : fetch(conn,
                                       "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                                       "AND nspname <> 'information_schema' ORDER BY 1"))
                names += (names.empty() ? "" : ", ") + str(r, 0);
            throw argument_error("retort: schema '" + schema + "' does not exist (schemas there: " + names + ")");
        }

        // Enums and domains of the schema.
        for (const auto& r : fetch(conn,
                                   "SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                                   "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 "
                                   "ORDER BY t.typname, e.enumsortorder",
                                   {schema})) {
            if (cat.enums.empty() || cat.enums.back().name != str(r, 0) || cat.enums.back().schema != schema)
                cat.enums.push_back({schema, str(r, 0), {}});
            cat.enums.back().labels.push_back(str(r, 1));
        }
        for (const auto& r : fetch(conn,
                                   "SELECT t.typname, format_type(t.typbasetype, t.typtypmod), bt.typname, "
                                   "t.typnotnull::int, t.typdefault, "
                                   "(SELECT string_agg(c.conname || chr(31) || pg_get_constraintdef(c.oid), chr(30) "
                                   "ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid) "
                                   "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                                   "JOIN pg_type bt ON bt.oid = t.typbasetype "
                                   "WHERE t.typtype = 'd' AND n.nspname = $1 ORDER BY t.typname",
                                   {schema})) {
            catalog::domain d{schema, str(r, 0), str(r, 1), str(r, 2), str(r, 3) == "1", r[4], {}};
            if (r[5]) {
                std::string_view all = *r[5];
                while (!all.empty()) {
                    const auto end = all.find('\x1e');
                    const auto item = all.substr(0, end);
                    const auto sep = item.find('\x1f');
                    d.checks.push_back({std::string(item.substr(0, sep)),
                                        check_expression(std::string(item.substr(sep + 1)))});
                    all = end == std::string_view::npos ? std::string_view{} : all.substr(end + 1);
                }
            }
            cat.domains.push_back(std::move(d));
        }

        // Tables and views.
        std::map<std::string, std::size_t> by_oid;  // pg_class oid → index in cat.tables
        for (const auto& r : fetch(conn,
                                   "SELECT c.oid, c.relname, c.relkind, "
                                   "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, "
                                   "obj_description(c.oid, 'pg_class') "
                                   "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                                   "AND NOT c.relispartition ORDER BY c.relname",
                                   {schema})) {
            catalog::table t;
            t.schema = schema;
            t.name = str(r, 1);
            const auto kind = str(r, 2);
            t.is_view = kind == "v" || kind == "m";
            if (t.is_view && !options.include_views) continue;
            t.sql = str(r, 3);
            t.comment = str(r, 4);
            by_oid[str(r, 0)] = cat.tables.size();
            cat.tables.push_back(std::move(t));
        }

        // Columns of every table of the schema (attnums count dropped columns too).
        std::map<std::string, std::map<int, std::string>> attnames;  // oid → attnum → name
        for (const auto& r : fetch(conn,
                                   "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, "
                                   "tn.nspname, t.typtype, et.typname, "
                                   "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, "
                                   "a.attnotnull::int, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                                   "CASE WHEN t.typtype = 'd' THEN bt.typname END, t.typcategory, a.attnum, "
                                   "col_description(a.attrelid, a.attnum) "
                                   "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace "
                                   "LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
                                   "LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
                                   "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                   "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                                   "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it == by_oid.end()) continue;
            catalog::column c;
            c.name = str(r, 1);
            c.declared_type = str(r, 2);
            c.type_name = str(r, 3);
            c.type_schema = str(r, 4);
            const auto typtype = str(r, 5);
            const auto category = str(r, 13);
            if (category == "A")
                c.kind = catalog::type_kind::array, c.element_type = str(r, 6);
            else if (typtype == "e")
                c.kind = catalog::type_kind::enumeration;
            else if (typtype == "d")
                c.kind = catalog::type_kind::domain, c.base_type = str(r, 7);
            else if (typtype == "c")
                c.kind = catalog::type_kind::composite;
            else if (typtype != "b")
                c.kind = catalog::type_kind::other;
            const std::string sized = c.kind == catalog::type_kind::domain ? c.base_type : c.declared_type;
            const std::string base = c.kind == catalog::type_kind::domain ? str(r, 12) : c.type_name;
            if (base == "varchar" || base == "bpchar") c.length = modifier(sized, 0);
            if (base == "numeric") {
                c.precision = modifier(sized, 0);
                if (c.precision) c.scale = modifier(sized, 1).value_or(0);
            }
            c.nullable = str(r, 8) != "1";
            c.default_sql = r[9];
            const auto identity = str(r, 10);
            const auto generated = str(r, 11);
            if (identity == "a")
                c.identity = catalog::identity_kind::always;
            else if (identity == "d")
                c.identity = catalog::identity_kind::by_default;
            else if (c.default_sql && c.default_sql->starts_with("nextval("))
                c.identity = catalog::identity_kind::serial;
            if (generated == "s") {
                c.generated_sql = c.default_sql;
                c.default_sql.reset();
            }
            c.comment = str(r, 15);
            attnames[str(r, 0)][std::stoi(str(r, 14))] = c.name;
            cat.tables[it->second].columns.push_back(std::move(c));
        }

        // Constraints: primary key, unique, foreign key, check.
        for (const auto& r : fetch(conn,
                                   "SELECT con.conrelid, con.conname, con.contype, con.conkey, rn.nspname, rc.relname, "
                                   "con.confkey, con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid), "
                                   "con.confrelid "
                                   "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
                                   "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                                   "WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f', 'c') "
                                   "ORDER BY con.conrelid, con.contype, con.conname",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it == by_oid.end()) continue;
            auto& t = cat.tables[it->second];
            auto names = [&](const std::vector<int>& nums, const std::string& oid) {
                std::vector<std::string> out;
                const auto& m = attnames[oid];
                for (int n : nums) {
                    const auto found = m.find(n);
                    if (found != m.end()) {
                        out.push_back(found->second);
                    } else {
                        // Appended, not "#" + std::to_string(n): GCC 12 at -O3 reports a false
                        // -Wrestrict for a 1-character literal + a temporary string (GCC PR 105329).
                        out.emplace_back("#").append(std::to_string(n));
                    }
                }
                return out;
            };
            const auto type = str(r, 2);
            const auto keys = int_list(str(r, 3));
            if (type == "p") {
                t.primary_key_name = str(r, 1);
                t.primary_key = names(keys, str(r, 0));
                for (std::size_t k = 0; k < t.primary_key.size(); ++k)
                    for (auto& c : t.columns)
                        if (c.name == t.primary_key[k]) c.pk_position = static_cast<int>(k + 1);
            } else if (type == "u") {
                t.uniques.push_back({str(r, 1), names(keys, str(r, 0))});
            } else if (type == "c") {
                t.checks.push_back({str(r, 1), check_expression(str(r, 9))});
            } else {
                catalog::foreign_key fk;
                fk.name = str(r, 1);
                fk.columns = names(keys, str(r, 0));
                fk.ref_schema = str(r, 4);
                fk.ref_table = str(r, 5);
                fk.on_delete = pg_action(str(r, 7));
                fk.on_update = pg_action(str(r, 8));
                // The referenced columns' names (the table may be in another schema).
                const auto ref_keys = int_list(str(r, 6));
                const auto ref = by_oid.find(str(r, 10));
                if (ref != by_oid.end()) {
                    fk.ref_columns = names(ref_keys, str(r, 10));
                } else {
                    for (int n : ref_keys)
                        for (const auto& a : fetch(conn,
                                                   "SELECT attname FROM pg_attribute WHERE attrelid = $1::oid "
                                                   "AND attnum = $2::int2",
                                                   {str(r, 10), std::to_string(n)}))
                            fk.ref_columns.push_back(str(a, 0));
                }
                t.foreign_keys.push_back(std::move(fk));
            }
        }
        // Indexes.
        for (const auto& r : fetch(conn,
                                   "SELECT i.indrelid, ic.relname, i.indisunique::int, i.indisprimary::int, i.indkey, "
                                   "pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid), am.amname, "
                                   "con.conname, i.indnkeyatts, "
                                   "(SELECT string_agg(COALESCE(a.attname::text, ''), chr(31) ORDER BY k.n) "
                                   " FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
                                   " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                                   " WHERE k.n <= i.indnkeyatts), "
                                   "EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) AS o(v) WHERE (o.v & 1) = 1)::int "
                                   "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                                   "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "JOIN pg_am am ON am.oid = ic.relam "
                                   "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
                                   "AND con.contype IN ('p', 'u', 'x') "
                                   "WHERE n.nspname = $1 ORDER BY i.indrelid, ic.relname",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it == by_oid.end()) continue;
            catalog::index ix;
            ix.name = str(r, 1);
            ix.unique = str(r, 2) == "1";
            ix.primary = str(r, 3) == "1";
            ix.predicate = r[5];
            ix.definition = str(r, 6);
            ix.method = str(r, 7);
            ix.constraint = str(r, 8);
            ix.has_descending = str(r, 11) == "1";
            std::string_view cols = str(r, 10);
            while (true) {
                const auto end = cols.find('\x1f');
                const auto name = cols.substr(0, end);
                if (name.empty()) {
                    ix.has_expressions = true;
                    ix.columns.emplace_back("<expression>");
                } else {
                    ix.columns.emplace_back(name);
                }
                if (end == std::string_view::npos) break;
                cols = cols.substr(end + 1);
            }
            cat.tables[it->second].indexes.push_back(std::move(ix));
        }
        // Triggers (not the internal ones behind foreign keys).
        for (const auto& r : fetch(conn,
                                   "SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                                   "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY t.tgrelid, t.tgname",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it != by_oid.end()) cat.tables[it->second].triggers.push_back({str(r, 1), str(r, 2)});
        }
        // Partitioned tables: the key, and every partition below them (a partition is not a
        // table of its own here: it has its parent's columns and is reached through it).
        for (const auto& r : fetch(conn,
                                   "SELECT c.oid, pg_get_partkeydef(c.oid) FROM pg_class c "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = $1 AND c.relkind = 'p' AND NOT c.relispartition",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it != by_oid.end()) cat.tables[it->second].partition_key = str(r, 1);
        }
        for (const auto& r : fetch(conn,
                                   "WITH RECURSIVE p(top, oid, parent) AS ("
                                   " SELECT i.inhparent, i.inhrelid, i.inhparent FROM pg_inherits i "
                                   " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class pc ON pc.oid = i.inhparent "
                                   " JOIN pg_namespace n ON n.oid = pc.relnamespace "
                                   " WHERE c.relispartition AND NOT pc.relispartition AND n.nspname = $1 "
                                   " UNION ALL SELECT p.top, i.inhrelid, i.inhparent FROM p "
                                   " JOIN pg_inherits i ON i.inhparent = p.oid) "
                                   "SELECT p.top, c.relname, pg_get_expr(c.relpartbound, c.oid), pc.relname "
                                   "FROM p JOIN pg_class c ON c.oid = p.oid JOIN pg_class pc ON pc.oid = p.parent "
                                   "ORDER BY p.top, c.relname",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it != by_oid.end()) cat.tables[it->second].partitions.push_back({str(r, 1), str(r, 2), str(r, 3)});
        }
        // Inheritance (INHERITS), not partitioning.
        for (const auto& r : fetch(conn,
                                   "SELECT i.inhrelid, pc.relname FROM pg_inherits i "
                                   "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "JOIN pg_class pc ON pc.oid = i.inhparent "
                                   "WHERE n.nspname = $1 AND NOT c.relispartition ORDER BY i.inhrelid, i.inhseqno",
                                   {schema})) {
            const auto it = by_oid.find(str(r, 0));
            if (it != by_oid.end()) cat.tables[it->second].inherits.push_back(str(r, 1));
        }
        // Sequences, with the column that owns each (serial columns own theirs; an identity
        // column's sequence is internal to it).
        for (const auto& r : fetch(conn,
                                   "SELECT s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, "
                                   "q.seqmin, q.seqmax, q.seqcycle::int, t.relname, a.attname, d.deptype "
                                   "FROM pg_sequence q JOIN pg_class s ON s.oid = q.seqrelid "
                                   "JOIN pg_namespace n ON n.oid = s.relnamespace "
                                   "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
                                   "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
                                   "LEFT JOIN pg_class t ON t.oid = d.refobjid "
                                   "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                                   "WHERE n.nspname = $1 ORDER BY s.relname",
                                   {schema})) {
            catalog::sequence q;
            q.schema = schema;
            q.name = str(r, 0);
            q.data_type = str(r, 1);
            q.start = std::stoll(str(r, 2));
            q.increment = std::stoll(str(r, 3));
            q.min_value = std::stoll(str(r, 4));
            q.max_value = std::stoll(str(r, 5));
            q.cycle = str(r, 6) == "1";
            q.owned_by_table = str(r, 7);
            q.owned_by_column = str(r, 8);
            q.identity = str(r, 9) == "i";
            cat.sequences.push_back(std::move(q));
        }
    }
    select_tables(cat, options, "schema " + (cat.schemas.size() == 1 ? "'" + cat.schemas[0] + "'" : std::string("list")));
    return cat;
}

}  // namespace retort::detail
