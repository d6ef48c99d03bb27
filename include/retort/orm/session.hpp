// retort/orm/session.hpp — the ORM session (see orm/session_decl.hpp for the whole API and
// its rules, docs/orm.md for the tutorial).
#pragma once

#include "retort/orm/session_decl.hpp"
#include "retort/orm/session_impl.hpp"
