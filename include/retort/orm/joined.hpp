// retort/orm/joined.hpp — joined loading: the parents' query with a LEFT JOIN of one
// relationship's table, so parents and their related objects come back in one statement.
//
//     s.query<Author>().where(...).options(retort::joinedload<"books">).all();
//     // SELECT authors.*, books.* FROM authors LEFT JOIN books ON books.author_id = authors.id WHERE ...
//
// The statement is the caller's select with the join added and both tables' columns selected:
// a statement type like any other (compile-time SQL, cached prepared statement).
#pragma once


#include "retort/orm/loading.hpp"
#include "retort/reflect/fields.hpp"
#include "retort/stmt/select.hpp"

namespace retort::orm::detail {

/// Every column of T, then every column of U (the joined table).
template <class T, class U>
struct joined_columns_t {
    using tables = retort::detail::type_list<T, U>;
    using implicit_from = retort::detail::type_list<T>;
    using items = retort::detail::type_list<>;
    static constexpr bool any_aggregate = false;
    template <class NullableTables>
    using row_type = std::tuple<T, std::optional<U>>;  // read by the session, not by Core's result
    static constexpr std::size_t size = reflect::field_count<T> + reflect::field_count<U>;

    template <class D>
    static constexpr void render(retort::detail::sql_writer& w) {
        bool first = true;
        auto one = [&](const auto& m) {
            for (std::size_t i = 0; i < m.columns.size(); ++i) {
                if (!first) w.put(", ");
                first = false;
                w.quoted(m.name);
                w.put('.');
                w.quoted(m.columns[i].name);
            }
        };
        one(meta<T>);
        one(meta<U>);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// The ON condition that joins relationship R's table to its owner T.
template <class T, class R>
constexpr auto join_condition() {
    if constexpr (R::kind == relation_kind::belongs_to)
        return c<foreign_key_of<R::fk>::target> == c<R::fk>;
    else
        return c<R::fk> == c<foreign_key_of<R::fk>::target>;
}

template <class Object>
void read_fields(const driver::statement& st, int offset, Object& o) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (retort::detail::read_value(st, offset + static_cast<int>(I), reflect::get<I>(o)), ...);
    }(std::make_index_sequence<reflect::field_count<Object>>{});
}

/// Runs `q` with relationship I of T joined; returns the parents in first-seen order and
/// fills relationship I of each (loaded).
template <class T, std::size_t I, class D, class Select>
entry_list run_joined(session& s, connection& conn, store<T>& parents, const Select& q, bool overwrite) {
    using R = relation_at<T, I>;
    using U = typename related_model<T, R>::type;
    static_assert(R::kind != relation_kind::many_to_many,
                  "retort: joinedload<> follows a has_many, has_one or belongs_to relationship; load a many_to_many "
                  "with selectin<>");
    static_assert(retort::detail::is_none<std::remove_cvref_t<decltype(q.limit_)>> &&
                      retort::detail::is_none<std::remove_cvref_t<decltype(q.offset_)>>,
                  "retort: joinedload<> with limit() / offset() would limit joined rows, not parents; load the "
                  "relationship with selectin<> instead");
    auto joined_q = q.template left_join<U>(join_condition<T, R>());
    using J = decltype(joined_q);
    using Cols = joined_columns_t<T, U>;
    using S = typename J::template rebind<Cols>;
    const S stmt{Cols{},           joined_q.from_,  joined_q.joins,  joined_q.where_, joined_q.group_,
                 joined_q.having_, joined_q.order_, joined_q.limit_, joined_q.offset_, joined_q.with_};
    auto& others = s.store_for<U>();
    constexpr int split = static_cast<int>(reflect::field_count<T>);
    constexpr int other_key = static_cast<int>(reflect::member_index<foreign_key_of<R::fk>::target>);
    constexpr int u_key = R::kind == relation_kind::belongs_to
                              ? other_key
                              : static_cast<int>(meta<U>.pk_order[0]);
    entry_list out;
    std::vector<std::pair<entry_base*, entry_base*>> links;
    driver::statement& st = retort::detail::prepare_for<S, D>(conn, stmt);
    retort::detail::run_and_reset(st, [&] {
        retort::detail::bind_all(st, stmt);
        while (st.step()) {
            T row{};
            read_fields(st, 0, row);
            entry_base* p = &parents.absorb(std::move(row), overwrite);
            if (out.empty() || out.back() != p)
                if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
            if (st.is_null(split + u_key)) continue;  // no related row
            U other{};
            read_fields(st, split, other);
            links.emplace_back(p, &others.absorb(std::move(other), false));
        }
        return 0;
    });
    // Parents seen for the first time get exactly the joined rows (objects appended to an
    // unloaded collection before stay, after them); loaded ones keep what they have.
    entry_list fresh;
    std::vector<entry_list> appended;
    for (entry_base* p : out) {
        auto& slot = slot_of<T, I>(p);
        if (slot.loaded) continue;
        fresh.push_back(p);
        appended.push_back(std::move(slot.items));
        slot.items.clear();
        slot.loaded = true;
    }
    if constexpr (R::kind != relation_kind::belongs_to) {
        for (auto [p, o] : links)
            if (o->state == object_state::persistent && std::find(fresh.begin(), fresh.end(), p) != fresh.end())
                append_unique(slot_of<T, I>(p), o);
        for (std::size_t k = 0; k < fresh.size(); ++k)
            for (entry_base* v : appended[k]) append_unique(slot_of<T, I>(fresh[k]), v);
    }
    return out;
}

}  // namespace retort::orm::detail
