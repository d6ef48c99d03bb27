// retort/orm/errors.hpp — what the session raises beyond Core's errors.
//
//   retort::stale_data_error   an UPDATE or DELETE of a flush matched no row (the row was
//                              deleted, or its version column changed, since it was loaded)
//   retort::session_error      the session was used against its rules (an object that is
//                              not in this session, a key changed, a relationship not loaded
//                              under the raise strategy, two threads at once ...)
#pragma once

#include "retort/engine/error.hpp"

namespace retort {

/// A flush's UPDATE or DELETE matched no row: another transaction deleted the row or, with
/// a version column, changed it since this session loaded it. The flush's transaction is
/// rolled back; the message names the table and the key.
class stale_data_error : public error {
public:
    using error::error;
};

/// The session was asked for something its rules forbid. Nothing was sent to the database.
class session_error : public programming_error {
public:
    using programming_error::programming_error;
};

}  // namespace retort
