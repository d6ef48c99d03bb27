// retort/stmt/select.hpp — SELECT.
//
//   retort::select<User>()                              rows are User structs
//   retort::select(c<&User::name>, c<&User::age>)        rows are std::tuple<std::string, std::optional<int>>
//       .from<User>()                                   (optional: FROM defaults to the selected columns' tables)
//       .where(c<&User::age> > 30)
//       .order_by(desc(c<&User::age>), c<&User::name>)
//       .limit(10).offset(20)                           (bound parameters)
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/expr/column.hpp"
#include "retort/expr/order.hpp"
#include "retort/stmt/common.hpp"

namespace retort {

namespace detail {

/// The selected expressions of a select(cols...).
template <class... Es>
struct columns_t {
    using tables = concat_t<typename Es::tables...>;
    using row_type = std::tuple<typename Es::value_type...>;
    std::tuple<Es...> exprs;

    template <class D>
    static constexpr void render(sql_writer& w) {
        bool first = true;
        ((first ? void(first = false) : w.put(", "), Es::template render<D>(w)), ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        std::apply([&](const auto&... e) { (e.for_each_value(f), ...); }, exprs);
    }
};

/// All columns of a model, in field order: the rows are the model itself.
template <class T>
struct model_columns_t {
    using tables = type_list<T>;
    using row_type = T;

    template <class D>
    static constexpr void render(sql_writer& w) {
        constexpr auto& m = meta<T>;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (i) w.put(", ");
            w.quoted(m.name);
            w.put('.');
            w.quoted(m.columns[i].name);
        }
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class... Ts>
struct from_t {
    using tables = type_list<Ts...>;
    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" FROM ");
        bool first = true;
        ((first ? void(first = false) : w.put(", "), w.quoted(meta<Ts>.name)), ...);
    }
};

template <class List>
struct from_of_list;
template <class... Ts>
struct from_of_list<type_list<Ts...>> {
    using type = from_t<Ts...>;
};

template <class... Terms>
struct order_by_t {
    using tables = concat_t<typename Terms::tables...>;
    std::tuple<Terms...> terms;

    template <class D>
    static constexpr void render(sql_writer& w) {
        w.put(" ORDER BY ");
        bool first = true;
        ((first ? void(first = false) : w.put(", "), Terms::template render<D>(w)), ...);
    }
    template <class F>
    constexpr void for_each_value(F&& f) const {
        std::apply([&](const auto&... t) { (t.for_each_value(f), ...); }, terms);
    }
};

struct limit_t {
    std::int64_t count;
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(count);
    }
};
struct offset_t {
    std::int64_t count;
    template <class F>
    constexpr void for_each_value(F&& f) const {
        f(count);
    }
};

template <class From>
struct explicit_from : std::false_type {};

}  // namespace detail

template <class Columns, class From, class Where = detail::none_t, class Order = detail::none_t,
          class Limit = detail::none_t, class Offset = detail::none_t>
struct select_t {
    using statement_kind = select_kind;
    using row_type = typename Columns::row_type;
    using from_type = From;
    using available_tables = typename From::tables;

    Columns columns;
    [[no_unique_address]] Where where_;
    [[no_unique_address]] Order order_;
    [[no_unique_address]] Limit limit_;
    [[no_unique_address]] Offset offset_;

    /// Names the FROM tables explicitly (by default they are the selected columns' tables).
    template <Table... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto from() const {
        using F = detail::from_t<Ts...>;
        static_assert(detail::check_tables<"SELECT list", typename Columns::tables, typename F::tables>());
        return select_t<Columns, F, Where, Order, Limit, Offset>{columns, where_, order_, limit_, offset_};
    }

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(std::is_same_v<Where, detail::none_t>,
                      "retort: where() is already set on this select; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>() &&
                      detail::check_tables<"WHERE", typename C::tables, available_tables>()) {
            using W = detail::where_t<C>;
            return select_t<Columns, From, W, Order, Limit, Offset>{columns, W{std::forward<E>(condition)},
                                                                    order_, limit_, offset_};
        } else {
            return *this;
        }
    }

    template <OrderTerm... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto order_by(Ts&&... terms) const {
        using O = detail::order_by_t<decltype(to_order_term(std::forward<Ts>(terms)))...>;
        static_assert(std::is_same_v<Order, detail::none_t>, "retort: order_by() is already set on this select");
        if constexpr (detail::check_tables<"ORDER BY", typename O::tables, available_tables>())
            return select_t<Columns, From, Where, O, Limit, Offset>{
                columns, where_, O{{to_order_term(std::forward<Ts>(terms))...}}, limit_, offset_};
        else
            return *this;
    }

    constexpr auto limit(std::int64_t n) const {
        static_assert(std::is_same_v<Limit, detail::none_t>, "retort: limit() is already set on this select");
        return select_t<Columns, From, Where, Order, detail::limit_t, Offset>{columns, where_, order_, {n},
                                                                              offset_};
    }

    constexpr auto offset(std::int64_t n) const {
        static_assert(std::is_same_v<Offset, detail::none_t>, "retort: offset() is already set on this select");
        return select_t<Columns, From, Where, Order, Limit, detail::offset_t>{columns, where_, order_, limit_,
                                                                             {n}};
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        w.put("SELECT ");
        Columns::template render<D>(w);
        From::template render<D>(w);
        Where::template render<D>(w);
        Order::template render<D>(w);
        constexpr bool has_limit = !std::is_same_v<Limit, detail::none_t>;
        constexpr bool has_offset = !std::is_same_v<Offset, detail::none_t>;
        if (has_limit) {
            w.put(" LIMIT ");
            D::placeholder(w);
        } else if (has_offset && std::is_same_v<D, sqlite>) {
            w.put(" LIMIT -1");  // SQLite has no OFFSET without LIMIT
        }
        if (has_offset) {
            w.put(" OFFSET ");
            D::placeholder(w);
        }
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        columns.for_each_value(f);
        where_.for_each_value(f);
        order_.for_each_value(f);
        limit_.for_each_value(f);
        offset_.for_each_value(f);
    }
};

/// SELECT every column of T; rows are T.
template <Table T>
constexpr select_t<detail::model_columns_t<T>, detail::from_t<T>> select() {
    return {};
}

/// SELECT chosen expressions; rows are std::tuple of their value types.
template <Expression... Es>
    requires(sizeof...(Es) > 0)
constexpr auto select(Es&&... exprs) {
    using Cols = detail::columns_t<std::remove_cvref_t<Es>...>;
    using From = typename detail::from_of_list<detail::dedup_t<typename Cols::tables>>::type;
    return select_t<Cols, From>{Cols{{std::forward<Es>(exprs)...}}, {}, {}, {}, {}};
}

}  // namespace retort
