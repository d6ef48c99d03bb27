// schema_gen/generator.cpp — writes the models header from a catalog.
#include "generator.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include <retort/engine/engine.hpp>
#include <retort/engine/error.hpp>
#include <retort/engine/url.hpp>
#include <retort/schema/domain.hpp>

namespace retort::schema_gen {
namespace {

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string raw(std::string_view s) {
    std::string delim = "sql";
    while (s.find(")" + delim + "\"") != std::string_view::npos) delim += "_";
    return "R\"" + delim + "(" + std::string(s) + ")" + delim + "\"";
}

std::string action_args(const catalog::foreign_key& fk) {
    auto name = [](fk_action a) -> std::string {
        switch (a) {
            case fk_action::no_action: return "no_action";
            case fk_action::restrict_: return "restrict_";
            case fk_action::cascade: return "cascade";
            case fk_action::set_null: return "set_null";
            case fk_action::set_default: return "set_default";
        }
        return "no_action";
    };
    std::vector<std::string> parts;
    if (fk.on_delete != fk_action::no_action) parts.push_back("retort::on_delete::" + name(fk.on_delete));
    if (fk.on_update != fk_action::no_action) parts.push_back("retort::on_update::" + name(fk.on_update));
    if (parts.empty()) return "";
    std::string out = "(";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out + ")";
}

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

struct names {
    std::map<std::string, std::string> structs;                       // table → struct
    std::map<std::string, std::map<std::string, std::string>> fields;  // table → column → field
    std::map<std::string, std::string> enums;                         // schema.enum → C++ enum
};

/// Makes `name` unique in `taken` by appending _2, _3 ...
std::string unique_name(std::string name, std::set<std::string>& taken) {
    std::string candidate = name;
    for (int n = 2; taken.count(candidate); ++n) candidate = name + "_" + std::to_string(n);
    taken.insert(candidate);
    return candidate;
}

bool is_integer(const catalog::column& c) { return !c.cpp_type.empty() && c.mapped.kind == sql_kind::integer; }

bool starts_with_word(std::string_view s, std::string_view word) {
    if (s.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(s[i])) != word[i]) return false;
    return s.size() == word.size() || !(std::isalnum(static_cast<unsigned char>(s[word.size()])) || s[word.size()] == '_');
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// A CREATE INDEX text cut into its key list (what the parentheses hold) and what follows
/// it (WHERE ..., INCLUDE (...), WITH (...) ...).
struct index_text {
    std::string keys;
    std::string tail;
};

std::optional<index_text> split_index_definition(std::string_view def) {
    // The key list is the first parenthesis after ON <table> [USING <method>].
    std::size_t on = std::string_view::npos;
    for (std::size_t i = 0; i + 4 <= def.size(); ++i)
        if (std::isspace(static_cast<unsigned char>(def[i])) && starts_with_word(def.substr(i + 1), "ON")) {
            on = i + 3;
            break;
        }
    if (on == std::string_view::npos) return std::nullopt;
    std::size_t open = on;
    for (char quote = 0; open < def.size(); ++open) {  // skip a quoted table name's parentheses
        const char c = def[open];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '`' || c == '[') {
            quote = c == '[' ? ']' : c;
        } else if (c == '(') {
            break;
        }
    }
    if (open >= def.size()) return std::nullopt;
    int depth = 0;
    char quote = 0;
    for (std::size_t i = open; i < def.size(); ++i) {
        const char c = def[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return index_text{std::string(trim(def.substr(open + 1, i - open - 1))), std::string(trim(def.substr(i + 1)))};
        }
    }
    return std::nullopt;
}

/// The key list split at its top-level commas.
std::vector<std::string> split_keys(std::string_view keys) {
    std::vector<std::string> out;
    int depth = 0;
    char quote = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= keys.size(); ++i) {
        const char c = i < keys.size() ? keys[i] : ',';
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            out.emplace_back(trim(keys.substr(start, i - start)));
            start = i + 1;
        }
    }
    return out;
}

