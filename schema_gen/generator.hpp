// schema_gen/generator.hpp — C++ models (one header) from a catalog.
#pragma once

#include <string>
#include <vector>

#include <retort/inspect/catalog.hpp>
#include <retort/inspect/inspect.hpp>
#include <retort/inspect/type_map.hpp>

namespace retort::schema_gen {

struct generate_options {
    std::string ns{};               // C++ namespace of the structs and enums; empty: global
    std::string command{};          // the command line for the banner (password already redacted)
    std::string source{};           // "a SQLite database", "PostgreSQL schema public" ... for the banner
    bool views = false;             // also write structs for views (read-only: no keys)
    type_overrides map{};           // already applied to the catalog's cpp_type; gives column_type<> and notes
};

/// What was written, besides the text.
struct generate_result {
    std::string header;
    std::vector<std::string> warnings;  // printed on stderr: things the declaration language cannot say
};

/// Writes the header. Throws retort::argument_error listing every column without a type
/// mapping (with the --map line that would map it).
generate_result generate(const catalog& cat, const generate_options& options);

/// Loads a SQL file into a temporary database and inspects it: an in-memory SQLite
/// database, or a temporary PostgreSQL database created through `admin_url` (a server
/// URL whose user may CREATE DATABASE) and dropped afterwards.
catalog inspect_sql_file(const std::string& path, dialect_id dialect, const std::string& admin_url,
                         const inspect_options& options);

}  // namespace retort::schema_gen
