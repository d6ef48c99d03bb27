// retort/stmt/select.hpp — SELECT.
//
//   retort::select<User>()                                   rows are User structs
//   retort::select(c<&User::name>, count(c<&Post::id>))       rows are std::tuple<std::string, std::int64_t>
//       .from<User>()                                        (default: the selected columns' tables)
//       .left_join<Post>(c<&Post::user_id> == c<&User::id>)  (inner_join/join, left_join, right_join,
//                                                             full_join, cross_join; or an alias/derived table)
//       .where(c<&User::age> > 30)
//       .group_by(c<&User::name>).having(count(c<&Post::id>) > 2)
//       .order_by(desc(c<&User::name>).nulls_last())
//       .limit(10).offset(20)                                (bound parameters)
//       .distinct()  .distinct_on(c<&T::a>, ...) (PostgreSQL)  .with(cte<T>(q), ...)
//       .for_update() / .for_no_key_update() / .for_share() / .for_key_share()   (PostgreSQL)
//           [.of<T, ...>()] [.nowait() | .skip_locked()]
//
// Whole-statement rules are checked once, where the statement is rendered or run: every
// column's table is in FROM/JOIN (or, for a subquery, in an enclosing query), selected
// non-aggregates are grouped, and the row type is computed (the outer side of a join
// comes back as std::optional).
#pragma once

#include <cstdint>
#include <tuple>

#include "retort/expr/label_ref.hpp"
#include "retort/stmt/fk_join.hpp"
#include "retort/stmt/labeled_row.hpp"
#include "retort/stmt/lateral.hpp"
#include "retort/stmt/select_rules.hpp"

namespace retort {

template <class Op, class L, class R, class Order, class Limit, class Offset>
struct compound_t;
namespace op {
struct union_;
struct union_all;
struct intersect;
struct except;
struct intersect_all;
struct except_all;
}  // namespace op
namespace detail {
template <class Op, class L, class Q>
constexpr auto make_compound(const L& l, Q&& q);
}

template <class Cols, class From, class Joins, class Where, class Group, class Having, class Order, class Limit,
          class Offset, class Distinct, class Lock, class With>
struct select_t {
    using statement_kind = select_kind;
    using columns_type = Cols;
    static constexpr bool has_tail = !detail::is_none<Order> || !detail::is_none<Limit> || !detail::is_none<Offset>;

    // FROM: explicit references, or the selected columns' tables that are not joined.
    using joined_ids = typename Joins::ids;
    static constexpr bool implicit_from = std::is_same_v<From, detail::from_t<>>;
    using from_refs = std::conditional_t<implicit_from,
                                         detail::minus_t<detail::dedup_t<typename Cols::implicit_from>, joined_ids>,
                                         typename From::refs>;
    using from_ids = std::conditional_t<implicit_from, from_refs, typename From::ids>;
    using available_tables = detail::concat_t<from_ids, joined_ids>;
    using nullable_tables = typename detail::nullable_of<from_ids, Joins>::type;
    using row_type = typename Cols::template row_type<nullable_tables>;
    /// What a result yields: row_type, as a labeled_row when items carry labels.
    using result_row = typename detail::with_labels<row_type, typename Cols::items>::type;

    using used_tables = detail::concat_t<typename Cols::tables, typename Joins::tables, typename Where::tables,
                                         typename Group::tables, typename Having::tables, typename Order::tables>;
    /// What derived tables in FROM / JOIN read from enclosing queries: never from this one.
    using derived_outer_tables =
        detail::concat_t<typename detail::refs_outer_tables<from_refs>::type, typename Joins::outer_tables>;
    /// Tables used but not provided here: an enclosing query must provide them (correlation).
    using tables = detail::dedup_t<
        detail::concat_t<detail::minus_t<used_tables, available_tables>, derived_outer_tables>>;

    Cols columns;
    From from_;
    Joins joins;
    [[no_unique_address]] Where where_;
    [[no_unique_address]] Group group_;
    [[no_unique_address]] Having having_;
    [[no_unique_address]] Order order_;
    [[no_unique_address]] Limit limit_;
    [[no_unique_address]] Offset offset_;
    [[no_unique_address]] With with_;

