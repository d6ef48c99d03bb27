// retort/orm/relations.hpp — relationships between models, declared once beside table_of
// and checked when the program is built.
//
//     template <> inline constexpr auto retort::relations_of<Author> = retort::relations<Author>(
//         retort::has_many<"books", &Book::author_id>(retort::cascade::all));
//     template <> inline constexpr auto retort::relations_of<Book> = retort::relations<Book>(
//         retort::belongs_to<"author", &Book::author_id>(),
//         retort::many_to_many<"tags", &BookTag::book_id, &BookTag::tag_id>());
//
// Every relationship follows a declared foreign key to its target's primary key: a
// relationship over a column that has no such foreign key, or between columns of different
// types, is a `retort:` compile error. Models stay plain aggregates: related objects are
// reached through the session (`s.related<"books">(author)`), which keeps both directions
// of a relationship in step.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "retort/detail/fixed_string.hpp"
#include "retort/orm/model.hpp"

namespace retort {

/// What an operation on a parent does to its related objects (SQLAlchemy's cascades).
enum class cascade : unsigned {
    none = 0,
    /// Objects appended to the collection are added to the session (always on).
    save_update = 1,
    /// Removing the parent removes its related objects (loading them first when needed).
    delete_ = 2,
    /// An object taken out of the collection is deleted, not just unlinked.
    delete_orphan = 4,
    all = 7,
};
constexpr cascade operator|(cascade a, cascade b) noexcept {
    return static_cast<cascade>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(cascade set, cascade flag) noexcept {
    return (static_cast<unsigned>(set) & static_cast<unsigned>(flag)) != 0;
}

/// How a relationship is loaded when nothing else is asked for.
enum class loading : unsigned char {
    lazy,      ///< one statement at the first s.related<"name">(obj) for that object
    selectin,  ///< every query of the parent model loads it for all rows: one IN (...) statement
    raise,     ///< s.related<"name">(obj) on an unloaded relationship throws session_error
    joined,    ///< per query only (retort::joinedload<"name">): a LEFT JOIN in the parents' statement
};

enum class relation_kind : unsigned char { has_many, has_one, belongs_to, many_to_many };

template <relation_kind Kind, fixed_string Name, auto FK, auto FK2 = nullptr>
struct relation_t {
    static constexpr relation_kind kind = Kind;
    static constexpr std::string_view name = Name;
    static constexpr auto fk = FK;
    static constexpr auto fk2 = FK2;
    retort::cascade cascades = retort::cascade::save_update;
    retort::loading strategy = retort::loading::lazy;
};

/// One-to-many: the objects of another model whose foreign key FK points at this one.
template <fixed_string Name, auto FK>
    requires reflect::DataMember<FK>
consteval relation_t<relation_kind::has_many, Name, FK> has_many(cascade c = cascade::save_update,
                                                                 loading l = loading::lazy) {
    return {c | cascade::save_update, l};
}
/// One-to-one from the referenced side: at most one object of another model points here.
template <fixed_string Name, auto FK>
    requires reflect::DataMember<FK>
consteval relation_t<relation_kind::has_one, Name, FK> has_one(cascade c = cascade::save_update,
                                                               loading l = loading::lazy) {
    return {c | cascade::save_update, l};
}
/// Many-to-one (or one-to-one from the referencing side): the object this one's FK points at.
template <fixed_string Name, auto FK>
    requires reflect::DataMember<FK>
consteval relation_t<relation_kind::belongs_to, Name, FK> belongs_to(loading l = loading::lazy) {
    return {cascade::save_update, l};
}
/// Many-to-many through an association table: Left points at this model, Right at the other.
template <fixed_string Name, auto Left, auto Right>
    requires reflect::DataMember<Left> && reflect::DataMember<Right>
consteval relation_t<relation_kind::many_to_many, Name, Left, Right> many_to_many(loading l = loading::lazy) {
    return {cascade::save_update, l};
}

template <class T, class... Rs>
struct relations_t {
    using model = T;
    std::tuple<Rs...> items;
};

struct no_relations_t {
    std::tuple<> items;
};

/// The relationships of model T. Specialise it beside table_of<T>.
template <class T>
inline constexpr auto relations_of = no_relations_t{};

namespace orm::detail {

template <class T>
struct remove_optional {
    using type = T;
};
template <class T>
struct remove_optional<std::optional<T>> {
    using type = T;
};

template <auto A, auto B>
consteval bool same_member() {
    if constexpr (std::is_same_v<decltype(A), decltype(B)>)
        return A == B;
    else
        return false;
}

template <auto To>
struct fk_found {
    static constexpr bool found = true;
    static constexpr auto target = To;
};

template <class Tuple, auto FK>
struct fk_target {
    static constexpr bool found = false;
    static constexpr auto target = FK;
};
template <class O, class... Os, auto FK>
struct fk_target<std::tuple<O, Os...>, FK> : fk_target<std::tuple<Os...>, FK> {};
template <auto From, auto To, class... Os, auto FK>
struct fk_target<std::tuple<foreign_key_t<From, To>, Os...>, FK>
    : std::conditional_t<same_member<From, FK>(), fk_found<To>, fk_target<std::tuple<Os...>, FK>> {};

/// The declared foreign key of member FK: `found`, and `target` (the referenced member).
template <auto FK>
using foreign_key_of = fk_target<std::remove_cvref_t<decltype(table_of<reflect::class_of<FK>>.options)>, FK>;

template <auto M>
consteval bool is_single_primary_key() {
    using C = reflect::class_of<M>;
    if constexpr (!Mapped<C>) {
        return false;
    } else {
        return []<auto... Ms>(primary_key_t<Ms...>) {
            if constexpr (sizeof...(Ms) != 1) return false;
            else return (same_member<Ms, M>() && ...);
        }(pk_option<C>{});
    }
}

/// Checks one foreign key used by a relationship of Owner; true when it is usable.
template <auto FK>
consteval bool check_relation_key() {
    using FKModel = reflect::class_of<FK>;
    constexpr bool declared = Table<FKModel>;
    static_assert(declared, "retort: a relationship names a column of a struct that is not a declared table");
    if constexpr (declared) {
        constexpr bool has_fk = foreign_key_of<FK>::found;
        static_assert(has_fk,
                      "retort: a relationship follows a column that has no foreign key; declare "
                      "retort::foreign_key<&Child::parent_id, &Parent::id> in the child's table_of first");
        if constexpr (has_fk) {
            constexpr auto To = foreign_key_of<FK>::target;
            constexpr bool to_pk = is_single_primary_key<To>();
            static_assert(to_pk,
                          "retort: a relationship's foreign key must reference the single-column primary key "
                          "of its target table");
            using From = typename remove_optional<std::remove_cvref_t<reflect::value_of<FK>>>::type;
            using Key = std::remove_cvref_t<reflect::value_of<To>>;
            constexpr bool same_type = std::is_same_v<From, Key>;
            static_assert(same_type,
                          "retort: a relationship's foreign key column and the primary key it references have "
                          "different types (std::optional aside)");
            return to_pk && same_type;
        }
    }
    return false;
}

template <class Owner, class R>
consteval bool check_relation() {
    if constexpr (R::kind == relation_kind::belongs_to) {
        constexpr bool own = std::is_same_v<reflect::class_of<R::fk>, Owner>;
        static_assert(own,
                      "retort: belongs_to<\"name\", &T::fk> names a column of another model; the foreign key "
                      "of a belongs_to is a column of the model that declares it");
        if constexpr (own) return check_relation_key<R::fk>();
        return false;
    } else if constexpr (R::kind == relation_kind::many_to_many) {
        if constexpr (check_relation_key<R::fk>() && check_relation_key<R::fk2>()) {
            constexpr bool left_here =
                std::is_same_v<reflect::class_of<foreign_key_of<R::fk>::target>, Owner>;
            static_assert(left_here,
                          "retort: many_to_many<\"name\", &Assoc::left, &Assoc::right>: the first foreign key "
                          "must point at the model that declares the relationship");
            constexpr bool same_assoc = std::is_same_v<reflect::class_of<R::fk>, reflect::class_of<R::fk2>>;
            static_assert(same_assoc,
                          "retort: many_to_many<\"name\", &Assoc::left, &Assoc::right>: both columns must "
                          "belong to the same association table");
            return left_here && same_assoc;
        }
        return false;
    } else {
        if constexpr (check_relation_key<R::fk>()) {
            constexpr bool points_here =
                std::is_same_v<reflect::class_of<foreign_key_of<R::fk>::target>, Owner>;
            static_assert(points_here,
                          "retort: has_many / has_one<\"name\", &Child::fk>: the child's foreign key must point "
                          "at the model that declares the relationship");
            return points_here;
        }
        return false;
    }
}

template <class... Rs>
consteval bool names_unique() {
    constexpr std::array<std::string_view, sizeof...(Rs)> names{Rs::name...};
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            if (names[i] == names[j]) return false;
    return true;
}

}  // namespace orm::detail

/// Declares the relationships of T; each is checked against the foreign keys at compile time.
template <class T, class... Rs>
consteval relations_t<T, Rs...> relations(Rs... rs) {
    static_assert(orm::detail::Mapped<T>,
                  "retort: relations<T>(...) needs T to be a declared table with a primary key");
    static_assert(orm::detail::names_unique<Rs...>(), "retort: two relationships of one model have the same name");
    // Each check states its own retort: message; a static_assert here would only repeat it
    // as a second error without text.
    [[maybe_unused]] constexpr bool checked = (true && ... && orm::detail::check_relation<T, Rs>());
    if ((false || ... || (rs.strategy == loading::joined)))
        throw "retort: a relationship's declared loading is lazy, selectin or raise; ask for a LEFT JOIN per query "
              "with .options(retort::joinedload<\"name\">)";
    return {{rs...}};
}

namespace orm::detail {

template <class T>
consteval std::size_t relation_count() {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(relations_of<T>)>, no_relations_t>)
        return 0;
    else
        return std::tuple_size_v<decltype(relations_of<T>.items)>;
}

template <class T, std::size_t I>
using relation_at = std::tuple_element_t<I, std::remove_cvref_t<decltype(relations_of<T>.items)>>;

/// The position of relationship `Name` of T, or relation_count<T>() when there is none.
template <class T, fixed_string Name>
consteval std::size_t relation_index() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        std::size_t found = sizeof...(I);
        ((relation_at<T, I>::name == Name.view() && found == sizeof...(I) ? void(found = I) : void()), ...);
        return found;
    }(std::make_index_sequence<relation_count<T>()>{});
}

