// retort/core.hpp — the light entry header: models, expressions, statements and their
// compile-time SQL. No database client headers, no engine.
#pragma once

#include "retort/dialect/dialect.hpp"
#include "retort/expr/column.hpp"
#include "retort/expr/compare.hpp"
#include "retort/expr/logical.hpp"
#include "retort/expr/order.hpp"
#include "retort/expr/value.hpp"
#include "retort/reflect/fields.hpp"
#include "retort/schema/options.hpp"
#include "retort/schema/table.hpp"
#include "retort/stmt/ddl.hpp"
#include "retort/stmt/delete.hpp"
#include "retort/stmt/insert.hpp"
#include "retort/stmt/select.hpp"
#include "retort/stmt/sql.hpp"
#include "retort/stmt/update.hpp"