    template <class C2 = Cols, class F2 = From, class J2 = Joins, class W2 = Where, class G2 = Group, class H2 = Having,
              class O2 = Order, class L2 = Limit, class Of2 = Offset, class D2 = Distinct, class Lk2 = Lock,
              class Wi2 = With>
    using rebind = select_t<C2, F2, J2, W2, G2, H2, O2, L2, Of2, D2, Lk2, Wi2>;

    /// Names the FROM tables explicitly (by default they are the selected columns' tables).
    template <TableReference... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto from() const {
        static_assert(std::is_same_v<From, detail::from_t<>>, "retort: from() is already given for this select");
        using F = detail::from_t<Ts...>;
        return rebind<Cols, F>{columns, F{}, joins, where_, group_, having_, order_, limit_, offset_, with_};
    }
    /// FROM a table reference object: an alias or a derived table.
    template <TableReference... Refs>
        requires(sizeof...(Refs) > 0)
    constexpr auto from(Refs... refs) const {
        static_assert(std::is_same_v<From, detail::from_t<>>, "retort: from() is already given for this select");
        using F = detail::from_t<Refs...>;
        return rebind<Cols, F>{columns, F{{store(refs)...}}, joins, where_, group_, having_, order_, limit_, offset_, with_};
    }

  private:
    template <detail::join_kind K, class Ref, class C>
    constexpr auto add_join(detail::ref_storage_t<Ref> ref, C&& cond) const {
        using CE = std::remove_cvref_t<C>;
        if constexpr (K != detail::join_kind::cross) {
            static_assert(BooleanExpression<CE>, "retort: a join condition must be a boolean expression");
            static_assert(!CE::is_aggregate, "retort: aggregate functions are not allowed in a join condition");
            static_assert(!CE::is_window, "retort: window functions are not allowed in a join condition");
        }
        using J = detail::join_t<K, Ref, CE>;
        return [&]<class... Js, std::size_t... I>(const detail::joins_t<Js...>& js, std::index_sequence<I...>) {
            using NJ = detail::joins_t<Js..., J>;
            return rebind<Cols, From, NJ>{columns,
                                          from_,
                                          NJ{{detail::pack_get<I>(js.items)..., J{ref, std::forward<C>(cond)}}},
                                          where_,
                                          group_,
                                          having_,
                                          order_,
                                          limit_,
                                          offset_,
                                          with_};
        }(joins, std::make_index_sequence<Joins::size>{});
    }

  public:
    template <TableReference T, class C>
    constexpr auto join(C&& cond) const { return add_join<detail::join_kind::inner, T>({}, std::forward<C>(cond)); }
    template <TableReference T, class C>
    constexpr auto inner_join(C&& cond) const { return add_join<detail::join_kind::inner, T>({}, std::forward<C>(cond)); }
    template <TableReference T, class C>
    constexpr auto left_join(C&& cond) const { return add_join<detail::join_kind::left, T>({}, std::forward<C>(cond)); }
    template <TableReference T, class C>
    constexpr auto right_join(C&& cond) const { return add_join<detail::join_kind::right, T>({}, std::forward<C>(cond)); }
    template <TableReference T, class C>
    constexpr auto full_join(C&& cond) const { return add_join<detail::join_kind::full, T>({}, std::forward<C>(cond)); }
    template <TableReference T>
    constexpr auto cross_join() const { return add_join<detail::join_kind::cross, T>({}, detail::none_t{}); }

    // Without a condition: ON the one retort::foreign_key that links T with a table already
    // in FROM or JOIN, in either direction (see stmt/fk_join.hpp).
    template <Table T>
    constexpr auto join() const { return add_join<detail::join_kind::inner, T>({}, fk_condition<T>()); }
    template <Table T>
    constexpr auto inner_join() const { return add_join<detail::join_kind::inner, T>({}, fk_condition<T>()); }
    template <Table T>
    constexpr auto left_join() const { return add_join<detail::join_kind::left, T>({}, fk_condition<T>()); }
    template <Table T>
    constexpr auto right_join() const { return add_join<detail::join_kind::right, T>({}, fk_condition<T>()); }
    template <Table T>
    constexpr auto full_join() const { return add_join<detail::join_kind::full, T>({}, fk_condition<T>()); }