/// The model on the other side of relationship R of Owner.
template <class Owner, class R, relation_kind K = R::kind>
struct related_model {
    using type = reflect::class_of<R::fk>;  // has_many, has_one: the child
};
template <class Owner, class R>
struct related_model<Owner, R, relation_kind::belongs_to> {
    using type = reflect::class_of<foreign_key_of<R::fk>::target>;
};
template <class Owner, class R>
struct related_model<Owner, R, relation_kind::many_to_many> {
    using type = reflect::class_of<foreign_key_of<R::fk2>::target>;
};

/// The declaration of relationship I of T (its cascades and loading strategy).
template <class T, std::size_t I>
consteval auto relation_value() {
    return std::get<I>(relations_of<T>.items);
}

struct entry_base;  // orm/store.hpp
/// A list of tracked objects' entries (of one model, known to the code that reads it).
using entry_list = std::vector<entry_base*>;

/// What the session remembers about one relationship of one object.
struct relation_slot {
    entry_list items;     // entry<Other>* in order (belongs_to: the pending target, if any)
    entry_list original;  // many_to_many: the items as loaded or last flushed
    bool loaded = false;
    /// A per-query strategy for this object (0xff: the relationship's declared one).
    unsigned char strategy = 0xff;
};

template <class T>
using relation_slots = std::array<relation_slot, relation_count<T>()>;

}  // namespace orm::detail
}  // namespace retort
