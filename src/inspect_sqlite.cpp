// src/inspect_sqlite.cpp — the SQLite catalog: sqlite_master, pragma_table_xinfo,
// pragma_foreign_key_list, pragma_index_list / pragma_index_xinfo. What no pragma reports
// (CHECK constraints, constraint names, AUTOINCREMENT, WITHOUT ROWID, STRICT) is read
// from the CREATE TABLE text SQLite keeps, with a tokenizer (not a SQL parser): it only
// splits the table body at top-level commas and looks at the first words of each part.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "inspect_internal.hpp"
#include "retort/engine/error.hpp"

namespace retort::detail {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

struct token {
    enum kind_t { word, quoted, string, number, punct } kind;
    std::string text;       // identifiers unquoted; punctuation as is
    std::size_t begin = 0;  // byte range in the source
    std::size_t end = 0;
    bool is(std::string_view kw) const { return kind == word && upper(text) == kw; }
    bool is_punct(char c) const { return kind == punct && text.size() == 1 && text[0] == c; }
};

std::vector<token> tokenize(std::string_view s) {
    std::vector<token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const auto e = s.find("*/", i + 2);
            i = e == std::string_view::npos ? s.size() : e + 2;
        } else if (c == '"' || c == '`' || c == '[' || c == '\'') {
            const char close = c == '[' ? ']' : c;
            token t{c == '\'' ? token::string : token::quoted, {}, i, i};
            ++i;
            while (i < s.size()) {
                if (s[i] == close) {
                    if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
                        t.text += close;
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                t.text += s[i++];
            }
            t.end = i;
            out.push_back(std::move(t));
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t b = i;
            while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '$' ||
                                    static_cast<unsigned char>(s[i]) >= 0x80))
                ++i;
            out.push_back({std::isdigit(static_cast<unsigned char>(c)) ? token::number : token::word,
                           std::string(s.substr(b, i - b)), b, i});
        } else {
            out.push_back({token::punct, std::string(1, c), i, i + 1});
            ++i;
        }
    }
    return out;
}

bool is_name(const token& t) { return t.kind == token::word || t.kind == token::quoted || t.kind == token::string; }

/// What the CREATE TABLE text says beyond the pragmas.
struct create_table_facts {
    bool autoincrement = false;
    bool without_rowid = false;
    bool strict = false;
    std::string pk_name;
    std::vector<catalog::check_constraint> checks;
    std::vector<std::pair<std::string, std::vector<std::string>>> named_uniques;  // name → columns
    std::vector<std::pair<std::string, std::vector<std::string>>> named_fks;      // name → columns
};

/// Index of the token closing the parenthesis opened at `open`.
std::size_t matching(const std::vector<token>& t, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < t.size(); ++i) {
        if (t[i].is_punct('(')) ++depth;
        if (t[i].is_punct(')') && --depth == 0) return i;
    }
    return t.size();
}

std::vector<std::string> name_list(const std::vector<token>& t, std::size_t open, std::size_t close) {
    std::vector<std::string> out;
    bool expect = true;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (t[i].is_punct(',')) {
            expect = true;
        } else if (expect && is_name(t[i])) {
            out.push_back(t[i].text);
            expect = false;
        }
    }
    return out;
}