    // The same with a table reference object: an alias (retort::alias<T, "name">) or a derived table.
    template <TableReference Ref, class C>
    constexpr auto join(Ref ref, C&& cond) const { return add_join<detail::join_kind::inner, Ref>(store(ref), std::forward<C>(cond)); }
    template <TableReference Ref, class C>
    constexpr auto inner_join(Ref ref, C&& cond) const { return add_join<detail::join_kind::inner, Ref>(store(ref), std::forward<C>(cond)); }
    template <TableReference Ref, class C>
    constexpr auto left_join(Ref ref, C&& cond) const { return add_join<detail::join_kind::left, Ref>(store(ref), std::forward<C>(cond)); }
    template <TableReference Ref, class C>
    constexpr auto right_join(Ref ref, C&& cond) const { return add_join<detail::join_kind::right, Ref>(store(ref), std::forward<C>(cond)); }
    template <TableReference Ref, class C>
    constexpr auto full_join(Ref ref, C&& cond) const { return add_join<detail::join_kind::full, Ref>(store(ref), std::forward<C>(cond)); }
    template <TableReference Ref>
    constexpr auto cross_join(Ref ref) const { return add_join<detail::join_kind::cross, Ref>(store(ref), detail::none_t{}); }
    /// A LATERAL derived table (retort::lateral<T>(q), PostgreSQL) without a condition: ON TRUE,
    /// its correlation is the condition.
    template <TableReference Ref>
        requires detail::is_lateral<Ref>::value
    constexpr auto join(Ref ref) const { return add_join<detail::join_kind::inner, Ref>(store(ref), detail::true_condition_t{}); }
    template <TableReference Ref>
        requires detail::is_lateral<Ref>::value
    constexpr auto left_join(Ref ref) const { return add_join<detail::join_kind::left, Ref>(store(ref), detail::true_condition_t{}); }

  private:
    /// The tables T may be linked with: those in FROM (explicit, or the selected columns'
    /// tables other than T) and those already joined.
    template <class T>
    static consteval auto fk_condition() {
        using next_from = std::conditional_t<
            implicit_from,
            detail::minus_t<detail::dedup_t<typename Cols::implicit_from>, detail::concat_t<joined_ids, detail::type_list<T>>>,
            typename From::ids>;
        return detail::fk_join_condition<T, detail::dedup_t<detail::concat_t<next_from, joined_ids>>>();
    }
    template <class Ref>
    static constexpr detail::ref_storage_t<Ref> store(const Ref& ref) {
        if constexpr (detail::ValueRef<Ref>)
            return ref;
        else
            return {};
    }

  public:

    template <class E>
    constexpr auto where(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(detail::is_none<Where>,
                      "retort: where() is already set on this select; combine conditions with && or ||");
        if constexpr (detail::check_where_condition<C>()) {
            using W = detail::where_t<C>;
            return rebind<Cols, From, Joins, W>{columns, from_, joins, W{std::forward<E>(condition)},
                                                group_, having_, order_, limit_, offset_, with_};
        } else {
            return *this;
        }
    }

    template <Expression... Es>
        requires(sizeof...(Es) > 0)
    constexpr auto group_by(Es&&... exprs) const {
        static_assert(detail::is_none<Group>, "retort: group_by() is already set on this select");
        using G = detail::group_by_t<std::remove_cvref_t<Es>...>;
        static_assert(!G::any_aggregate, "retort: aggregate functions are not allowed in GROUP BY");
        return rebind<Cols, From, Joins, Where, G>{columns, from_, joins, where_, G{{std::forward<Es>(exprs)...}},
                                                   having_, order_, limit_, offset_, with_};
    }

    template <class E>
    constexpr auto having(E&& condition) const {
        using C = std::remove_cvref_t<E>;
        static_assert(detail::is_none<Having>, "retort: having() is already set on this select");
        static_assert(BooleanExpression<C>, "retort: having() needs a boolean expression");
        static_assert(!C::is_window, "retort: window functions are not allowed in HAVING; filter their results in an "
                                     "enclosing query (a CTE or a derived table)");
        using H = detail::having_t<C>;
        return rebind<Cols, From, Joins, Where, Group, H>{columns, from_, joins, where_, group_,
                                                          H{std::forward<E>(condition)}, order_, limit_, offset_, with_};
    }

