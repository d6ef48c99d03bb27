// retort/engine/shape_cache.hpp — prepared statements for dynamic shapes.
//
// A statement whose SQL depends on run-time data (an IN list of run-time length, optional
// WHERE conjuncts, a run-time ORDER BY choice, a multi-row VALUES) is rendered once per
// shape and prepared once per connection per shape; the key is the statement type's slot
// plus the shape numbers. The cache is bounded: when full it is cleared. Its table lives
// in src/engine.cpp: a header that includes this one does not parse a hash map.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "retort/engine/driver.hpp"

namespace retort::detail {

class shape_cache {
public:
    static constexpr std::size_t capacity = 256;

    shape_cache();
    ~shape_cache();
    shape_cache(const shape_cache&) = delete;
    shape_cache& operator=(const shape_cache&) = delete;

    /// True when the statement for `key` is prepared on this connection.
    bool contains(const std::string& key) const;
    /// Shapes prepared on this connection.
    std::size_t size() const noexcept;

    /// The statement for `key`, rendered by `render()` and prepared on first use.
    template <class Render>
    driver::statement& get(driver::connection& raw, const std::string& key, Render&& render) {
        if (driver::statement* st = find(key)) return *st;
        return add(raw, key, render());
    }

    std::uint64_t hits = 0;
    std::uint64_t misses = 0;

private:
    struct table;
    /// The statement for `key` (a hit), or nullptr (a miss).
    driver::statement* find(const std::string& key);
    /// Prepares `sql` for `key` (after a miss), making room first when the cache is full.
    driver::statement& add(driver::connection& raw, const std::string& key, std::string sql);

    std::unique_ptr<table> table_;
    std::uint64_t next_name_ = 0;
};

}  // namespace retort::detail
