// schema_gen/diagram.cpp — catalog → Graphviz dot → SVG (or PNG, PDF).
#include "diagram.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <retort/engine/error.hpp>

extern char** environ;

namespace retort::schema_gen {
namespace {

/// Text inside a Graphviz HTML-like label.
std::string html(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

/// A quoted dot identifier.
std::string id(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') {
            out += "\\n";  // a line break in a dot label
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

constexpr std::string_view header_colour = "#34495e";
constexpr std::string_view view_colour = "#7f8c8d";
constexpr std::string_view key_colour = "#f4ecd8";

}  // namespace

std::string to_dot(const catalog& cat, const diagram_options& options) {
    // Qualify names with their schema only when there is more than one.
    std::vector<const catalog::table*> tables;
    for (const auto& t : cat.tables)
        if (!t.is_view || options.views) tables.push_back(&t);
    std::set<std::string> schemas;
    for (const auto* t : tables) schemas.insert(t->schema);
    const bool qualify = schemas.size() > 1;
    auto node = [&](std::string_view schema, std::string_view name) {
        return qualify ? std::string(schema) + "." + std::string(name) : std::string(name);
    };

    std::string out = "digraph schema {\n";
    out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.35, ranksep=0.9, bgcolor=\"white\"";
    if (!options.title.empty()) out += ", label=" + id(options.title) + ", labelloc=t";
    out += "];\n";
    out += "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n";
    out += "  edge [color=\"#5d6d7e\", arrowhead=normal, arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n";

    std::set<std::string> drawn;
    for (const auto* tp : tables) {
        const auto& t = *tp;
        const std::string name = node(t.schema, t.name);
        drawn.insert(name);
        std::set<std::string> fk_columns, unique_columns;
        for (const auto& fk : t.foreign_keys)
            for (const auto& c : fk.columns) fk_columns.insert(c);
        for (const auto& u : t.uniques)
            if (u.columns.size() == 1) unique_columns.insert(u.columns[0]);
        for (const auto& ix : t.indexes)
            if (ix.unique && !ix.primary && ix.columns.size() == 1 && !ix.has_expressions && !ix.predicate)
                unique_columns.insert(ix.columns[0]);

        out += "  " + id(name) + " [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n";
        out += "    <tr><td colspan=\"3\" bgcolor=\"" + std::string(t.is_view ? view_colour : header_colour) +
               "\"><font color=\"white\"><b>" + html(name) + "</b>" + (t.is_view ? " (view)" : "") +
               "</font></td></tr>\n";
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const auto& c = t.columns[i];
            std::string marks;
            if (c.pk_position > 0) marks += "PK";
            if (fk_columns.contains(c.name)) marks += marks.empty() ? "FK" : " FK";
            if (c.pk_position == 0 && unique_columns.contains(c.name)) marks += marks.empty() ? "UQ" : " UQ";
            const std::string bg = c.pk_position > 0 ? " bgcolor=\"" + std::string(key_colour) + "\"" : "";
            const std::string col_name = c.pk_position > 0 ? "<b>" + html(c.name) + "</b>" : html(c.name);
            std::string type = c.declared_type.empty() ? std::string("(no type)") : c.declared_type;
            if (c.nullable && c.pk_position == 0) type += "?";
            std::string port = "c";  // not "c" + to_string(i): GCC 12 -O3 warns falsely (-Wrestrict, PR 105329)
            port += std::to_string(i);
            const std::string mark_cell = marks.empty() ? "" : "<font point-size=\"8\">" + html(marks) + "</font>";
            // Edges leave a row on its right (the type cell) and arrive on its left (the mark cell).
            out += "    <tr><td" + bg + " align=\"left\" port=\"" + port + "_in\">" + mark_cell + "</td>"
                   "<td" + bg + " align=\"left\">" + col_name + "</td>"
                   "<td" + bg + " align=\"left\" port=\"" + port + "_out\"><font color=\"#566573\">" + html(type) +
                   "</font></td></tr>\n";
        }
        if (t.columns.empty()) out += "    <tr><td colspan=\"3\"><i>no columns</i></td></tr>\n";
        out += "  </table>>];\n";
    }

    // Foreign keys: referencing column → referenced column. A key to a table outside the
    // catalog (another schema, or left out with --tables) points at a dashed box.
    std::set<std::string> outside;
    for (const auto* tp : tables) {
        const auto& t = *tp;
        const std::string from = node(t.schema, t.name);
        auto port_of = [](const catalog::table& table, const std::string& column) -> std::string {
            for (std::size_t i = 0; i < table.columns.size(); ++i)
                if (table.columns[i].name == column) return ":c" + std::to_string(i);
            return "";
        };
        for (const auto& fk : t.foreign_keys) {
            const std::string ref_schema = fk.ref_schema.empty() ? t.schema : fk.ref_schema;
            const std::string to = qualify || (!fk.ref_schema.empty() && fk.ref_schema != t.schema)
                                       ? ref_schema + "." + fk.ref_table
                                       : fk.ref_table;
            const catalog::table* target = cat.find(ref_schema, fk.ref_table);
            if (!target && !drawn.contains(to)) outside.insert(to);
            std::string from_port = fk.columns.empty() ? "" : port_of(t, fk.columns[0]);
            std::string to_port = target && !fk.ref_columns.empty() ? port_of(*target, fk.ref_columns[0]) : "";
            if (!from_port.empty()) from_port += "_out:e";
            if (!to_port.empty()) to_port += "_in:w";
            std::vector<std::string> label;
            if (fk.columns.size() > 1) label.push_back("(" + join(fk.columns) + ") → (" + join(fk.ref_columns) + ")");
            if (fk.on_delete != fk_action::no_action)
                label.push_back("ON DELETE " + std::string(fk_action_sql(fk.on_delete)));
            if (fk.on_update != fk_action::no_action)
                label.push_back("ON UPDATE " + std::string(fk_action_sql(fk.on_update)));
            out += "  " + id(from) + from_port + " -> " + id(to) + to_port;
            if (!label.empty()) {
                std::string l;
                for (const auto& s : label) l += (l.empty() ? "" : "\n") + s;
                out += " [label=" + id(l) + "]";
            }
            out += ";\n";
        }
    }
    for (const auto& o : outside)
        out += "  " + id(o) + " [shape=box, style=dashed, fontcolor=\"#566573\", label=" + id(o + "\n(not drawn)") + "];\n";
    out += "}\n";
    return out;
}

void write_diagram(const std::string& dot_text, const std::string& path) {
    const auto slash = path.find_last_of('/');
    const auto dot_pos = path.find_last_of('.');
    if (dot_pos == std::string::npos || (slash != std::string::npos && dot_pos < slash) || dot_pos + 1 == path.size())
        throw argument_error("schema_gen: --diagram " + path +
                             ": the file name needs an extension that names the format (.svg, .png, .pdf, or .dot for "
                             "Graphviz's text)");
    const std::string format = path.substr(dot_pos + 1);
    if (format == "dot" || format == "gv") {
        std::ofstream out(path, std::ios::binary);
        out << dot_text;
        if (!out) throw argument_error("schema_gen: cannot write " + path);
        return;
    }

    // dot reads a temporary file and writes the picture itself.
    const char* tmpdir = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/schema_gen_diagram_XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) throw argument_error("schema_gen: cannot create a temporary file in " + tmpl + ": " + std::strerror(errno));
    const std::string input(name.data());
    struct remove_on_exit {
        std::string path;
        ~remove_on_exit() { ::unlink(path.c_str()); }
    } cleanup{input};
    for (std::size_t done = 0; done < dot_text.size();) {
        const auto n = ::write(fd, dot_text.data() + done, dot_text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            throw argument_error("schema_gen: cannot write " + input + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);

    std::string t = "-T" + format, o = "-o" + path;
    std::string program = "dot";
    std::vector<char*> argv{program.data(), t.data(), o.data(), const_cast<char*>(input.c_str()), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, "dot", nullptr, nullptr, argv.data(), environ);
    if (rc != 0) {
        if (rc == ENOENT)
            throw graphviz_error(
                "schema_gen: --diagram needs Graphviz's `dot` program, which is not in PATH; install it "
                "(Debian: apt-get install graphviz), or write the dot text with --diagram FILE.dot");
        throw graphviz_error(std::string("schema_gen: cannot run Graphviz's `dot`: ") + std::strerror(rc));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw graphviz_error(std::string("schema_gen: waiting for `dot`: ") + std::strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        throw graphviz_error("schema_gen: --diagram needs Graphviz's `dot` program, which could not be run; install it "
                             "(Debian: apt-get install graphviz), or write the dot text with --diagram FILE.dot");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw graphviz_error("schema_gen: `dot " + t + " " + o + "` failed (" +
                             (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                                : std::string("killed by a signal")) +
                             "): see its messages above (`dot -T?` lists the output formats it knows)");
}

}  // namespace retort::schema_gen
