// retort/inspect/inspect.hpp — read a live database's catalog.
//
//     auto engine = retort::create_engine("postgresql://app@127.0.0.1/app");
//     retort::catalog cat = retort::inspect(engine);
//     for (const auto& t : cat.tables) ...   // columns, keys, indexes, checks; enums, domains
//
// SQLite is read through sqlite_master and the pragma table functions (plus the CREATE
// TABLE text for what no pragma reports: CHECK constraints, constraint names,
// AUTOINCREMENT); PostgreSQL through pg_catalog.
#pragma once

#include <string>
#include <vector>

#include "retort/engine/engine.hpp"
#include "retort/inspect/catalog.hpp"
#include "retort/inspect/type_map.hpp"

namespace retort {

struct inspect_options {
    /// PostgreSQL schemas to read; empty means "public". Ignored on SQLite.
    std::vector<std::string> schemas{};
    /// Only these tables (or views); empty means all. A name that does not exist is an
    /// argument_error that lists the tables there are.
    std::vector<std::string> tables{};
    bool include_views = true;
    /// Overrides for the cpp_type of each column (see type_map.hpp).
    type_overrides map{};
};

/// The catalog of the database behind `conn` (or a connection of `e`). Throws
/// connection_error when the database cannot be reached, argument_error for an unknown
/// table or schema name.
catalog inspect(connection& conn, const inspect_options& options = {});
catalog inspect(engine& e, const inspect_options& options = {});

}  // namespace retort
