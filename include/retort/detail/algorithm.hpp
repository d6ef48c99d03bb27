// retort/detail/algorithm.hpp — std::find, std::sort, std::unique ... without the rest of
// <algorithm>: libstdc++'s C++20 <algorithm> also parses the std::ranges algorithms and the
// parallel algorithms' glue (~22 MB of compiler memory in every TU that includes it, measured
// with g++ 12). Elsewhere, <algorithm>.
#pragma once

#include <cstddef>  // defines __GLIBCXX__ under libstdc++

#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>)
#include <bits/stl_algo.h>
#else
#include <algorithm>
#endif
