// examples/pch/pch/retort_pch.hpp — a precompiled header for a program's statement files:
// retort's umbrella header and the models every file shares, parsed once per build
// instead of once per translation unit (docs/compile-time.md).
// (No #pragma once: the compiler compiles this file as its main file, and meson includes
// it only through the precompiled form.)
// docs:begin pch_header
#include <retort/retort.hpp>

#include "../models.hpp"
// docs:end pch_header
