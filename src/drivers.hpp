// src/drivers.hpp — internal: how the engine reaches the compiled drivers.
//
// Not installed. Each driver lives in its own translation unit behind the abstract
// interface of retort/engine/driver.hpp; the engine only sees these factories.
#pragma once

#include <memory>

#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"

namespace retort::detail {

/// Checks the URL's query options for a driver without connecting; throws argument_error.
void check_sqlite_options(const url& u);
void check_postgresql_options(const url& u);

/// Opens one driver connection; throws connection_error (or argument_error for bad options).
std::unique_ptr<driver::connection> open_sqlite(const url& u);
std::unique_ptr<driver::connection> open_postgresql(const url& u);

}  // namespace retort::detail