create_table_facts read_create_table(std::string_view sql) {
    create_table_facts f;
    const auto t = tokenize(sql);
    std::size_t open = 0;
    while (open < t.size() && !t[open].is_punct('(')) ++open;
    if (open == t.size()) return f;
    const std::size_t close = matching(t, open);
    for (std::size_t i = close + 1; i < t.size(); ++i) {
        if (t[i].is("ROWID") && i > 0 && t[i - 1].is("WITHOUT")) f.without_rowid = true;
        if (t[i].is("STRICT")) f.strict = true;
    }
    // Split the body at top-level commas.
    std::size_t item_begin = open + 1;
    int depth = 0;
    for (std::size_t i = open + 1; i <= close && i < t.size(); ++i) {
        if (t[i].is_punct('(')) ++depth;
        if (t[i].is_punct(')')) --depth;
        const bool end_of_item = (i == close) || (depth == 0 && t[i].is_punct(','));
        if (!end_of_item) continue;
        const std::size_t b = item_begin, e = i;  // tokens [b, e)
        item_begin = i + 1;
        if (b >= e) continue;
        // Table constraint or column definition: walk its words.
        const bool table_constraint = t[b].is("CONSTRAINT") || t[b].is("PRIMARY") || t[b].is("UNIQUE") ||
                                      t[b].is("CHECK") || t[b].is("FOREIGN");
        std::string constraint_name;
        for (std::size_t k = b; k < e; ++k) {
            if (t[k].is("AUTOINCREMENT")) f.autoincrement = true;
            if (t[k].is("CONSTRAINT") && k + 1 < e) {
                constraint_name = t[k + 1].text;
                ++k;
                continue;
            }
            if (t[k].is("CHECK") && k + 1 < e && t[k + 1].is_punct('(')) {
                const std::size_t c = matching(t, k + 1);
                if (c < t.size()) {
                    std::string expr(sql.substr(t[k + 1].end, t[c].begin - t[k + 1].end));
                    const auto first = expr.find_first_not_of(" \t\r\n");
                    const auto last = expr.find_last_not_of(" \t\r\n");
                    expr = first == std::string::npos ? std::string() : expr.substr(first, last - first + 1);
                    f.checks.push_back({constraint_name, expr});
                    k = c;
                }
                constraint_name.clear();
                continue;
            }
            if (table_constraint && t[k].is("PRIMARY")) {
                if (!constraint_name.empty()) f.pk_name = constraint_name;
                constraint_name.clear();
            }
            if (table_constraint && t[k].is("UNIQUE") && k + 1 < e && t[k + 1].is_punct('(')) {
                const std::size_t c = matching(t, k + 1);
                if (!constraint_name.empty()) f.named_uniques.emplace_back(constraint_name, name_list(t, k + 1, c));
                constraint_name.clear();
                k = c;
                continue;
            }
            if (table_constraint && t[k].is("FOREIGN") && k + 2 < e && t[k + 2].is_punct('(')) {
                const std::size_t c = matching(t, k + 2);
                if (!constraint_name.empty()) f.named_fks.emplace_back(constraint_name, name_list(t, k + 2, c));
                constraint_name.clear();
                k = c;
                continue;
            }
            if (!table_constraint && (t[k].is("PRIMARY") || t[k].is("UNIQUE") || t[k].is("NOT") ||
                                      t[k].is("REFERENCES") || t[k].is("DEFAULT") || t[k].is("COLLATE")))
                constraint_name.clear();
        }
    }
    return f;
}

std::optional<int> paren_number(std::string_view declared, std::size_t which) {
    const auto open = declared.find('(');
    if (open == std::string_view::npos) return std::nullopt;
    std::size_t pos = open + 1;
    for (std::size_t n = 0; n < which; ++n) {
        pos = declared.find(',', pos);
        if (pos == std::string_view::npos) return std::nullopt;
        ++pos;
    }
    while (pos < declared.size() && declared[pos] == ' ') ++pos;
    int v = 0;
    bool any = false;
    while (pos < declared.size() && std::isdigit(static_cast<unsigned char>(declared[pos]))) {
        v = v * 10 + (declared[pos++] - '0');
        any = true;
    }
    return any ? std::optional<int>(v) : std::nullopt;
}

// ---- types of untyped view columns ---------------------------------------------------------

/// What a view's select says about the types of its computed columns. SQLite reports a
/// declared type only for a column that is a plain column of a table; for any other
/// expression the type is inferred here from the expression's form: CAST(... AS T) is T;
/// count(), length() ... are INTEGER; avg(), total() are REAL; text functions and || are
/// TEXT; comparisons are BOOLEAN; min / max / sum / coalesce / abs / CASE take the type
/// of their operand; arithmetic takes INTEGER when every operand is an integer, else
/// REAL. Anything else stays untyped (and schema_gen asks for a --map).
class view_types {
public:
    view_types(driver::connection& conn, std::string_view sql) : conn_(conn), sql_(sql), t_(tokenize(sql)) {}

