// retort/stmt/sequence.hpp — sequences (PostgreSQL; a named veto on SQLite).
//
//   conn.execute(retort::create_sequence<"order_no">(retort::start_with<1000>, retort::increment_by<10>));
//       // CREATE SEQUENCE "order_no" INCREMENT BY 10 START WITH 1000
//   retort::select(retort::next_value<"order_no">())                  // SELECT nextval('"order_no"')
//   retort::insert<Order>().values(c<&Order::no> = retort::next_value<"order_no">(), ...)
//   conn.execute(retort::drop_sequence<"order_no">().if_exists());
//
// Options (each at most once, written in PostgreSQL's order whatever the order given):
// increment_by<n>, min_value<n>, max_value<n>, start_with<n>, cycle. The numbers are
// template arguments: DDL takes no bound parameters. next_value<"name">() is a
// std::int64_t expression, usable wherever one is (a select list, insert values, set()).
// SQLite has no sequences: a statement with any of these is a compile-time veto for
// retort::sql<S, sqlite>, and a programming_error when a SQLite connection runs it.
#pragma once

#include <cstdint>
#include <string_view>

#include "retort/detail/fixed_string.hpp"
#include "retort/expr/alias.hpp"
#include "retort/expr/expression.hpp"
#include "retort/expr/expression_veto.hpp"
#include "retort/stmt/common.hpp"
#include "retort/stmt/sql.hpp"

namespace retort {

namespace detail {

constexpr void put_signed(sql_writer& w, std::int64_t n) {
    if (n < 0) {
        w.put('-');
        w.put_number(static_cast<std::size_t>(-(n + 1)) + 1);
    } else {
        w.put_number(static_cast<std::size_t>(n));
    }
}

/// 'name' for nextval: the sequence's quoted identifier inside a string literal.
constexpr void put_sequence_literal(sql_writer& w, std::string_view name) {
    w.put("'\"");
    for (char ch : name) {
        if (ch == '"') w.put('"');
        if (ch == '\'') w.put('\'');
        w.put(ch);
    }
    w.put("\"'");
}

/// One sequence option: its place in the rendered list, then its text.
template <int Rank, std::int64_t N>
struct sequence_option_t {
    static constexpr int rank = Rank;
    static constexpr void render(sql_writer& w) {
        constexpr std::string_view words[] = {" INCREMENT BY ", " MINVALUE ", " MAXVALUE ", " START WITH ", " CYCLE"};
        w.put(words[Rank]);
        if (Rank != 4) put_signed(w, N);
    }
};

template <class O>
struct is_sequence_option : std::false_type {};
template <int R, std::int64_t N>
struct is_sequence_option<sequence_option_t<R, N>> : std::true_type {};

}  // namespace detail

/// Sequence options for create_sequence<"name">(...).
template <std::int64_t N>
inline constexpr detail::sequence_option_t<0, N> increment_by{};
template <std::int64_t N>
inline constexpr detail::sequence_option_t<1, N> min_value{};
template <std::int64_t N>
inline constexpr detail::sequence_option_t<2, N> max_value{};
template <std::int64_t N>
inline constexpr detail::sequence_option_t<3, N> start_with{};
inline constexpr detail::sequence_option_t<4, 0> cycle{};

/// CREATE SEQUENCE [IF NOT EXISTS] "name" [options].
template <fixed_string Name, bool IfNotExists, class... Os>
struct create_sequence_t {
    using statement_kind = ddl_kind;

    /// CREATE SEQUENCE IF NOT EXISTS: nothing happens when the sequence exists.
    constexpr auto if_not_exists() const { return create_sequence_t<Name, true, Os...>{}; }

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite, detail::sqlite_has_no_sequences, detail::no_veto>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(IfNotExists ? "CREATE SEQUENCE IF NOT EXISTS " : "CREATE SEQUENCE ");
        w.quoted(Name.view());
        for (int rank = 0; rank < 5; ++rank) ((Os::rank == rank ? Os::render(w) : void()), ...);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

namespace detail {
template <class... Os>
consteval bool check_sequence_options() {
    static_assert((is_sequence_option<Os>::value && ...),
                  "retort: create_sequence<\"name\">(...) takes retort::start_with<n>, increment_by<n>, "
                  "min_value<n>, max_value<n> and cycle");
    if constexpr ((is_sequence_option<Os>::value && ...)) {
        constexpr bool once = [] {
            const int ranks[] = {Os::rank..., -1};
            for (std::size_t i = 0; i < sizeof...(Os); ++i)
                for (std::size_t j = i + 1; j < sizeof...(Os); ++j)
                    if (ranks[i] == ranks[j]) return false;
            return true;
        }();
        static_assert(once, "retort: create_sequence<\"name\">(...) is given the same option twice; keep one");
        return once;
    }
    return false;
}
}  // namespace detail

/// CREATE SEQUENCE "name" with options (PostgreSQL); see the top of this header.
template <fixed_string Name, class... Os>
constexpr auto create_sequence(Os...) {
    static_assert(Name.size() > 0, "retort: create_sequence<\"name\">() needs the sequence's name");
    if constexpr (detail::check_sequence_options<Os...>())
        return create_sequence_t<Name, false, Os...>{};
    else
        return create_sequence_t<Name, false>{};
}

/// DROP SEQUENCE [IF EXISTS] "name".
template <fixed_string Name, bool IfExists = false>
struct drop_sequence_t {
    using statement_kind = ddl_kind;

    /// DROP SEQUENCE IF EXISTS: nothing happens when there is no such sequence.
    constexpr auto if_exists() const { return drop_sequence_t<Name, true>{}; }

    template <class D>
    using veto = std::conditional_t<D::id == dialect_id::sqlite, detail::sqlite_has_no_sequences, detail::no_veto>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put(IfExists ? "DROP SEQUENCE IF EXISTS " : "DROP SEQUENCE ");
        w.quoted(Name.view());
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// DROP SEQUENCE "name" (PostgreSQL).
template <fixed_string Name>
constexpr drop_sequence_t<Name> drop_sequence() {
    static_assert(Name.size() > 0, "retort: drop_sequence<\"name\">() needs the sequence's name");
    return {};
}

/// nextval('"name"'): the sequence's next value, a std::int64_t expression (PostgreSQL).
template <fixed_string Name>
struct next_value_t : detail::expression_tag, detail::labelable<next_value_t<Name>> {
    using value_type = std::int64_t;
    using tables = detail::type_list<>;
    static constexpr sql_kind kind = sql_kind::integer;
    static constexpr bool never_null = true;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        if (D::id == dialect_id::sqlite) detail::mark_veto(w, detail::expression_veto::sequence_on_sqlite);
        w.put("nextval(");
        detail::put_sequence_literal(w, Name.view());
        w.put(')');
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// The next value of sequence "name" (PostgreSQL; a named veto on SQLite).
template <fixed_string Name>
constexpr next_value_t<Name> next_value() {
    static_assert(Name.size() > 0, "retort: next_value<\"name\">() needs the sequence's name");
    return {};
}

}  // namespace retort
