// retort/detail/sql_writer.hpp — "size, then fill": the same rendering code first counts
// the characters of a statement, then writes them into a std::array of exactly that size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort::detail {

struct sql_writer {
    char* out = nullptr;     // nullptr while counting
    std::size_t size = 0;
    int params = 0;          // bound parameters written so far
    int named_params = 0;    // ... of which retort::param placeholders (valued per execution)
    bool qualify = true;     // write columns as "table"."column" (false in SET and INSERT lists)
    /// When set, the select list being written labels its items with these names
    /// (a derived table's or a CTE's column names).
    struct labels {
        const std::string_view* names = nullptr;
        bool active = false;  // tested instead of the pointer: GCC 12 with -fsanitize cannot
                              // compare such a pointer with null in a constant expression
    } select_labels{};
    /// Run-time shape of a dynamic statement (IN-list lengths, chosen conjuncts, ...),
    /// read by dynamic nodes in render order. While probing at compile time it is null
    /// and reads give 1.
    const std::uint32_t* shape = nullptr;
    std::size_t shape_pos = 0;
    bool saw_dynamic = false;
    /// The first expression veto met while rendering (an expression_veto code, see
    /// expr/expression_veto.hpp; 0 = none): SQL the dialect lacks, inside an expression.
    unsigned char veto = 0;

    constexpr std::uint32_t next_shape() {
        saw_dynamic = true;
        return shape ? shape[shape_pos++] : 1;
    }

    constexpr void put(std::string_view s) {
        if (out)
            for (char c : s) out[size++] = c;
        else
            size += s.size();
    }
    constexpr void put(char c) {
        if (out) out[size] = c;
        ++size;
    }
    constexpr void put_number(std::size_t n) {
        char digits[20]{};
        int len = 0;
        do {
            digits[len++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n);
        while (len) put(digits[--len]);
    }
    /// Writes an identifier in double quotes, doubling embedded quotes (both dialects).
    constexpr void quoted(std::string_view name) {
        put('"');
        for (char c : name) {
            if (c == '"') put('"');
            put(c);
        }
        put('"');
    }
};

}  // namespace retort::detail