    template <OrderTerm... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto order_by(Ts&&... terms) const {
        using O = detail::order_by_t<decltype(to_order_term(std::forward<Ts>(terms)))...>;
        static_assert(detail::is_none<Order>, "retort: order_by() is already set on this select");
        // label<"x"> terms name labels of this select list (the check says which labels there are)
        [[maybe_unused]] constexpr bool labels_ok =
            detail::check_order_labels<typename Cols::items, decltype(to_order_term(std::forward<Ts>(terms)))...>();
        return rebind<Cols, From, Joins, Where, Group, Having, O>{
            columns, from_, joins, where_, group_, having_, O{{to_order_term(std::forward<Ts>(terms))...}},
            limit_, offset_, with_};
    }

    constexpr auto limit(std::int64_t n) const {
        static_assert(detail::is_none<Limit>, "retort: limit() is already set on this select");
        return rebind<Cols, From, Joins, Where, Group, Having, Order, detail::limit_t>{
            columns, from_, joins, where_, group_, having_, order_, {n}, offset_, with_};
    }

    constexpr auto offset(std::int64_t n) const {
        static_assert(detail::is_none<Offset>, "retort: offset() is already set on this select");
        return rebind<Cols, From, Joins, Where, Group, Having, Order, Limit, detail::offset_t>{
            columns, from_, joins, where_, group_, having_, order_, limit_, {n}, with_};
    }

    /// SELECT DISTINCT
    constexpr auto distinct() const {
        return rebind<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, detail::distinct_t>{
            columns, from_, joins, where_, group_, having_, order_, limit_, offset_, with_};
    }
    /// SELECT DISTINCT ON (cols) (PostgreSQL; a named veto on SQLite): the first row of each
    /// group of equal cols, in ORDER BY order (which must start with cols).
    template <class... Cs>
        requires(sizeof...(Cs) > 0)
    constexpr auto distinct_on(Cs&&...) const {
        static_assert((Column<std::remove_cvref_t<Cs>> && ...),
                      "retort: distinct_on() takes columns, c<&T::a>, ...; for an expression, select it with a "
                      "label in a CTE or derived table first");
        static_assert(detail::is_none<Distinct>, "retort: this select is already distinct");
        if constexpr ((Column<std::remove_cvref_t<Cs>> && ...))
            return rebind<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset,
                          detail::distinct_on_t<std::remove_cvref_t<Cs>...>>{
                columns, from_, joins, where_, group_, having_, order_, limit_, offset_, with_};
        else
            return *this;
    }
    /// ... FOR UPDATE (PostgreSQL; SQLite locks the whole database instead)
    constexpr auto for_update() const { return lock<detail::for_update_t>(); }
    /// ... FOR NO KEY UPDATE (PostgreSQL): does not block inserts of rows referencing these
    constexpr auto for_no_key_update() const {
        return lock<detail::lock_t<detail::lock_strength::no_key_update, detail::lock_wait::wait>>();
    }
    /// ... FOR SHARE (PostgreSQL)
    constexpr auto for_share() const { return lock<detail::for_share_t>(); }
    /// ... FOR KEY SHARE (PostgreSQL)
    constexpr auto for_key_share() const {
        return lock<detail::lock_t<detail::lock_strength::key_share, detail::lock_wait::wait>>();
    }
    /// After a lock: ... OF t, ... (lock only these tables' rows; each in FROM or JOIN).
    template <TableReference... Ts>
        requires(sizeof...(Ts) > 0)
    constexpr auto of() const {
        static_assert(detail::is_lock<Lock>::value,
                      "retort: of<T>() names the tables a row lock applies to; write it after for_update(), "
                      "for_no_key_update(), for_share() or for_key_share()");
        if constexpr (detail::is_lock<Lock>::value)
            return relock<typename Lock::template with_of<Ts...>>();
        else
            return *this;
    }
    /// ... OF an alias object: .of(boss)
    template <TableReference... Refs>
        requires(sizeof...(Refs) > 0)
    constexpr auto of(Refs...) const {
        return of<Refs...>();
    }
    /// After a lock: ... NOWAIT (fail at once when a row is locked: a lock_not_available error).
    constexpr auto nowait() const { return set_wait<detail::lock_wait::nowait>(); }
    /// After a lock: ... SKIP LOCKED (leave locked rows out: a work queue's consumers).
    constexpr auto skip_locked() const { return set_wait<detail::lock_wait::skip_locked>(); }

