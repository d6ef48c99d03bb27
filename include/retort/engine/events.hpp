// retort/engine/events.hpp — what an engine reports to a user-supplied sink (echo / logging).
//
//   retort::engine_options o;
//   o.on_event = [](const retort::event& e) { if (e.kind == retort::event_kind::after_execute) log(e); };
//   auto engine = retort::create_engine(url, o);
//
// Off by default. With no sink, every hook is one predictable branch on a null pointer;
// with a sink, the drivers time each execution and (unless redacted) render its bound
// parameters as text. The sink is called on the thread that uses the connection, so it
// must be thread-safe when the engine is shared between threads.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "retort/detail/std_function.hpp"

namespace retort {

enum class event_kind : unsigned char {
    connect,         ///< a new database connection was opened
    checkout,        ///< a connection left the pool (engine.connect())
    checkin,         ///< a connection went back to the pool (or was closed)
    before_execute,  ///< a statement is about to run (sql, parameters)
    after_execute,   ///< a statement ran (sql, parameters, duration, failed)
};

/// One event. Views are valid only during the call to the sink.
struct event {
    event_kind kind;
    /// Identifies the driver connection (stable while it lives; for correlating events).
    const void* connection = nullptr;
    /// The SQL text (execute events).
    std::string_view sql;
    /// Bound parameters rendered as text ("NULL", numbers, quoted text, "<blob N bytes>"),
    /// or "?" each when parameters are redacted (engine_options::echo_parameters = false).
    std::span<const std::string> parameters;
    /// How long the execution took, up to its first row or completion (after_execute).
    std::chrono::nanoseconds duration{0};
    /// after_execute: the execution threw (the exception propagates after the event).
    bool failed = false;
};

const char* to_string(event_kind kind) noexcept;

using event_sink = std::function<void(const event&)>;

}  // namespace retort

namespace retort::driver {

/// What a driver needs to report executions: set once per connection, before any
/// statement is prepared; read-only afterwards.
struct observer {
    event_sink sink;
    bool parameters = true;  // render bound values (false: "?" each)
};

}  // namespace retort::driver
