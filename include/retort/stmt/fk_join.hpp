// retort/stmt/fk_join.hpp — a join whose ON clause comes from the declared foreign key.
//
//   retort::select(c<&User::name>, c<&Post::title>).from<User>().join<Post>()
//       SELECT ... FROM "users" JOIN "posts" ON "posts"."user_id" = "users"."id"
//
// join<T>() / left_join<T>() ... without a condition look for the retort::foreign_key
// declarations (in table_of<T> and in the table_of of every table already in the
// statement) that link T with a table already in FROM or JOIN, in either direction.
// Exactly one must: with none or several, a `retort:` compile error names the tables
// (or the foreign keys) and says to write the condition instead.
#pragma once

#include <tuple>
#include <type_traits>

#include "retort/expr/column.hpp"
#include "retort/schema/options.hpp"
#include "retort/stmt/select_clauses.hpp"

namespace retort {
namespace detail {

/// One declared foreign key: From (a member of the referring model) references To.
template <auto From, auto To>
struct fk_link {};

/// The foreign keys declared in table_of<A> that reference a column of B.
template <class B, class Option>
struct fk_link_to {
    using type = type_list<>;
};
template <class B, auto From, auto To>
struct fk_link_to<B, foreign_key_t<From, To>> {
    using type = std::conditional_t<std::is_same_v<reflect::class_of<To>, B>, type_list<fk_link<From, To>>,
                                    type_list<>>;
};
template <class B, class Options>
struct fk_links_in;
template <class B, class... Os>
struct fk_links_in<B, std::tuple<Os...>> {
    using type = concat_t<type_list<>, typename fk_link_to<B, Os>::type...>;
};
template <class A, class B>
using fk_links_from_t = typename fk_links_in<B, std::remove_cv_t<decltype(table_of<A>.options)>>::type;

/// The foreign keys between the joined model T and one table U of the statement (none
/// when U is an alias: write an alias's condition yourself).
template <class T, class U>
struct fk_links_between {
    using type = type_list<>;
};
template <class T, class U>
    requires(Table<U> && !std::is_same_v<T, U>)
struct fk_links_between<T, U> {
    using type = concat_t<fk_links_from_t<T, U>, fk_links_from_t<U, T>>;
};
template <class T, class Others>
struct fk_links_for_join;
template <class T, class... Us>
struct fk_links_for_join<T, type_list<Us...>> {
    using type = concat_t<type_list<>, typename fk_links_between<T, Us>::type...>;
};

/// ON "referring"."fk" = "referred"."key": the condition a declared foreign key gives.
template <auto From, auto To>
struct fk_condition_t : expression_tag {
    using value_type = bool;
    using tables = type_list<reflect::class_of<From>, reflect::class_of<To>>;
    static constexpr sql_kind kind = sql_kind::boolean;
    template <class D>
    static constexpr void render(sql_writer& w) {
        column_t<From>::template render<D>(w);
        w.put(" = ");
        column_t<To>::template render<D>(w);
    }
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

/// The condition of a refused join<T>(): the mistake is reported once, where join<T>() is
/// called; rendering or running the statement then reports nothing more.
struct fk_condition_failed_t : expression_tag {
    using value_type = bool;
    using tables = type_list<>;
    static constexpr sql_kind kind = sql_kind::boolean;
    static constexpr bool failed = true;
    template <class D>
    static constexpr void render(sql_writer&) {}
    template <class F>
    constexpr void for_each_value(F&&) const {}
};

template <class T, class... Tables>
consteval bool no_foreign_key_for_join() {
    static_assert(always_false<T>,
                  "retort: join<T>() without a condition needs a retort::foreign_key between T and a table already "
                  "in FROM or JOIN, and no table_of declares one; write the condition instead, "
                  "join<T>(c<&T::fk> == c<&U::key>) (T and the statement's tables are named in "
                  "'no_foreign_key_for_join<T, Tables...>' above)");
    return false;
}
template <class T, class... Links>
consteval bool several_foreign_keys_for_join() {
    static_assert(always_false<T>,
                  "retort: join<T>() without a condition is ambiguous: more than one retort::foreign_key links T "
                  "with the tables already in FROM or JOIN; write the condition instead, "
                  "join<T>(c<&T::fk> == c<&U::key>) (T and the foreign keys are named in "
                  "'several_foreign_keys_for_join<T, fk_link<&From, &To>...>' above)");
    return false;
}

/// The ON condition of join<T>() in a statement whose other tables are Others: the one
/// declared foreign key, or a reported mistake and the silent stand-in.
template <class T, class Others>
consteval auto fk_join_condition() {
    using links = typename fk_links_for_join<T, Others>::type;
    return []<class... Ls>(type_list<Ls...>) {
        if constexpr (sizeof...(Ls) == 1) {
            return [] <auto From, auto To>(type_list<fk_link<From, To>>) {
                return fk_condition_t<From, To>{};
            }(links{});
        } else if constexpr (sizeof...(Ls) == 0) {
            return []<class... Us>(type_list<Us...>) {
                (void)no_foreign_key_for_join<T, Us...>();
                return fk_condition_failed_t{};
            }(Others{});
        } else {
            (void)several_foreign_keys_for_join<T, Ls...>();
            return fk_condition_failed_t{};
        }
    }(links{});
}

/// Whether a join of the statement is a refused join<T>() (already reported).
template <class Joins>
struct any_join_failed;
template <class... Js>
struct any_join_failed<joins_t<Js...>>
    : std::bool_constant<(false || ... || std::is_same_v<typename Js::cond, fk_condition_failed_t>)> {};

}  // namespace detail
}  // namespace retort
