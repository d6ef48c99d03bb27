// retort/dialect/dialect_id.hpp — which SQL dialect a connection speaks, as a value.
//
// On the ground floor: statements compare it at compile time (a dialect tag's `id`), the
// engine at run time (a connection's dialect, chosen from its URL).
#pragma once

namespace retort {

/// Which SQL dialect a connection speaks; chosen from the URL at run time.
enum class dialect_id : unsigned char { sqlite = 0, postgresql = 1 };

}  // namespace retort