/// A key that is a bare column, optionally DESC / ASC: the column and whether DESC; else nullopt.
std::optional<std::pair<std::string, bool>> plain_key(std::string_view key) {
    std::string name;
    std::size_t i = 0;
    if (!key.empty() && (key[0] == '"' || key[0] == '`' || key[0] == '[')) {  // SQLite takes all three
        const char close = key[0] == '[' ? ']' : key[0];
        for (i = 1; i < key.size(); ++i) {
            if (key[i] == close) {
                if (close != ']' && i + 1 < key.size() && key[i + 1] == close) {
                    name += close;
                    ++i;
                    continue;
                }
                break;
            }
            name += key[i];
        }
        if (i >= key.size()) return std::nullopt;
        ++i;
    } else {
        while (i < key.size() && (std::isalnum(static_cast<unsigned char>(key[i])) || key[i] == '_')) name += key[i++];
        if (name.empty()) return std::nullopt;
    }
    const auto rest = trim(key.substr(i));
    if (rest.empty() || (starts_with_word(rest, "ASC") && rest.size() == 3)) return std::pair{name, false};
    if (starts_with_word(rest, "DESC") && rest.size() == 4) return std::pair{name, true};
    return std::nullopt;
}

}  // namespace

generate_result generate(const catalog& cat, const generate_options& options) {
    generate_result result;
    std::vector<const catalog::table*> tables;
    std::vector<std::string> skipped_views;
    for (const auto& t : cat.tables) {
        if (t.is_view && !options.views)
            skipped_views.push_back(t.name);
        else
            tables.push_back(&t);
    }

    // Every column must have a type: list all that do not, with the --map that would fix each.
    std::string unmapped;
    for (const auto* t : tables)
        for (const auto& c : t->columns)
            if (c.cpp_type.empty() && c.declared_type.empty())
                // An untyped (SQLite view) column: only the column form of --map can name it.
                unmapped += "  column '" + t->name + "." + c.name + "' (no declared type): " + c.mapping_error +
                            "; map it with --map '" + t->name + "." + c.name +
                            "=std::string' (or another C++ type: std::int64_t, double ...), or give it a type in "
                            "the view with CAST(... AS INTEGER)\n";
            else if (c.cpp_type.empty())
                unmapped += "  column '" + t->name + "." + c.name + "' (" + c.declared_type + "): " + c.mapping_error +
                            "; map it with --map '" + t->name + "." + c.name + "=std::string' or --map '" +
                            (c.type_name.empty() ? c.declared_type : c.type_name) + "=<C++ type>'\n";
    if (!unmapped.empty())
        throw argument_error("schema_gen: these columns have no C++ type mapping (nothing was written):\n" + unmapped);

    // Names: structs, fields, enums; all unique and C++-safe.
    names n;
    std::set<std::string> type_names;
    for (const auto& e : cat.enums) n.enums[e.schema + "." + e.name] = unique_name(cpp_identifier(e.name, true), type_names);
    for (const auto* t : tables) {
        n.structs[t->name] = unique_name(cpp_identifier(t->name, true), type_names);
        std::set<std::string> fields{n.structs[t->name]};  // &T::T would name a constructor
        for (const auto& c : t->columns) n.fields[t->name][c.name] = unique_name(cpp_identifier(c.name), fields);
    }
    const std::string q = options.ns.empty() ? "" : options.ns + "::";
    auto struct_of = [&](const std::string& table) { return q + n.structs.at(table); };
    auto member = [&](const catalog::table& t, const std::string& column) {
        // Appended, not "&" + struct_of(...): GCC 12 at -O3 reports a false -Wrestrict for a
        // 1-character literal + a temporary string (GCC PR 105329).
        std::string m = "&";
        m += struct_of(t.name);
        m += "::";
        m += n.fields.at(t.name).at(column);
        return m;
    };
    auto type_of = [&](const catalog::column& c) {
        std::string cpp = c.cpp_type;
        // Enums are named by the generator, not by the type map.
        if (c.kind == catalog::type_kind::enumeration) {
            const auto it = n.enums.find(c.type_schema + "." + c.type_name);
            if (it != n.enums.end() && c.mapped.kind == sql_kind::text && c.cpp_type == cpp_identifier(c.type_name, true))
                cpp = it->second;
        }
        return c.nullable ? "std::optional<" + cpp + ">" : cpp;
    };

    std::ostringstream o;
    o << "// Generated by retort schema_gen from " << options.source << ". Do not edit: regenerate.\n";
    o << "// Command: " << options.command << "\n";
    o << "// clang-format off\n";
    if (cat.dialect == dialect_id::postgresql && !(cat.schemas.size() == 1 && cat.schemas[0] == "public")) {
        o << "// Tables of PostgreSQL schema " << join(cat.schemas)
          << ": retort declarations name tables without a schema, so connect with that schema\n"
             "// first in search_path (e.g. ?options=-csearch_path%3D<schema> in the URL, or ALTER ROLE ... SET search_path).\n";
    }
    o << "#pragma once\n\n";
    o << "#include <retort/core.hpp>\n";
    bool used_enums = false;
    for (const auto* t : tables)
        for (const auto& c : t->columns)
            if (c.kind == catalog::type_kind::enumeration) used_enums = true;
    o << "\n#include <chrono>\n#include <cstdint>\n#include <optional>\n#include <string>\n#include <string_view>\n#include <vector>\n\n";
    (void)used_enums;

    if (!options.ns.empty()) o << "namespace " << options.ns << " {\n\n";
    for (const auto& e : cat.enums) {
        o << "/// PostgreSQL enum " << e.schema << "." << e.name << "\n";
        o << "enum class " << n.enums.at(e.schema + "." + e.name) << " {";
        std::set<std::string> labels;
        for (std::size_t i = 0; i < e.labels.size(); ++i)
            o << (i ? ", " : " ") << unique_name(cpp_identifier(e.labels[i]), labels);
        o << " };\n\n";
    }
    for (const auto* t : tables) {
        if (t->is_view) o << "/// View " << quote(t->name) << " (read only: select from it, do not insert).\n";
        o << "struct " << n.structs.at(t->name) << " {\n";
        for (const auto& c : t->columns) {
            o << "    " << type_of(c) << " " << n.fields.at(t->name).at(c.name) << ";";
            std::vector<std::string> notes;
            if (c.generated_sql) notes.push_back("computed by the database (GENERATED ALWAYS AS ...): retort writes it on insert/update, which the database refuses");
            const auto m = map_column(cat, *t, c, options.map);
            if (m && !m->note.empty()) notes.push_back(m->note);
            if (!notes.empty()) o << "  // " << join(notes, "; ");
            o << "\n";
        }
        o << "};\n\n";
    }
    if (!options.ns.empty()) o << "}  // namespace " << options.ns << "\n\n";

    // Enums: their SQL name and labels (create_all creates the type; values travel as labels).
    for (const auto& e : cat.enums) {
        const std::string en = q + n.enums.at(e.schema + "." + e.name);
        std::set<std::string> labels;
        o << "template <>\ninline constexpr auto retort::enum_labels<" << en << "> = retort::sql_enum<" << en << ">(\n    "
          << quote(e.name) << ", {";
        for (std::size_t i = 0; i < e.labels.size(); ++i)
            o << (i ? ", " : "") << "{" << en << "::" << unique_name(cpp_identifier(e.labels[i]), labels) << ", "
              << quote(e.labels[i]) << "}";
        o << "});\n\n";
    }

    // Table declarations.
    std::set<std::string> generated_tables;
    for (const auto* t : tables) generated_tables.insert(t->name);
    // Sequences no column owns (an owned one is said at its table, when that is generated).
    bool standalone_sequences = false;
    for (const auto& q : cat.sequences) {
        if (q.identity || !q.owned_by_table.empty()) continue;
        const std::string what = "sequence " + quote(q.name) + " (" + q.data_type + ", START " +
                                 std::to_string(q.start) + ", INCREMENT " + std::to_string(q.increment) +
                                 (q.cycle ? ", CYCLE" : "") + ")";
        o << "// NOT DECLARED: " << what << ": create_all makes no sequence; create it with your migrations\n";
        result.warnings.push_back(what + " is not declared: create_all makes no sequence");
        standalone_sequences = true;
    }
    if (standalone_sequences) o << "\n";
    for (const auto* t : tables) {
        std::vector<std::string> opts;
        std::vector<std::string> comments;
        const auto& T = *t;
        if (!T.is_view && !T.primary_key.empty()) {
            std::vector<std::string> ms;
            for (const auto& c : T.primary_key) ms.push_back(member(T, c));
            opts.push_back("retort::primary_key<" + join(ms) + ">");
            if (T.primary_key.size() == 1) {
                const auto* c = T.find_column(T.primary_key[0]);
                if (c && is_integer(*c)) {
                    switch (c->identity) {
                        case catalog::identity_kind::none: opts.push_back("retort::assigned_key"); break;
                        case catalog::identity_kind::autoincrement:
                            opts.push_back("retort::autoincrement<" + member(T, c->name) + ">");
                            break;
                        case catalog::identity_kind::serial:  // create_all makes a serial again, not an identity
                            opts.push_back("retort::serial<" + member(T, c->name) + ">");
                            break;
                        default: break;  // generated by the database
                    }
                }
            }
        }
        for (const auto& c : T.columns) {
            const auto mapped = map_column(cat, T, c, options.map);
            // A PostgreSQL domain column: the domain is declared (create_all makes it) unless a
            // --map maps the column to a type of its own.
            const catalog::domain* dom =
                c.kind == catalog::type_kind::domain ? cat.find_domain(c.type_schema, c.type_name) : nullptr;
            if (dom && mapped && !mapped->sql_name.empty() && mapped->sql_name != dom->base_type) dom = nullptr;
            if (dom) {
                std::string decl = "retort::domain<" + member(T, c.name) + ">(" + quote(dom->name) + ", " +
                                   quote(dom->base_type);
                std::vector<std::string> left;
                for (std::size_t k = 0; k < dom->checks.size(); ++k) {
                    const auto& ck = dom->checks[k];
                    if (k < max_domain_checks)
                        decl += ", retort::check(" + quote(ck.name) + ", " + raw(ck.expression) + ")";
                    else
                        left.push_back("check " + quote(ck.name));
                }
                opts.push_back(decl + ")");
                if (dom->not_null) left.push_back("NOT NULL");
                if (dom->default_sql) left.push_back("DEFAULT " + *dom->default_sql);
                if (!left.empty()) {
                    const std::string what = "domain " + quote(dom->name) + "'s " + join(left) + " (column " +
                                             quote(c.name) + ")";
                    comments.push_back("NOT DECLARED: " + what + ": retort declares a domain's base type and up to " +
                                       std::to_string(max_domain_checks) +
                                       " checks; say NOT NULL and DEFAULT on the column");
                    result.warnings.push_back("table '" + T.name + "': " + what + " is not declared");
                }
            }
            // An enum array (mood[]) is declared by its type name; create_all creates the enum
            // type only for the columns that hold one label, so say when none does.
            if (c.kind == catalog::type_kind::array && cat.find_enum(c.type_schema, c.element_type)) {
                bool created = false;
                for (const auto* other : tables)
                    for (const auto& oc : other->columns)
                        if (oc.kind == catalog::type_kind::enumeration && oc.type_name == c.element_type &&
                            oc.type_schema == c.type_schema)
                            created = true;
                if (!created) {
                    const std::string what = "enum type " + quote(c.element_type) + " of array column " + quote(c.name);
                    comments.push_back("NOT DECLARED: " + what + ": no generated column holds a single " +
                                       c.element_type + ", so create_all does not create the type; create it first");
                    result.warnings.push_back("table '" + T.name + "': " + what + " is not created by create_all: no "
                                              "generated column holds a single " + c.element_type);
                }
            }
            if (dom) {
                // the type is the domain's
            } else if (mapped && !mapped->sql_name.empty())
                opts.push_back("retort::column_type<" + member(T, c.name) + ">(" + quote(mapped->sql_name) + ")");
            else if (c.mapped_varchar) opts.push_back("retort::varchar<" + member(T, c.name) + ", " + std::to_string(c.mapped_varchar) + ">");
            if (n.fields.at(T.name).at(c.name) != c.name)
                opts.push_back("retort::column_name<" + member(T, c.name) + ">(" + quote(c.name) + ")");
            // A serial default is the generated key only for a single-column integer key; inside a
            // composite key (or outside any key) it would otherwise vanish without a word.
            const bool generated_key = T.primary_key.size() == 1 && T.primary_key[0] == c.name;
            const bool key_default = c.identity == catalog::identity_kind::serial && generated_key;
            if (c.identity == catalog::identity_kind::serial && !generated_key && c.default_sql) {
                const std::string what = "default " + quote(*c.default_sql) + " of serial column " + quote(c.name);
                comments.push_back("NOT DECLARED: " + what +
                                   ": retort generates keys only for a single-column integer primary key; inserts "
                                   "from the model send the field's value and create_all makes no sequence");
                result.warnings.push_back("table '" + T.name + "': " + what + " is not declared: retort generates keys "
                                          "only for a single-column integer primary key");
            } else if (c.default_sql && !key_default) {
                opts.push_back("retort::server_default<" + member(T, c.name) + ">(" + quote(*c.default_sql) + ")");
            }
            if ((c.identity == catalog::identity_kind::always || c.identity == catalog::identity_kind::by_default) &&
                !generated_key) {
                const std::string what = "identity column " + quote(c.name) + " (GENERATED " +
                                         (c.identity == catalog::identity_kind::always ? "ALWAYS" : "BY DEFAULT") +
                                         " AS IDENTITY)";
                comments.push_back("NOT DECLARED: " + what + ": retort generates only a single-column integer "
                                   "primary key; create_all makes a plain column and inserts from the model send "
                                   "the field's value" +
                                   (c.identity == catalog::identity_kind::always ? " (which the database refuses)" : ""));
                result.warnings.push_back("table '" + T.name + "': " + what + " is not declared: retort generates only "
                                          "a single-column integer primary key");
            }
            if (!c.comment.empty()) opts.push_back("retort::comment<" + member(T, c.name) + ">(" + quote(c.comment) + ")");
        }
        if (!T.comment.empty()) opts.insert(opts.begin(), "retort::table_comment(" + quote(T.comment) + ")");
        for (const auto& tr : T.triggers) {
            comments.push_back("NOT DECLARED: trigger " + quote(tr.name) + ": " + tr.definition);
            result.warnings.push_back("table '" + T.name + "': trigger '" + tr.name + "' is not declared: create_all "
                                      "cannot make triggers or the functions they call; create them with your "
                                      "migrations");
        }
        if (!T.partition_key.empty()) {
            std::string parts;
            for (const auto& part : T.partitions)
                parts += (parts.empty() ? "" : ", ") + part.name + " " + part.bound +
                         (part.parent == T.name ? "" : " (of " + part.parent + ")");
            comments.push_back("NOT DECLARED: a partitioned table, PARTITION BY " + T.partition_key +
                               (parts.empty() ? std::string(", no partitions yet") : ", partitions: " + parts) +
                               ": create_all makes a plain table with these columns; create the partitions "
                               "with your migrations");
            result.warnings.push_back("table '" + T.name + "': partitioning (PARTITION BY " + T.partition_key + ", " +
                                      std::to_string(T.partitions.size()) +
                                      " partitions) is not declared: create_all makes a plain table");
        }
        if (!T.inherits.empty()) {
            comments.push_back("NOT DECLARED: INHERITS (" + join(T.inherits) +
                               "): create_all makes a standalone table with all these columns, inherited ones "
                               "included, whose rows the parent does not show");
            result.warnings.push_back("table '" + T.name + "': INHERITS (" + join(T.inherits) +
                                      ") is not declared: create_all makes a standalone table");
        }
        // A sequence the table's columns own that create_all would not make as it is: a serial
        // key's own sequence (retort::serial) is made again only with its default name and settings.
        for (const auto& q : cat.sequences) {
            if (q.identity || q.owned_by_table != T.name) continue;
            const auto* owner = T.find_column(q.owned_by_column);
            const bool serial_key = owner && owner->identity == catalog::identity_kind::serial &&
                                    T.primary_key.size() == 1 && T.primary_key[0] == owner->name && is_integer(*owner);
            // What `serial` makes: for the key, create_all makes it again; for another column, the
            // column's NOT DECLARED default already says that no sequence is made.
            const bool plain = owner && owner->identity == catalog::identity_kind::serial &&
                               q.name == T.name + "_" + owner->name + "_seq" && q.start == 1 && q.increment == 1 &&
                               q.min_value == 1 && !q.cycle;
            if (plain) continue;
            const std::string what = "sequence " + quote(q.name) + " (" + q.data_type + ", START " +
                                     std::to_string(q.start) + ", INCREMENT " + std::to_string(q.increment) +
                                     (q.cycle ? ", CYCLE" : "") + ", owned by column " + q.owned_by_column + ")";
            comments.push_back("NOT DECLARED: " + what + ": create_all " +
                               (serial_key ? "makes a serial key's sequence with the default name and settings"
                                           : "makes no sequence") +
                               "; create it with your migrations");
            result.warnings.push_back("table '" + T.name + "': " + what + " is not declared");
        }
        auto single_key = [&](const catalog::table& target, const std::string& col) {
            if (target.primary_key.size() == 1 && target.primary_key[0] == col) return true;
            return std::any_of(target.uniques.begin(), target.uniques.end(),
                               [&](const auto& u) { return u.columns.size() == 1 && u.columns[0] == col; });
        };
        for (const auto& u : T.uniques) {
            std::vector<std::string> ms;
            for (const auto& c : u.columns) ms.push_back(member(T, c));
            opts.push_back("retort::unique<" + join(ms) + ">");
        }
        // PostgreSQL constraint names that are not the ones it gives itself, which is what
        // create_all gets (the declarations carry no constraint names, only a naming_convention).
        if (cat.dialect == dialect_id::postgresql && !T.is_view) {
            std::vector<std::string> renamed;
            if (!T.primary_key_name.empty() && T.primary_key_name != T.name + "_pkey")
                renamed.push_back("primary key " + quote(T.primary_key_name));
            for (const auto& u : T.uniques)
                if (u.name != T.name + "_" + join(u.columns, "_") + "_key") renamed.push_back("unique " + quote(u.name));
            for (const auto& fk : T.foreign_keys)
                if (fk.columns.size() == 1 && fk.name != T.name + "_" + fk.columns[0] + "_fkey")
                    renamed.push_back("foreign key " + quote(fk.name));
            if (!renamed.empty()) {
                comments.push_back("NOT DECLARED: the names of " + join(renamed) +
                                   ": create_all lets PostgreSQL name them (<table>_pkey, <table>_<columns>_key, "
                                   "<table>_<column>_fkey)");
                result.warnings.push_back("table '" + T.name + "': the names of " + join(renamed) +
                                          " are not declared: create_all lets PostgreSQL name these constraints");
            }
        }
        for (const auto& fk : T.foreign_keys) {
            const std::string what = "foreign key " + (fk.name.empty() ? std::string() : quote(fk.name) + " ") + "(" +
                                     join(fk.columns) + ") -> " + fk.ref_table + "(" + join(fk.ref_columns) + ")";
            const catalog::table* target = nullptr;
            for (const auto& x : cat.tables)
                if (x.name == fk.ref_table && x.schema == (fk.ref_schema.empty() ? x.schema : fk.ref_schema)) target = &x;
            std::string why;
            if (fk.columns.size() != 1)
                why = "composite foreign keys cannot be declared in retort yet";
            else if (!target || !generated_tables.count(fk.ref_table))
                why = "the referenced table is not among the generated tables";
            else if (!single_key(*target, fk.ref_columns[0]))
                why = "it references a column that is neither the primary key nor a single-column unique constraint";
            else if (const auto *from = T.find_column(fk.columns[0]), *to = target->find_column(fk.ref_columns[0]);
                     from && to && from->cpp_type != to->cpp_type)
                why = "its column is " + from->cpp_type + " but the referenced column is " + to->cpp_type +
                      " (retort requires the same type)";
            if (!why.empty()) {
                comments.push_back("NOT DECLARED: " + what + ": " + why);
                result.warnings.push_back("table '" + T.name + "': " + what + " is not declared: " + why);
                continue;
            }
            opts.push_back("retort::foreign_key<" + member(T, fk.columns[0]) + ", " + member(*target, fk.ref_columns[0]) +
                           ">" + action_args(fk));
        }
        for (const auto& ix : T.indexes) {
            if (!ix.constraint.empty() || ix.primary) continue;  // behind a key or unique constraint
            const std::string what = "index " + quote(ix.name);
            const auto text = split_index_definition(ix.definition);
            std::string why;
            if (!text)
                why = "its definition could not be read";
            else if (!text->tail.empty() && !(ix.predicate && starts_with_word(text->tail, "WHERE")))
                why = "what follows its keys (" + text->tail + ") cannot be declared";
            if (!why.empty()) {
                comments.push_back("NOT DECLARED: " + what + ": " + why + (ix.definition.empty() ? "" : ": " + ix.definition));
                result.warnings.push_back("table '" + T.name + "': " + what + " is not declared: " + why);
                continue;
            }
            // Bare columns (optionally DESC): index<&T::a, ...>; anything else: its keys as SQL.
            const auto keys = split_keys(text->keys);
            bool plain = !ix.has_expressions && keys.size() == ix.columns.size();
            std::vector<std::string> ms, descs;
            for (std::size_t k = 0; plain && k < keys.size(); ++k) {
                const auto key = plain_key(keys[k]);
                if (!key || key->first != ix.columns[k] || !T.find_column(key->first)) {
                    plain = false;
                    break;
                }
                ms.push_back(member(T, ix.columns[k]));
                if (key->second) descs.push_back(".desc<" + ms.back() + ">()");
            }
            std::string decl;
            if (plain) {
                std::string conventional = (ix.unique ? "uq_" : "ix_") + T.name;
                for (const auto& c : ix.columns) conventional += "_" + c;
                decl = std::string(ix.unique ? "retort::unique_index<" : "retort::index<") + join(ms) + ">";
                for (const auto& d : descs) decl += d;
                if (ix.name != conventional) decl += ".named(" + quote(ix.name) + ")";
            } else {
                decl = std::string(ix.unique ? "retort::unique_expression_index<" : "retort::expression_index<") +
                       quote(ix.name) + ">(" + raw(text->keys) + ")";
            }
            if (!ix.method.empty() && ix.method != "btree") decl += ".method(" + quote(ix.method) + ")";
            if (ix.predicate) decl += ".where(" + raw(*ix.predicate) + ")";
            opts.push_back(decl);
        }
        for (const auto& ck : T.checks)
            opts.push_back(ck.name.empty() ? "retort::check(" + raw(ck.expression) + ")"
                                           : "retort::check(" + quote(ck.name) + ", " + raw(ck.expression) + ")");

        for (const auto& c : comments) {  // one line each: definitions may span several
            std::string line;
            for (char ch : c) {
                const char x = ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch;
                if (!(x == ' ' && !line.empty() && line.back() == ' ')) line += x;
            }
            o << "// " << line << "\n";
        }
        o << "template <>\ninline constexpr auto retort::table_of<" << struct_of(T.name) << "> = retort::table<"
          << struct_of(T.name) << ">(" << quote(T.name) << (opts.empty() ? ");" : ",");
        for (std::size_t i = 0; i < opts.size(); ++i) {
            // "code  // comment": the comment goes after the separator.
            const auto cpos = opts[i].find("  // ");
            o << "\n    " << opts[i].substr(0, cpos) << (i + 1 == opts.size() ? ");" : ",");
            if (cpos != std::string::npos) o << opts[i].substr(cpos);
        }
        o << "\n\n";
    }
    if (!skipped_views.empty()) o << "// Views not written (pass --views to write them): " << join(skipped_views) << "\n";
    result.header = o.str();
    return result;
}

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw argument_error("schema_gen: cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// psql meta-commands (lines starting with '\') are not SQL: drop them.
std::string strip_meta_commands(const std::string& sql) {
    std::string out;
    std::istringstream in(sql);
    std::string line;
    while (std::getline(in, line))
        if (line.empty() || line[0] != '\\') out += line + "\n";
    return out;
}

}  // namespace

