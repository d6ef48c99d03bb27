// tests/schema_gen/json_support.cpp — Boost.JSON's implementation, compiled once
// (header-only mode: this is the one translation unit that includes src.hpp).
#include <boost/json/src.hpp>
