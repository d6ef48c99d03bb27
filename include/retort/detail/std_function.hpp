// retort/detail/std_function.hpp — std::function and the function objects (std::less ...)
// without the rest of <functional>: libstdc++'s <functional> also parses the C++17
// searchers (a hash map and the algorithms), which every TU that includes retort would
// pay for. Elsewhere, <functional>.
#pragma once

#include <cstddef>  // defines __GLIBCXX__ under libstdc++

#if defined(__GLIBCXX__) && __has_include(<bits/std_function.h>) && __has_include(<bits/stl_function.h>)
#include <bits/stl_function.h>
#include <bits/std_function.h>
#else
#include <functional>
#endif
