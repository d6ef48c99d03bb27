// retort/retort.hpp — everything: models, expressions, statements, engine.
#pragma once

#include "retort/core.hpp"
#include "retort/engine/adopt.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/error.hpp"
#include "retort/engine/execute.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/url.hpp"
