// retort/stmt/compound.hpp — UNION, UNION ALL, INTERSECT, EXCEPT.
//
//   select(c<&A::name>).union_(select(c<&B::title>)).order_by(c<&A::name>).limit(10)
//
// Both sides must select the same number of columns with compatible SQL types (a
// compile error otherwise). ORDER BY / LIMIT belong to the whole compound: a member may
// not have its own (SQLite rejects it). ORDER BY names result columns, so it is written
// unqualified.
#pragma once

#include <tuple>

#include "retort/expr/subquery.hpp"
#include "retort/stmt/select.hpp"

namespace retort {

namespace op {
struct union_ { static constexpr std::string_view sql = " UNION "; };
struct union_all { static constexpr std::string_view sql = " UNION ALL "; };
struct intersect { static constexpr std::string_view sql = " INTERSECT "; };
struct except { static constexpr std::string_view sql = " EXCEPT "; };
struct intersect_all { static constexpr std::string_view sql = " INTERSECT ALL "; };  // PostgreSQL
struct except_all { static constexpr std::string_view sql = " EXCEPT ALL "; };        // PostgreSQL
}  // namespace op

namespace detail {
struct sqlite_has_no_intersect_all {
    static constexpr std::string_view reason =
        "retort: SQLite has no INTERSECT ALL / EXCEPT ALL (only INTERSECT and EXCEPT, which remove duplicates)";
    template <class S>
    static consteval bool allowed() {
        static_assert(always_false<S>, "retort: SQLite has no INTERSECT ALL / EXCEPT ALL (only INTERSECT and EXCEPT, "
                                       "which remove duplicates)");
        return false;
    }
};
template <class Op, class D>
using op_veto = std::conditional_t<(std::is_same_v<Op, op::intersect_all> || std::is_same_v<Op, op::except_all>) &&
                                       D::id == dialect_id::sqlite,
                                   sqlite_has_no_intersect_all, no_veto>;
}  // namespace detail

namespace detail {

template <class A, class B>
struct rows_compatible : std::false_type {};
template <class... As, class... Bs>
    requires(sizeof...(As) == sizeof...(Bs))
struct rows_compatible<std::tuple<As...>, std::tuple<Bs...>>
    : std::bool_constant<(kinds_compatible(sql_type_of<As>.kind, sql_type_of<Bs>.kind) && ...)> {};

/// The type SQL gives a column of a compound: integer with real is real; NULL-able when
/// either side is.
template <class A, class B>
struct common_value {
    using a = unwrap_optional_t<A>;
    using b = unwrap_optional_t<B>;
    static constexpr bool widen = sql_type_of<A>.kind == sql_kind::integer && sql_type_of<B>.kind == sql_kind::real;
    using base = std::conditional_t<widen, b, a>;
    using type = std::conditional_t<is_optional_v<A> || is_optional_v<B>, std::optional<base>, base>;
};
template <class A, class B>
struct common_row {
    using type = A;
};
template <class... As, class... Bs>
    requires(sizeof...(As) == sizeof...(Bs))
struct common_row<std::tuple<As...>, std::tuple<Bs...>> {
    using type = std::tuple<typename common_value<As, Bs>::type...>;
};

template <class E>
concept result_column = Column<E> || requires { typename E::expression; E::label; };

template <class L, class R>
consteval bool check_compound_members() {
    static_assert(!L::has_tail && !R::has_tail,
                  "retort: a member of UNION / INTERSECT / EXCEPT cannot have its own ORDER BY, LIMIT or OFFSET; "
                  "put them on the compound");
    static_assert(rows_compatible<typename L::row_type, typename R::row_type>::value,
                  "retort: both sides of UNION / INTERSECT / EXCEPT must select the same number of columns with "
                  "compatible SQL types (the row types are named in 'check_compound_members<L, R>' above)");
    return !L::has_tail && !R::has_tail && rows_compatible<typename L::row_type, typename R::row_type>::value;
}

}  // namespace detail

template <class Op, class L, class R, class Order, class Limit, class Offset>
struct compound_t {
    using statement_kind = select_kind;
    using row_type = typename detail::common_row<typename L::row_type, typename R::row_type>::type;
    using tables = detail::dedup_t<detail::concat_t<typename L::tables, typename R::tables>>;
    static constexpr bool has_tail = !detail::is_none<Order> || !detail::is_none<Limit> || !detail::is_none<Offset>;

    L lhs;
    R rhs;
    [[no_unique_address]] Order order_;
    [[no_unique_address]] Limit limit_;
    [[no_unique_address]] Offset offset_;