  private:
    template <class L>
    constexpr auto lock() const {
        static_assert(detail::is_none<Lock>, "retort: this select already has a row lock (for_update() ...)");
        return relock<L>();
    }
    template <class L>
    constexpr auto relock() const {
        return rebind<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, Distinct, L>{
            columns, from_, joins, where_, group_, having_, order_, limit_, offset_, with_};
    }
    template <detail::lock_wait W>
    constexpr auto set_wait() const {
        static_assert(detail::is_lock<Lock>::value,
                      "retort: nowait() and skip_locked() modify a row lock; write them after for_update(), "
                      "for_no_key_update(), for_share() or for_key_share()");
        if constexpr (detail::is_lock<Lock>::value) {
            static_assert(Lock::wait == detail::lock_wait::wait,
                          "retort: nowait() and skip_locked() exclude each other; keep one");
            return relock<typename Lock::template with_wait<W>>();
        } else {
            return *this;
        }
    }

  public:
    /// WITH cte1, cte2 ... before this SELECT (see retort::cte / retort::recursive_cte).
    template <class... Ctes>
        requires(sizeof...(Ctes) > 0)
    constexpr auto with(Ctes... ctes) const {
        static_assert(detail::is_none<With>, "retort: with() is already set on this select");
        using W = detail::with_t<Ctes...>;
        return rebind<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, Distinct, Lock, W>{
            columns, from_, joins, where_, group_, having_, order_, limit_, offset_, W{{ctes...}}};
    }

    /// UNION / UNION ALL / INTERSECT / EXCEPT with another select (see stmt/compound.hpp).
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto union_(Q&& q) const { return detail::make_compound<op::union_>(*this, std::forward<Q>(q)); }
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto union_all(Q&& q) const { return detail::make_compound<op::union_all>(*this, std::forward<Q>(q)); }
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto intersect(Q&& q) const { return detail::make_compound<op::intersect>(*this, std::forward<Q>(q)); }
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto except_(Q&& q) const { return detail::make_compound<op::except>(*this, std::forward<Q>(q)); }
    /// INTERSECT ALL / EXCEPT ALL keep duplicates (PostgreSQL; a named veto on SQLite).
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto intersect_all(Q&& q) const { return detail::make_compound<op::intersect_all>(*this, std::forward<Q>(q)); }
    template <class Q>
        requires is_select_statement<std::remove_cvref_t<Q>>::value
    constexpr auto except_all(Q&& q) const { return detail::make_compound<op::except_all>(*this, std::forward<Q>(q)); }

    /// Why this statement cannot run on dialect D (see detail::veto_t).
    template <class D>
    using veto = std::conditional_t<
        D::id == dialect_id::sqlite && !detail::is_none<Lock>, detail::sqlite_has_no_row_locks,
        std::conditional_t<D::id == dialect_id::sqlite && detail::is_distinct_on<Distinct>::value,
                           detail::sqlite_has_no_distinct_on,
                           std::conditional_t<D::id == dialect_id::sqlite && detail::has_lateral<Joins>::value,
                                              detail::sqlite_has_no_lateral, detail::no_veto>>>;

    using lock_tables = typename detail::lock_tables_of<Lock>::type;
    template <class X>
    struct distinct_on_of {
        using tables = detail::type_list<>;
    };
    template <class... Cs>
    struct distinct_on_of<detail::distinct_on_t<Cs...>> {
        using tables = typename detail::distinct_on_t<Cs...>::tables;
    };

