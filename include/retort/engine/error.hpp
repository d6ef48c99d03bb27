// retort/engine/error.hpp — kept for code that includes it by this path: the exception
// hierarchy lives on the ground floor, in retort/error.hpp, so that expressions and
// statements can report errors without including the engine.
#pragma once

#include "retort/error.hpp"
