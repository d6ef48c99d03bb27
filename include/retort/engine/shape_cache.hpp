// retort/engine/shape_cache.hpp — prepared statements for dynamic shapes.
//
// A statement whose SQL depends on run-time data (an IN list of run-time length, optional
// WHERE conjuncts, a run-time ORDER BY choice, a multi-row VALUES) is rendered once per
// shape and prepared once per connection per shape; the key is the statement type's slot
// plus the shape numbers. The cache is bounded: when full it is cleared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "retort/engine/driver.hpp"

namespace retort::detail {

struct shape_cache {
    struct entry {
        std::string sql;  // prepared statements refer to this text
        std::unique_ptr<driver::statement> statement;
    };

    static constexpr std::size_t capacity = 256;

    std::unordered_map<std::string, entry> entries;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t next_name = 0;

    /// True when the statement for `key` is prepared on this connection.
    bool contains(const std::string& key) const { return entries.find(key) != entries.end(); }

    /// The statement for `key`, rendered by `render()` and prepared on first use.
    template <class Render>
    driver::statement& get(driver::connection& raw, const std::string& key, Render&& render) {
        if (auto it = entries.find(key); it != entries.end()) {
            ++hits;
            return *it->second.statement;
        }
        ++misses;
        if (entries.size() >= capacity) {
            // Only statements no result is reading may go.
            for (auto it = entries.begin(); it != entries.end();)
                it = it->second.statement->in_use ? std::next(it) : entries.erase(it);
        }
        entry e{render(), nullptr};
        const std::string name = "retort_d" + std::to_string(next_name++);
        auto [it, inserted] = entries.emplace(key, std::move(e));
        try {
            it->second.statement = raw.prepare(it->second.sql, name);
        } catch (...) {
            entries.erase(it);
            throw;
        }
        return *it->second.statement;
    }
};

}  // namespace retort::detail
