// retort/stmt/insert.hpp — INSERT one struct.
//
//   conn.execute(retort::insert(user));   // INSERT INTO "users" ("name", ...) VALUES (?, ...) RETURNING "id"
//
// A generated primary key (a single integer key without retort::assigned_key) is left
// out of the column list and comes back through RETURNING; when the struct was passed
// as a non-const lvalue, the key is written back into it. execute() returns the key.
#pragma once

#include <type_traits>

#include "retort/stmt/common.hpp"

namespace retort {

/// Holder: `T*` writes the generated key back; `T` owns a copy.
template <class T, class Holder>
struct insert_t {
    using statement_kind = insert_kind;
    using model = T;
    static constexpr bool returns_key = meta<T>.generated_index < meta<T>.columns.size();
    static constexpr bool writes_back = std::is_pointer_v<Holder>;

    Holder object;

    constexpr const T& get() const {
        if constexpr (writes_back)
            return *object;
        else
            return object;
    }

    template <class D>
    static constexpr void render(detail::sql_writer& w) {
        constexpr auto& m = meta<T>;
        w.put("INSERT INTO ");
        w.quoted(m.name);
        w.put(" (");
        bool first = true;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (m.columns[i].generated) continue;
            if (!first) w.put(", ");
            first = false;
            w.quoted(m.columns[i].name);
        }
        w.put(") VALUES (");
        first = true;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (m.columns[i].generated) continue;
            if (!first) w.put(", ");
            first = false;
            D::placeholder(w);
        }
        w.put(')');
        if (returns_key) {
            w.put(" RETURNING ");
            w.quoted(m.columns[m.generated_index].name);
        }
    }

    template <class F>
    constexpr void for_each_value(F&& f) const {
        const T& obj = get();
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((meta<T>.columns[I].generated ? void() : f(boost::pfr::get<I>(obj))), ...);
        }(std::make_index_sequence<reflect::field_count<T>>{});
    }
};

namespace detail {
template <class T>
consteval bool check_insertable() {
    static_assert(Table<T>,
                  "retort: insert() takes an object of a declared table model; this struct has no "
                  "retort::table_of declaration");
    return Table<T>;
}
}  // namespace detail

/// INSERT the object; its generated key (if any) is written back into it.
template <class T>
    requires(!std::is_const_v<T> && detail::check_insertable<T>())
constexpr insert_t<T, T*> insert(T& object) {
    return {&object};
}

/// INSERT a copy of the object; execute() returns the generated key (if any).
template <class T>
    requires(detail::check_insertable<std::remove_cvref_t<T>>())
constexpr insert_t<std::remove_cvref_t<T>, std::remove_cvref_t<T>> insert(T&& object)
    requires(!std::is_lvalue_reference_v<T> || std::is_const_v<std::remove_reference_t<T>>)
{
    return {std::forward<T>(object)};
}

}  // namespace retort
