// retort/error.hpp — the one exception hierarchy both drivers map into.
//
//   retort::error
//   ├── argument_error      bad input to retort itself (malformed URL, unknown scheme, bad option)
//   ├── connection_error    cannot connect, connection lost, server gone
//   │   └── timeout_error   no pooled connection became free within pool_timeout
//   ├── serialization_error the database aborted a transaction to keep it serializable
//   │                       (PostgreSQL SQLSTATE 40001, deadlock 40P01): run it again
//   ├── integrity_error     unique / primary key / foreign key / not null / check violated
//   ├── data_error          a value does not fit: NULL into a non-optional field, out of range, bad format
//   └── programming_error   SQL the database rejected: no such table/column, syntax, wrong state
//       └── concurrent_use_error  one connection used from two threads at once
#pragma once

#include <stdexcept>
#include <string>

namespace retort {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class argument_error : public error {
public:
    using error::error;
};

class connection_error : public error {
public:
    using error::error;
};

/// Waiting for a free connection took longer than the engine's pool_timeout.
class timeout_error : public connection_error {
public:
    using connection_error::connection_error;
};

/// A transaction lost a serialization conflict (PostgreSQL SQLSTATE 40001) or a deadlock
/// (40P01); the transaction was rolled back and may succeed when run again
/// (see connection::transaction(fn, {.retries = n})).
class serialization_error : public error {
public:
    using error::error;
};

class programming_error : public error {
public:
    using error::error;
};

/// One connection was used from two threads at once: a retort::connection (with its
/// results, transactions and savepoints) belongs to one thread at a time.
class concurrent_use_error : public programming_error {
public:
    using programming_error::programming_error;
};

class data_error : public error {
public:
    using error::error;
};

/// one(), scalar_one(): the query returned no row.
class no_result_error : public data_error {
public:
    using data_error::data_error;
};
/// one(), one_or_none(), scalar_one(): the query returned more than one row.
class multiple_results_error : public data_error {
public:
    using data_error::data_error;
};

/// Which rule an integrity_error broke.
enum class constraint_kind { unique, primary_key, foreign_key, not_null, check, other };

class integrity_error : public error {
public:
    integrity_error(const std::string& what, constraint_kind kind, std::string constraint)
        : error(what), kind_(kind), constraint_(std::move(constraint)) {}

    constraint_kind kind() const noexcept { return kind_; }
    /// The constraint's name as the database reports it: PostgreSQL gives the
    /// constraint name ("users_email_key"); SQLite gives the columns ("users.email").
    const std::string& constraint() const noexcept { return constraint_; }

private:
    constraint_kind kind_;
    std::string constraint_;
};

}  // namespace retort