    /// (inferred type, expression text) per select-list item, or empty when the select list
    /// cannot be lined up with the view's columns (a '*', a compound select).
    std::vector<std::pair<std::string, std::string>> items() {
        std::vector<std::pair<std::string, std::string>> out;
        std::size_t i = 0;
        while (i < t_.size() && !t_[i].is("SELECT")) ++i;
        if (i == t_.size()) return out;
        ++i;
        if (i < t_.size() && (t_[i].is("DISTINCT") || t_[i].is("ALL"))) ++i;
        // FROM clause tables: every name after FROM / JOIN (and after ',' in FROM).
        std::size_t from = i;
        for (int depth = 0; from < t_.size(); ++from) {
            if (t_[from].is_punct('(')) ++depth;
            if (t_[from].is_punct(')')) --depth;
            if (depth == 0 && t_[from].is("FROM")) break;
        }
        for (std::size_t k = from; k < t_.size(); ++k)
            if (is_name(t_[k]) && k > 0 && (t_[k - 1].is("FROM") || t_[k - 1].is("JOIN") || t_[k - 1].is_punct(','))) {
                tables_.push_back(t_[k].text);
                // "table AS a" / "table a"
                std::size_t a = k + 1;
                if (a < t_.size() && t_[a].is("AS")) ++a;
                if (a < t_.size() && is_name(t_[a]) && t_[a].kind != token::string && !keyword(t_[a]))
                    aliases_[upper(t_[a].text)] = t_[k].text;
            }
        for (std::size_t k = from; k < t_.size(); ++k)
            if (t_[k].is("UNION") || t_[k].is("INTERSECT") || t_[k].is("EXCEPT")) return {};
        std::size_t b = i;
        for (int depth = 0; i <= from; ++i) {
            if (i < from && t_[i].is_punct('(')) ++depth;
            if (i < from && t_[i].is_punct(')')) --depth;
            if (i == from || (depth == 0 && t_[i].is_punct(','))) {
                std::size_t e = i;
                // Drop the alias: "expr AS name" or "expr name".
                if (e >= b + 2 && is_name(t_[e - 1]) && t_[e - 2].is("AS"))
                    e -= 2;
                else if (e >= b + 2 && is_name(t_[e - 1]) && !t_[e - 2].is_punct('.') &&
                         (t_[e - 2].is_punct(')') || t_[e - 2].kind != token::punct))
                    e -= 1;
                if (e <= b) return {};
                for (std::size_t k = b; k < e; ++k)
                    if (t_[k].is_punct('*') && (k == b || t_[k - 1].is_punct('.')) && (k + 1 == e)) return {};
                out.emplace_back(type_of(b, e), std::string(sql_.substr(t_[b].begin, t_[e - 1].end - t_[b].begin)));
                b = i + 1;
            }
        }
        return out;
    }

private:
    driver::connection& conn_;
    std::string_view sql_;
    std::vector<token> t_;
    std::vector<std::string> tables_;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> columns_;  // table → (column, type)

    std::map<std::string, std::string> aliases_;  // upper-cased alias → table

