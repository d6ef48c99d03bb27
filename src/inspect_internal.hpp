// src/inspect_internal.hpp — what the two catalog readers share.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/inspect/inspect.hpp"

namespace retort::detail {

using catalog_row = std::vector<std::optional<std::string>>;

/// Runs one catalog query with text parameters; every value comes back as text (or NULL).
inline std::vector<catalog_row> fetch(driver::connection& conn, const std::string& sql,
                                      std::initializer_list<std::string_view> params = {}) {
    auto st = conn.prepare(sql, {});
    int i = 0;
    for (auto p : params) st->bind_text(i++, p);
    std::vector<catalog_row> rows;
    while (st->step()) {
        catalog_row row;
        const int n = st->column_count();
        row.reserve(static_cast<std::size_t>(n));
        for (int c = 0; c < n; ++c) {
            if (st->is_null(c))
                row.emplace_back();
            else
                row.emplace_back(std::string(st->get_text(c)));
        }
        rows.push_back(std::move(row));
    }
    st->reset();
    return rows;
}

inline const std::string& str(const catalog_row& r, std::size_t i) {
    static const std::string empty;
    return r[i] ? *r[i] : empty;
}

catalog inspect_sqlite(driver::connection& conn, const inspect_options& options);
catalog inspect_postgresql(driver::connection& conn, const inspect_options& options);

/// Keeps only the tables named in options.tables; throws argument_error naming an unknown one.
void select_tables(catalog& cat, const inspect_options& options, std::string_view where);

fk_action parse_fk_action(std::string_view sql_words);

}  // namespace retort::detail