catalog inspect_sql_file(const std::string& path, dialect_id dialect, const std::string& admin_url,
                         const inspect_options& options) {
    const std::string sql = read_file(path);
    if (dialect == dialect_id::sqlite) {
        auto e = create_engine("sqlite:///:memory:");
        auto conn = e.connect();
        conn.execute_script(sql);
        return inspect(conn, options);
    }
    if (admin_url.empty())
        throw argument_error("schema_gen: --from-sql with --dialect postgresql needs --url of a server (a user "
                             "that may CREATE DATABASE): the file is loaded into a temporary database there");
    auto admin_engine = create_engine(admin_url);
    auto admin = admin_engine.connect();
    std::random_device rd;
    const std::string db = "retort_schema_gen_" + std::to_string(rd() % 1000000000u);
    admin.execute_script("CREATE DATABASE " + db);
    // The same server and user, the temporary database.
    const auto slash = admin_url.find('/', admin_url.find("://") + 3);
    const auto query = admin_url.find('?', slash == std::string::npos ? 0 : slash);
    const std::string temp_url =
        admin_url.substr(0, slash) + "/" + db + (query == std::string::npos ? "" : admin_url.substr(query));
    catalog cat;
    std::exception_ptr failure;
    try {
        auto temp = create_engine(temp_url);
        {
            auto conn = temp.connect();
            conn.execute_script(strip_meta_commands(sql));
            cat = inspect(conn, options);
        }
        temp.dispose();
    } catch (...) {
        failure = std::current_exception();
    }
    try {
        admin.execute_script("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    } catch (...) {
        if (!failure) failure = std::current_exception();
    }
    if (failure) std::rethrow_exception(failure);
    return cat;
}

}  // namespace retort::schema_gen