    static bool keyword(const token& x) {
        for (std::string_view k : {"ON", "USING", "WHERE", "GROUP", "ORDER", "LIMIT", "LEFT", "RIGHT", "INNER", "OUTER",
                                   "CROSS", "JOIN", "NATURAL", "FULL", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT"})
            if (x.kind == token::word && x.is(k)) return true;
        return false;
    }

    std::string column_type(std::string table, const std::string& column) {
        if (const auto a = aliases_.find(upper(table)); a != aliases_.end()) table = a->second;
        auto it = columns_.find(table);
        if (it == columns_.end()) {
            std::vector<std::pair<std::string, std::string>> cols;
            for (const auto& r : fetch(conn_, "SELECT name, type FROM pragma_table_info(?)", {table}))
                cols.emplace_back(str(r, 0), str(r, 1));
            it = columns_.emplace(table, std::move(cols)).first;
        }
        for (const auto& [n, type] : it->second)
            if (upper(n) == upper(column)) return type;
        return {};
    }

    static std::string family(const std::string& type) {
        const auto u = upper(type);
        if (u.empty()) return {};
        if (u.find("INT") != std::string::npos) return "INTEGER";
        if (u.find("CHAR") != std::string::npos || u.find("CLOB") != std::string::npos || u.find("TEXT") != std::string::npos)
            return "TEXT";
        if (u.find("BOOL") != std::string::npos) return "BOOLEAN";
        return "REAL";  // REAL, DOUBLE, FLOAT, NUMERIC, DECIMAL: arithmetic on them gives REAL
    }

    /// The type of the tokens [b, e).
    std::string type_of(std::size_t b, std::size_t e) {
        while (e > b + 1 && t_[b].is_punct('(') && matching(t_, b) == e - 1) ++b, --e;
        if (e <= b) return {};
        // Top-level operators.
        std::vector<std::size_t> arith;
        bool concat = false, compare = false;
        for (std::size_t k = b, depth = 0; k < e; ++k) {
            const auto& x = t_[k];
            if (x.is_punct('(')) ++depth;
            else if (x.is_punct(')')) --depth;
            else if (depth == 0 && x.kind == token::punct) {
                if (x.text == "|" && k + 1 < e && t_[k + 1].is_punct('|')) concat = true;
                else if (x.text == "=" || x.text == "<" || x.text == ">" || x.text == "!") compare = true;
                else if ((x.text == "+" || x.text == "-" || x.text == "*" || x.text == "/" || x.text == "%") && k > b)
                    arith.push_back(k);
            } else if (depth == 0 && k > b && (x.is("AND") || x.is("OR") || x.is("IS") || x.is("IN") || x.is("LIKE") ||
                                                x.is("GLOB") || x.is("BETWEEN") || x.is("REGEXP"))) {
                compare = true;
            } else if (depth == 0 && x.is("CASE")) {
                break;
            }
        }
        if (t_[b].is("NOT") || t_[b].is("EXISTS")) compare = true;
        if (compare) return "BOOLEAN";
        if (concat) return "TEXT";
        if (!arith.empty()) {
            std::string result = "INTEGER";
            std::size_t from = b;
            arith.push_back(e);
            for (auto op : arith) {
                const auto f = family(type_of(from, op));
                if (f.empty() || f == "TEXT" || f == "BOOLEAN") return {};
                if (f == "REAL") result = "REAL";
                from = op + 1;
            }
            return result;
        }
        const auto& first = t_[b];
        if (first.kind == token::string && e == b + 1) return "TEXT";
        if (first.kind == token::number && e == b + 1) {
            const auto u = upper(first.text);
            return u.find('.') != std::string::npos || u.find('E') != std::string::npos ? "REAL" : "INTEGER";
        }
        if (first.kind == token::number && e == b + 3 && t_[b + 1].is_punct('.')) return "REAL";  // 1.5
        if (first.is_punct('-') || first.is_punct('+')) return type_of(b + 1, e);
        // [table.]column
        if (is_name(first) && first.kind != token::string && (e == b + 1 || (e == b + 3 && t_[b + 1].is_punct('.')))) {
            const std::string col = t_[e - 1].text;
            if (e == b + 3) return column_type(first.text, col);
            for (const auto& table : tables_)
                if (auto type = column_type(table, col); !type.empty()) return type;
            return {};
        }
        if (first.is("CASE")) {
            for (std::size_t k = b + 1, depth = 0; k < e; ++k) {
                if (t_[k].is_punct('(')) ++depth;
                if (t_[k].is_punct(')')) --depth;
                if (depth == 0 && t_[k].is("THEN")) {
                    std::size_t end = k + 1;
                    for (std::size_t d2 = 0; end < e; ++end) {
                        if (t_[end].is_punct('(')) ++d2;
                        if (t_[end].is_punct(')')) --d2;
                        if (d2 == 0 && (t_[end].is("WHEN") || t_[end].is("ELSE") || t_[end].is("END"))) break;
                    }
                    return type_of(k + 1, end);
                }
            }
            return {};
        }
        // name( args )
        if (first.kind == token::word && e >= b + 3 && t_[b + 1].is_punct('(') && matching(t_, b + 1) == e - 1) {
            const auto f = upper(first.text);
            if (f == "CAST") {
                for (std::size_t k = e - 2; k > b + 2; --k)
                    if (t_[k].is("AS")) return std::string(sql_.substr(t_[k + 1].begin, t_[e - 2].end - t_[k + 1].begin));
                return {};
            }
            for (std::string_view n : {"COUNT", "LENGTH", "OCTET_LENGTH", "INSTR", "UNICODE", "CHANGES", "TOTAL_CHANGES",
                                       "LAST_INSERT_ROWID", "RANDOM", "SIGN", "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE"})
                if (f == n) return "INTEGER";
            for (std::string_view n : {"AVG", "TOTAL", "JULIANDAY", "ROUND", "PERCENT_RANK", "CUME_DIST", "UNIXEPOCH"})
                if (f == n) return f == "UNIXEPOCH" ? "INTEGER" : "REAL";
            for (std::string_view n : {"UPPER", "LOWER", "TRIM", "LTRIM", "RTRIM", "SUBSTR", "SUBSTRING", "REPLACE",
                                       "PRINTF", "FORMAT", "QUOTE", "HEX", "GROUP_CONCAT", "STRING_AGG", "CHAR", "TYPEOF",
                                       "DATE", "TIME", "DATETIME", "STRFTIME", "SOUNDEX", "CONCAT", "CONCAT_WS"})
                if (f == n) return "TEXT";
            for (std::string_view n : {"MIN", "MAX", "SUM", "ABS", "COALESCE", "IFNULL", "NULLIF", "FIRST_VALUE",
                                       "LAST_VALUE", "LAG", "LEAD", "NTH_VALUE"})
                if (f == n) {
                    // The first argument's type (DISTINCT skipped).
                    std::size_t a = b + 2;
                    if (a < e - 1 && t_[a].is("DISTINCT")) ++a;
                    std::size_t end = a;
                    for (std::size_t depth = 0; end < e - 1; ++end) {
                        if (t_[end].is_punct('(')) ++depth;
                        if (t_[end].is_punct(')')) --depth;
                        if (depth == 0 && t_[end].is_punct(',')) break;
                    }
                    return type_of(a, end);
                }
        }
        return {};
    }
};

}  // namespace

catalog inspect_sqlite(driver::connection& conn, const inspect_options& options) {
    catalog cat;
    cat.dialect = dialect_id::sqlite;
    cat.schemas = {"main"};
    if (auto v = fetch(conn, "SELECT sqlite_version()"); !v.empty()) cat.server_version = str(v[0], 0);

    auto masters = fetch(conn,
                         "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
                         "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    for (const auto& m : masters) {
        catalog::table t;
        t.schema = "main";
        t.is_view = str(m, 0) == "view";
        t.name = str(m, 1);
        t.sql = str(m, 2);
        if (t.is_view && !options.include_views) continue;
        cat.tables.push_back(std::move(t));
    }
    select_tables(cat, options, "the SQLite database");

    for (auto& t : cat.tables) {
        const auto facts = t.is_view ? create_table_facts{} : read_create_table(t.sql);
        t.without_rowid = facts.without_rowid;
        t.strict = facts.strict;
        t.primary_key_name = facts.pk_name;
        t.checks = facts.checks;

        for (const auto& r : fetch(conn,
                                   "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
                                   "FROM pragma_table_xinfo(?) ORDER BY cid",
                                   {t.name})) {
            const int hidden = std::stoi(str(r, 6));
            if (hidden == 1) continue;  // hidden columns of virtual tables
            catalog::column c;
            c.name = str(r, 1);
            c.declared_type = str(r, 2);
            const auto paren = c.declared_type.find('(');
            c.type_name = upper(c.declared_type.substr(0, paren));
            while (!c.type_name.empty() && c.type_name.back() == ' ') c.type_name.pop_back();
            const auto u = upper(c.declared_type);
            if (u.find("CHAR") != std::string::npos || u.find("VARYING") != std::string::npos)
                c.length = paren_number(c.declared_type, 0);
            if (c.type_name == "NUMERIC" || c.type_name == "DECIMAL") {
                c.precision = paren_number(c.declared_type, 0);
                if (c.precision) c.scale = paren_number(c.declared_type, 1).value_or(0);
            }
            c.nullable = str(r, 3) == "0";
            c.default_sql = r[4];
            c.pk_position = std::stoi(str(r, 5));
            if (hidden == 2 || hidden == 3) c.generated_sql = std::string("<generated>");
            t.columns.push_back(std::move(c));
        }
        // Primary key in key order.
        std::vector<std::pair<int, std::string>> pk;
        for (const auto& c : t.columns)
            if (c.pk_position) pk.emplace_back(c.pk_position, c.name);
        std::sort(pk.begin(), pk.end());
        for (auto& [pos, name] : pk) t.primary_key.push_back(name);
        // INTEGER PRIMARY KEY is an alias of the rowid: the database generates it.
        if (!t.is_view && t.primary_key.size() == 1 && !t.without_rowid) {
            for (auto& c : t.columns)
                if (c.pk_position == 1 && upper(c.declared_type) == "INTEGER") {
                    c.identity = facts.autoincrement ? catalog::identity_kind::autoincrement
                                                     : catalog::identity_kind::rowid;
                    c.nullable = false;  // a rowid is never NULL, whatever the pragma's notnull says
                }
        }
        for (const auto& r : fetch(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                                         "ORDER BY name",
                                   {t.name}))
            t.triggers.push_back({str(r, 0), str(r, 1)});
        if (t.is_view) {
            // Computed columns of a view have no declared type: infer what the select says.
            if (std::any_of(t.columns.begin(), t.columns.end(), [](const auto& c) { return c.declared_type.empty(); })) {
                const auto items = view_types(conn, t.sql).items();
                if (items.size() == t.columns.size())
                    for (std::size_t k = 0; k < items.size(); ++k)
                        if (t.columns[k].declared_type.empty()) {
                            t.columns[k].inferred_type = items[k].first;
                            t.columns[k].inferred_from = items[k].second;
                        }
            }
            continue;
        }

        // Foreign keys: one row per column pair, grouped by id.
        std::map<int, catalog::foreign_key> fks;
        for (const auto& r : fetch(conn,
                                   "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete "
                                   "FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                                   {t.name})) {
            auto& fk = fks[std::stoi(str(r, 0))];
            fk.ref_schema = "main";
            fk.ref_table = str(r, 2);
            fk.columns.push_back(str(r, 3));
            fk.ref_columns.push_back(r[4] ? *r[4] : std::string());
            fk.on_update = parse_fk_action(str(r, 5));
            fk.on_delete = parse_fk_action(str(r, 6));
        }
        for (auto& [id, fk] : fks) {
            // REFERENCES t without columns means t's primary key.
            if (std::any_of(fk.ref_columns.begin(), fk.ref_columns.end(), [](auto& s) { return s.empty(); })) {
                std::vector<std::pair<int, std::string>> ref_pk;
                for (const auto& r : fetch(conn, "SELECT pk, name FROM pragma_table_info(?) WHERE pk > 0",
                                           {fk.ref_table}))
                    ref_pk.emplace_back(std::stoi(str(r, 0)), str(r, 1));
                std::sort(ref_pk.begin(), ref_pk.end());
                for (std::size_t k = 0; k < fk.ref_columns.size() && k < ref_pk.size(); ++k)
                    if (fk.ref_columns[k].empty()) fk.ref_columns[k] = ref_pk[k].second;
            }
            for (const auto& [name, cols] : facts.named_fks)
                if (cols == fk.columns) fk.name = name;
            t.foreign_keys.push_back(std::move(fk));
        }
        // SQLite lists foreign keys last-declared first; keep declaration order.
        std::reverse(t.foreign_keys.begin(), t.foreign_keys.end());

        // Indexes (including the automatic ones behind PRIMARY KEY and UNIQUE).
        for (const auto& r : fetch(conn,
                                   "SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql FROM pragma_index_list(?) AS l "
                                   "LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = l.name ORDER BY l.name",
                                   {t.name})) {
            catalog::index ix;
            ix.name = str(r, 0);
            ix.unique = str(r, 1) == "1";
            const auto origin = str(r, 2);
            ix.primary = origin == "pk";
            ix.constraint = origin == "c" ? std::string() : origin;
            ix.definition = str(r, 4);
            if (str(r, 3) == "1") {
                const auto tokens = tokenize(ix.definition);
                for (std::size_t k = 0; k < tokens.size(); ++k)
                    if (tokens[k].is("WHERE")) {
                        ix.predicate = ix.definition.substr(tokens[k].end + 1);
                        break;
                    }
                if (!ix.predicate) ix.predicate = std::string("<partial>");
            }
            for (const auto& k : fetch(conn,
                                       "SELECT seqno, cid, name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
                                       {ix.name})) {
                if (str(k, 3) == "1") ix.has_descending = true;
                if (!k[2]) {
                    ix.has_expressions = true;
                    ix.columns.push_back("<expression>");
                } else {
                    ix.columns.push_back(*k[2]);
                }
            }
            if (origin == "u") {
                catalog::unique_constraint uq{ix.name, ix.columns};
                for (const auto& [name, cols] : facts.named_uniques)
                    if (cols == ix.columns) uq.name = name;
                t.uniques.push_back(std::move(uq));
            }
            t.indexes.push_back(std::move(ix));
        }
    }
    return cat;
}

}  // namespace retort::detail
