// schema_gen/diagram.hpp — an entity-relationship diagram of a catalog, drawn by Graphviz.
//
//   schema_gen --url sqlite:///app.db --diagram schema.svg
//
// Each table is a box listing its columns (PK / FK / UQ marks, the declared type, NULL-able
// columns marked "?"); each foreign key is an edge from the referencing column to the
// referenced one. to_dot() writes Graphviz's text; render() runs `dot` to make the picture.
#pragma once

#include <stdexcept>
#include <string>

#include <retort/inspect/catalog.hpp>

namespace retort::schema_gen {

struct diagram_options {
    std::string title;   // drawn above the diagram (empty: none)
    bool views = false;  // also draw the views (grey boxes, no edges)
};

/// The diagram as Graphviz dot text: one node per table (and view) of the catalog, one
/// edge per foreign key (a key to a table outside the catalog points at a dashed box).
std::string to_dot(const catalog& cat, const diagram_options& options = {});

/// `dot` could not be run (not installed, not in PATH) or failed.
class graphviz_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Writes `path`: the dot text itself when the name ends in ".dot", otherwise the picture
/// `dot -T<format>` makes, the format being the file's extension (svg, png, pdf).
/// Throws graphviz_error when `dot` is missing or fails, argument_error for a name without
/// an extension or a file that cannot be written.
void write_diagram(const std::string& dot_text, const std::string& path);

}  // namespace retort::schema_gen