    template <class Op2, class Q>
    constexpr auto combine(Q&& q) const {
        using QS = std::remove_cvref_t<Q>;
        static_assert(detail::is_none<Order> && detail::is_none<Limit> && detail::is_none<Offset>,
                      "retort: add ORDER BY / LIMIT after the last UNION / INTERSECT / EXCEPT");
        if constexpr (detail::check_compound_members<compound_t, QS>())  // reports the mistake once
            return compound_t<Op2, compound_t, QS, detail::none_t, detail::none_t, detail::none_t>{*this, std::forward<Q>(q), {}, {}, {}};
        else
            return *this;
    }
    template <SelectStatement Q>
    constexpr auto union_(Q&& q) const { return combine<op::union_>(std::forward<Q>(q)); }
    template <SelectStatement Q>
    constexpr auto union_all(Q&& q) const { return combine<op::union_all>(std::forward<Q>(q)); }
    template <SelectStatement Q>
    constexpr auto intersect(Q&& q) const { return combine<op::intersect>(std::forward<Q>(q)); }
    template <SelectStatement Q>
    constexpr auto except_(Q&& q) const { return combine<op::except>(std::forward<Q>(q)); }
    template <SelectStatement Q>
    constexpr auto intersect_all(Q&& q) const { return combine<op::intersect_all>(std::forward<Q>(q)); }
    template <SelectStatement Q>
    constexpr auto except_all(Q&& q) const { return combine<op::except_all>(std::forward<Q>(q)); }

    template <OrderTerm... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto order_by(Ts&&... terms) const {
        using O = detail::order_by_t<decltype(to_order_term(std::forward<Ts>(terms)))...>;
        static_assert(detail::is_none<Order>, "retort: order_by() is already set on this compound");
        static_assert((detail::result_column<typename decltype(to_order_term(std::forward<Ts>(terms)))::expression> && ...),
                      "retort: ORDER BY of UNION / INTERSECT / EXCEPT may only name result columns (a column of the "
                      "first member, or a label); order by an expression in an enclosing query");
        return compound_t<Op, L, R, O, Limit, Offset>{lhs, rhs, O{{to_order_term(std::forward<Ts>(terms))...}}, limit_, offset_};
    }
    constexpr auto limit(std::int64_t n) const {
        static_assert(detail::is_none<Limit>, "retort: limit() is already set on this compound");
        return compound_t<Op, L, R, Order, detail::limit_t, Offset>{lhs, rhs, order_, {n}, offset_};
    }
    constexpr auto offset(std::int64_t n) const {
        static_assert(detail::is_none<Offset>, "retort: offset() is already set on this compound");
        return compound_t<Op, L, R, Order, Limit, detail::offset_t>{lhs, rhs, order_, limit_, {n}};
    }

    static consteval bool check_grouping() {
        auto member = []<class M>() {
            if constexpr (requires { M::check_grouping(); }) return M::check_grouping();
            else return true;
        };
        return member.template operator()<L>() && member.template operator()<R>();
    }
    static consteval bool check_derived() {
        auto member = []<class M>() {
            if constexpr (requires { M::check_derived(); }) return M::check_derived();
            else return true;
        };
        return member.template operator()<L>() && member.template operator()<R>();
    }
    static consteval bool check() {
        return detail::check_tables<"UNION / INTERSECT / EXCEPT member", tables, detail::type_list<>>() &&
               check_derived() && check_grouping();
    }
    template <class D>
    using veto = std::conditional_t<
        !detail::op_veto<Op, D>::reason.empty(), detail::op_veto<Op, D>,
        std::conditional_t<detail::veto_t<L, D>::reason.empty(), detail::veto_t<R, D>, detail::veto_t<L, D>>>;

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        L::template render<D>(w);
        w.put(Op::sql);
        const auto labels = w.select_labels;
        w.select_labels = {};  // only the first member names the columns
        R::template render<D>(w);
        w.select_labels = labels;
        const bool q = w.qualify;
        w.qualify = false;
        Order::template render<D>(w);
        w.qualify = q;
        if (!detail::is_none<Limit>) {
            w.put(" LIMIT ");
            D::placeholder(w);
        } else if (!detail::is_none<Offset> && D::id == dialect_id::sqlite) {
            w.put(" LIMIT -1");
        }
        if (!detail::is_none<Offset>) {
            w.put(" OFFSET ");
            D::placeholder(w);
        }
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        lhs.for_each_value(f);
        rhs.for_each_value(f);
        order_.for_each_value(f);
        limit_.for_each_value(f);
        offset_.for_each_value(f);
    }
};

template <class Op, class L, class R, class O, class Li, class Of>
struct is_select_statement<compound_t<Op, L, R, O, Li, Of>> : std::true_type {};

namespace detail {
template <class Op, class L, class Q>
constexpr auto make_compound(const L& l, Q&& q) {
    using QS = std::remove_cvref_t<Q>;
    if constexpr (check_compound_members<L, QS>())  // reports the mistake once
        return compound_t<Op, L, QS, none_t, none_t, none_t>{l, std::forward<Q>(q), {}, {}, {}};
    else
        return l;
}
}  // namespace detail

}  // namespace retort