    /// The whole-statement rules, checked once where the statement is rendered or run.
    static consteval bool check() {
        if constexpr (requires { Cols::failed; } || detail::any_join_failed<Joins>::value) {
            return false;  // select<T>() of an undeclared T, or a join<T>() without a foreign key: already reported
        } else {
            constexpr bool tables_ok =
                detail::check_tables<"SELECT list", typename Cols::tables, available_tables>() &&
                detail::check_tables<"JOIN ... ON", typename Joins::tables, available_tables>() &&
                detail::check_tables<"WHERE", typename Where::tables, available_tables>() &&
                detail::check_tables<"GROUP BY", typename Group::tables, available_tables>() &&
                detail::check_tables<"HAVING", typename Having::tables, available_tables>() &&
                detail::check_tables<"ORDER BY", typename Order::tables, available_tables>() &&
                detail::check_lock_tables<available_tables>(lock_tables{}) &&
                detail::check_tables<"DISTINCT ON", typename distinct_on_of<Distinct>::tables, available_tables>();
            constexpr bool nesting_ok = []<class... Es>(detail::type_list<Es...>) {
                return (true && ... && detail::not_nested_aggregate<Es>());
            }(typename Cols::items{});
            constexpr bool distinct_on_ok = [] {
                if constexpr (detail::is_distinct_on<Distinct>::value && !detail::is_none<Order>)
                    return detail::order_starts_with_distinct_on<typename Order::items, typename Distinct::items>();
                else
                    return true;
            }();
            return tables_ok && check_derived() &&
                   detail::check_tables<"a derived table's query (FROM / JOIN)",
                                        detail::minus_t<derived_outer_tables, available_tables>, available_tables>() &&
                   nesting_ok && distinct_on_ok && check_grouping();
        }
    }

    /// A derived table's query may read an enclosing query's tables, never those of the
    /// FROM / JOIN it is part of (SQL resolves those only for LATERAL).
    static consteval bool check_derived() {
        return []<class... Ts>(detail::type_list<Ts...>) {
            return (detail::derived_reads_outer<Ts, available_tables>() && ...);
        }(detail::dedup_t<derived_outer_tables>{});
    }

    /// With GROUP BY (or an aggregate in the select list), every selected non-aggregate
    /// expression reads only grouped columns.
    static consteval bool check_grouping() {
        constexpr bool grouped_query = !detail::is_none<Group> || Cols::any_aggregate || !detail::is_none<Having> ||
                                       Order::any_aggregate;
        constexpr bool has_table = !std::is_same_v<from_refs, detail::type_list<>> ||
                                   !std::is_same_v<joined_ids, detail::type_list<>>;
        static_assert(has_table || !Cols::any_aggregate,
                      "retort: this select has aggregates but no table: select(count()) without from<T>() counts "
                      "one row of nothing; add .from<T>() to say which table's rows are aggregated");
        if constexpr (!has_table && Cols::any_aggregate) {
            return false;
        } else if constexpr (!grouped_query) {
            return true;
        } else {
            using grouped = typename detail::group_columns<Group>::type;
            constexpr bool cols_ok = []<class... Es>(detail::type_list<Es...>) {
                return (true && ... && detail::item_grouped<"SELECT list", grouped, Es>());
            }(typename Cols::items{});
            constexpr bool having_ok = [] {
                if constexpr (detail::is_none<Having>)
                    return true;
                else
                    return detail::item_grouped<"HAVING", grouped, typename Having::condition_type>();
            }();
            // ORDER BY is evaluated after grouping too: its terms follow the same rule.
            constexpr bool order_ok = [] {
                if constexpr (detail::is_none<Order>)
                    return true;
                else
                    return []<class... Ts>(detail::type_list<Ts...>) {
                        return (true && ... && detail::item_grouped<"ORDER BY", grouped, Ts>());
                    }(typename Order::items{});
            }();
            return cols_ok && having_ok && order_ok;
        }
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        With::template render<D>(w);
        if constexpr (detail::is_distinct_on<Distinct>::value)
            Distinct::template render<D>(w);
        else
            w.put(std::is_same_v<Distinct, detail::distinct_t> ? "SELECT DISTINCT " : "SELECT ");
        {
            const auto labels = w.select_labels;
            Cols::template render<D>(w);
            w.select_labels = {};  // only this level's select list is labelled
            render_body<D>(w);
            w.select_labels = labels;
        }
    }

