// retort/schema/enum.hpp — a C++ enum as a SQL enum: its labels, declared beside it.
//
//     enum class Rating { g, pg, pg_13, r, nc_17 };
//     template <> inline constexpr auto retort::enum_labels<Rating> = retort::sql_enum<Rating>(
//         "rating_kind", {{Rating::g, "G"}, {Rating::pg, "PG"}, {Rating::pg_13, "PG-13"},
//                         {Rating::r, "R"}, {Rating::nc_17, "NC-17"}});
//
// A field of such an enum type (or std::optional of one) is a column whose values are the
// labels: bound and read as text, an unknown label read from the database is a
// retort::data_error naming it and the labels there are. create_all creates the type on
// PostgreSQL (CREATE TYPE rating_kind AS ENUM (...), in this label order, which is the
// type's sort order) and drop_all drops it when nothing else uses it; on SQLite the column
// is TEXT with CHECK ("column" IN ('G', 'PG', ...)). schema_gen writes the declaration for
// every PostgreSQL enum a table uses.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "retort/error.hpp"
#include "retort/types/sql_type.hpp"

namespace retort {

template <class E>
struct enum_label {
    E value;
    std::string_view label;
};

template <class E, std::size_t N>
struct sql_enum_t {
    std::string_view name;                 // the SQL type's name (PostgreSQL)
    std::array<E, N> values{};             // in label order
    std::array<std::string_view, N> labels{};
};

/// Declares enum E's SQL type name and labels; checks that no label and no value repeats.
template <class E, std::size_t N>
consteval sql_enum_t<E, N> sql_enum(std::string_view name, const enum_label<E> (&labels)[N]) {
    static_assert(std::is_enum_v<E>, "retort: sql_enum<E> needs an enum type E");
    sql_enum_t<E, N> out{name, {}, {}};
    for (std::size_t i = 0; i < N; ++i) {
        out.values[i] = labels[i].value;
        out.labels[i] = labels[i].label;
        for (std::size_t j = 0; j < i; ++j)
            if (labels[j].label == labels[i].label || labels[j].value == labels[i].value)
                throw "retort: sql_enum<E>(name, {...}) lists a label or a value twice";
    }
    return out;
}

/// Not declared: the primary template of enum_labels.
template <class E>
struct enum_labels_not_declared_t {};

/// The SQL labels of enum E. Specialise it for each enum used as a column type.
template <class E>
inline constexpr auto enum_labels = enum_labels_not_declared_t<E>{};

namespace detail {
template <class T>
struct is_sql_enum : std::false_type {};
template <class E, std::size_t N>
struct is_sql_enum<sql_enum_t<E, N>> : std::true_type {};
}  // namespace detail

/// An enum with a retort::enum_labels declaration.
template <class E>
concept LabeledEnum = std::is_enum_v<E> && detail::is_sql_enum<std::remove_cv_t<decltype(enum_labels<E>)>>::value;

/// A labeled enum travels as its label.
template <LabeledEnum E>
struct type_traits<E> {
    using db_type = std::string;
    static std::string to_db(const E& v) {
        constexpr auto& d = enum_labels<E>;
        for (std::size_t i = 0; i < d.values.size(); ++i)
            if (d.values[i] == v) return std::string(d.labels[i]);
        throw data_error("retort: the value " + std::to_string(static_cast<long long>(v)) + " of enum " +
                         std::string(d.name) + " has no label in retort::enum_labels");
    }
    static E from_db(const std::string& s) {
        constexpr auto& d = enum_labels<E>;
        for (std::size_t i = 0; i < d.labels.size(); ++i)
            if (d.labels[i] == s) return d.values[i];
        std::string known;
        for (auto l : d.labels) known += (known.empty() ? "'" : ", '") + std::string(l) + "'";
        throw data_error("retort: '" + s + "' is not a label of enum " + std::string(d.name) + " (labels: " + known +
                         "); add it to retort::enum_labels or regenerate the models");
    }
};

}  // namespace retort
