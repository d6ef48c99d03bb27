// retort/orm.hpp — the optional ORM: session, identity map, unit of work, relationships.
// Core users never include it; it sits on the engine and statement layers only.
#pragma once

#include "retort/retort.hpp"
#include "retort/orm/errors.hpp"
#include "retort/orm/model.hpp"
#include "retort/orm/relations.hpp"
#include "retort/orm/session.hpp"
