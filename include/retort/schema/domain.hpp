// retort/schema/domain.hpp — a column declared with a PostgreSQL domain.
//
//     retort::domain<&Shop::zip>("us_zip", "character varying(10)",
//                                retort::check("us_zip_check", "VALUE ~ '^[0-9]{5}$'"))
//
// A domain is a named base type with CHECK constraints that every column of that type
// obeys. PostgreSQL: create_all creates it (CREATE DOMAIN "us_zip" AS character
// varying(10) CONSTRAINT "us_zip_check" CHECK (...)) before the tables, once per name, and
// the column has that type; drop_all drops it when no column outside the dropped tables
// uses it. SQLite has no domains: the column has the base type, and each check becomes a
// CHECK on the column with VALUE replaced by the column's name. check_schema compares the
// column's type by the domain's name, the domain's base type and its checks by name.
// NOT NULL and DEFAULT belong to the column here (a non-optional field,
// retort::server_default), not to the domain. schema_gen writes this option for every
// PostgreSQL domain column.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/schema/options.hpp"

namespace retort {

/// How many CHECK constraints one domain declaration may carry.
inline constexpr std::size_t max_domain_checks = 4;

/// A domain as create_all makes it: its name, base type and named checks.
struct domain_info {
    std::string_view name;
    std::string_view base_type;
    std::array<check_t, max_domain_checks> checks{};
    std::size_t check_count = 0;
};

template <auto Member>
struct domain_t {
    domain_info info;
};

template <auto Member>
struct domain_fn {
    template <class... Checks>
        requires(std::is_same_v<Checks, check_t> && ...)
    consteval domain_t<Member> operator()(std::string_view name, std::string_view base_type,
                                          Checks... checks) const {
        if constexpr (sizeof...(Checks) > max_domain_checks) {
            static_assert(sizeof...(Checks) <= max_domain_checks,
                          "retort: a domain declaration carries at most 4 CHECK constraints; combine them with AND");
            return {};
        } else {
            if (name.empty() || base_type.empty()) throw "retort: a domain needs a name and a base type";
            return {{name, base_type, {checks...}, sizeof...(Checks)}};
        }
    }
};

/// The column of Member has the PostgreSQL domain declared here (see the file comment).
template <auto Member>
inline constexpr domain_fn<Member> domain{};

namespace detail {

template <class T, auto M>
struct option_belongs<T, domain_t<M>> : std::bool_constant<std::is_same_v<reflect::class_of<M>, T>> {};
template <auto M>
struct is_table_option<domain_t<M>> : std::true_type {};

}  // namespace detail
}  // namespace retort