    template <class D>
    static constexpr void render_body(detail::sql_writer& w) {
        []<class... Rs>(detail::type_list<Rs...>, detail::sql_writer& out) {
            if constexpr (sizeof...(Rs) > 0) {
                out.put(" FROM ");
                bool first = true;
                ((first ? void(first = false) : out.put(", "), detail::render_from_item<D, Rs>(out)), ...);
            }
        }(from_refs{}, w);
        Joins::template render<D>(w);
        Where::template render<D>(w);
        if constexpr (!detail::is_none<Group>) Group::template render<D, typename Cols::items>(w);
        Having::template render<D>(w);
        if constexpr (!detail::is_none<Order>) Order::template render<D, typename Cols::items>(w);
        constexpr bool has_limit = !detail::is_none<Limit>;
        constexpr bool has_offset = !detail::is_none<Offset>;
        if (has_limit) {
            w.put(" LIMIT ");
            D::placeholder(w);
        } else if (has_offset && D::id == dialect_id::sqlite) {
            w.put(" LIMIT -1");  // SQLite has no OFFSET without LIMIT
        }
        if (has_offset) {
            w.put(" OFFSET ");
            D::placeholder(w);
        }
        if constexpr (detail::is_lock<Lock>::value) Lock::render(w);
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        // Absent clauses are skipped, not visited: nothing is instantiated for them per visitor.
        if constexpr (!detail::is_none<With>) with_.for_each_value(f);
        columns.for_each_value(f);
        if constexpr (From::has_values) from_.for_each_value(f);
        if constexpr (Joins::size > 0) joins.for_each_value(f);
        if constexpr (!detail::is_none<Where>) where_.for_each_value(f);
        // A GROUP BY / ORDER BY term written as a select-list position binds nothing; its
        // values are checked against the item's instead (programming_error when they differ).
        if constexpr (!detail::is_none<Group>) group_.template for_each_value_in<typename Cols::items>(columns, f);
        if constexpr (!detail::is_none<Having>) having_.for_each_value(f);
        if constexpr (!detail::is_none<Order>) order_.template for_each_value_in<typename Cols::items>(columns, f);
        if constexpr (!detail::is_none<Limit>) limit_.for_each_value(f);
        if constexpr (!detail::is_none<Offset>) offset_.for_each_value(f);
    }
};

template <class C, class F, class J, class W, class G, class H, class O, class L, class Of, class D, class Lk, class Wi>
struct is_select_statement<select_t<C, F, J, W, G, H, O, L, Of, D, Lk, Wi>> : std::true_type {};

template <class Cols, class From = detail::from_t<>>
using select_start_t = select_t<Cols, From, detail::joins_t<>, detail::none_t, detail::none_t, detail::none_t,
                                detail::none_t, detail::none_t, detail::none_t, detail::none_t, detail::none_t,
                                detail::none_t>;

/// SELECT every column of T; rows are T.
template <Table T>
constexpr select_start_t<detail::model_columns_t<T>, detail::from_t<T>> select() {
    return {};
}

/// select<T>() for a T that is not a declared table: one sentence, then nothing more.
template <class T>
    requires(!Table<T> && !Expression<T>)
constexpr select_start_t<detail::undeclared_model_columns_t<T>> select() {
    static_assert(detail::always_false<T>,
                  "retort: select<T>() needs a declared table model, and T has no table declaration; declare "
                  "`template <> inline constexpr auto retort::table_of<T> = retort::table<T>(\"name\", ...)` "
                  "(T is named in 'select<T>' above)");
    return {};
}

/// SELECT chosen expressions; rows are std::tuple of their value types.
template <Expression... Es>
    requires(sizeof...(Es) > 0)
constexpr auto select(Es&&... exprs) {
    using Cols = detail::columns_t<std::remove_cvref_t<Es>...>;
    return select_start_t<Cols>{Cols{{std::forward<Es>(exprs)...}}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
}

}  // namespace retort

#include "retort/stmt/compound.hpp"
