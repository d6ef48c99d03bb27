// src/adopt.cpp — retort::adopt(): a retort::connection over a handle someone else owns.
//
// The connection has no engine and no pool: its pooled_connection holds a borrowed
// driver connection (src/sqlite_driver.cpp, src/postgresql_driver.cpp) and the same
// per-statement-type cache as a pooled one. Destroying it resets and finalizes its
// statements and leaves the handle, its settings and its transaction alone.

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <utility>

#include "drivers.hpp"
#include "retort/engine/adopt.hpp"

namespace retort {

namespace detail {

struct adopt_access {
    static connection make(std::unique_ptr<driver::connection> raw, const adopt_options& options) {
        auto p = std::make_unique<pooled_connection>();
        const dialect_id d = raw->dialect();
        p->raw = std::move(raw);
        p->cache_capacity = options.statement_cache_size;
        p->created = std::chrono::steady_clock::now();
        return connection(std::move(p), d);
    }
};

namespace {

driver::observer observer_of(const adopt_options& o) {
    driver::observer out;
    if (o.on_event)
        out.sink = o.on_event;
    else if (o.echo)
        out.sink = echo_event;
    out.parameters = o.echo_parameters;
    return out;
}

}  // namespace
}  // namespace detail

connection adopt(sqlite3* handle, adopt_options options) {
    return detail::adopt_access::make(detail::borrow_sqlite(handle, detail::observer_of(options)), options);
}

connection adopt(pg_conn* handle, adopt_options options, postgresql_owner owner) {
    return detail::adopt_access::make(detail::borrow_postgresql(handle, owner, detail::observer_of(options)),
                                      options);
}

}  // namespace retort
