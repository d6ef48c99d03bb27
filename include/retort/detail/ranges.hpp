// retort/detail/ranges.hpp — the range concepts and accessors (std::ranges::contiguous_range,
// range_value_t, data, size ...) without the views and adaptors of <ranges>, which every
// TU that includes retort would otherwise parse. Under libstdc++ they have a header of
// their own; elsewhere, <ranges>.
#pragma once

#include <cstddef>  // defines __GLIBCXX__ under libstdc++

#if defined(__GLIBCXX__) && __has_include(<bits/ranges_base.h>)
// What libstdc++'s own <span> includes before it (the header is not self-contained).
#include <initializer_list>
#include <bits/stl_iterator.h>
#include <bits/ranges_base.h>
#else
#include <ranges>
#endif
