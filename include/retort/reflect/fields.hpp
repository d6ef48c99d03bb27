// retort/reflect/fields.hpp — what the compiler knows about a plain aggregate:
// field count, field types, field names, and which field a member pointer names.
//
// The field count is ours (see count_fields below); Boost.PFR's structured-binding tie
// gives the fields themselves and their types. Boost 1.81's PFR has no field names, so we read
// them from __PRETTY_FUNCTION__ of a function templated on a pointer to a subobject of
// a never-defined object (the technique PFR 1.84 adopted); with Boost >= 1.84 we use
// boost::pfr::get_name.
#pragma once

// Only PFR's core: <boost/pfr.hpp> also brings its I/O and comparison functors (and
// <iostream>-sized headers with them), which cost every translation unit ~0.6 s.
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>
#include <boost/version.hpp>
#if BOOST_VERSION >= 108400
#include <boost/pfr/core_name.hpp>
#endif

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/fixed_string.hpp"

namespace retort {

/// A type retort can reflect: a plain aggregate without base classes, without
/// reference members and not a union (what Boost.PFR can decompose).
template <class T>
concept Reflectable = std::is_aggregate_v<T> && std::is_class_v<T> && !std::is_union_v<T> &&
                      std::is_same_v<T, std::remove_cvref_t<T>>;

namespace reflect {

namespace detail {

// The field count, found by aggregate-initialising T from N placeholders that convert to
// anything: T{p0, ..., pN-1} is valid exactly when N <= the number of fields. Boost.PFR
// searches the same property, but from an upper bound of sizeof(T) * CHAR_BIT (a 6-field
// struct with two strings: ~1,000), so each probe expands a pack of hundreds and each
// model cost ~30 ms and ~2 MB of compiler memory (measured, g++ 12). Here the probes grow
// 1, 2, 4, ... past the count, then halve the last interval: a few small packs.
template <std::size_t I>
struct any_field {
    // Only named in unevaluated probes; defined because a probe may instantiate a field
    // type's converting constructor, which names it.
    template <class U>
    operator U&() const&& noexcept {
        return *nowhere<U>();
    }
    template <class U>
    static U* nowhere() noexcept {
        return nullptr;
    }
};

template <class T, std::size_t N>
inline constexpr bool initializable_from = []<std::size_t... I>(std::index_sequence<I...>) {
    return requires { T{any_field<I>{}...}; };
}(std::make_index_sequence<N>{});

// initializable_from<T, Lo> and !initializable_from<T, Hi>.
template <class T, std::size_t Lo, std::size_t Hi>
consteval std::size_t narrow_fields() {
    if constexpr (Hi - Lo <= 1) {
        return Lo;
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        if constexpr (initializable_from<T, mid>)
            return narrow_fields<T, mid, Hi>();
        else
            return narrow_fields<T, Lo, mid>();
    }
}

template <class T, std::size_t N = 1>
consteval std::size_t count_fields() {
    if constexpr (!initializable_from<T, N>)
        return narrow_fields<T, N / 2, N>();
    else
        return count_fields<T, N * 2>();
}

}  // namespace detail

template <Reflectable T>
inline constexpr std::size_t field_count = detail::count_fields<T>();

namespace detail {

// Boost.PFR's tie_as_tuple has one overload per field count (up to 200): every call is an
// overload resolution among them. It is resolved once per model here, and the field types
// are read off the tie's type (a sequence_tuple of references) without calling get.
template <class T>
struct tie_of {
    static constexpr auto tie(T& object) noexcept {
        return boost::pfr::detail::tie_as_tuple(object, boost::pfr::detail::size_t_<field_count<std::remove_const_t<T>>>{});
    }
    using type = decltype(tie(std::declval<T&>()));
};

// Declared only: the type of the base that holds element I (a reference to field I).
template <std::size_t I, class U>
U element_of(const boost::pfr::detail::sequence_tuple::base_from_member<I, U>&) noexcept;

}  // namespace detail

/// Field I of an object of a reflectable type (a reference; const when the object is).
template <std::size_t I, class T>
constexpr decltype(auto) get(T& object) noexcept {
    return boost::pfr::detail::sequence_tuple::get_impl<I>(detail::tie_of<T>::tie(object));
}

template <Reflectable T, std::size_t I>
using field_type = std::remove_reference_t<decltype(detail::element_of<I>(std::declval<typename detail::tie_of<T>::type&>()))>;

/// The field types of T as a std::tuple.
template <Reflectable T, class Seq = std::make_index_sequence<field_count<T>>>
struct fields_tuple;
template <Reflectable T, std::size_t... I>
struct fields_tuple<T, std::index_sequence<I...>> {
    using type = std::tuple<field_type<T, I>...>;
};

namespace detail {

// A T that is never constructed: the inactive member of a constant union. Constant
// evaluation may name its subobjects and take their addresses (never read them), so the
// field-name and member-index probes below need no undefined `extern` object (which clang
// reports with -Wundefined-var-template in every program) and no default-constructible T.
#if defined(__clang__) && __clang_major__ < 17
// clang before 17 calls such a union non-literal when T is (a field type with a
// non-constexpr constructor), so there an undefined object stands in, as in Boost.PFR,
// and the warnings that it has no definition are turned off for this header's uses of it.
#define RETORT_FAKE_OBJECT_EXTERN 1
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
template <class T>
struct fake_storage {
    T value;
};
template <class T>
extern const fake_storage<T> fake_object;
#else
template <class T>
union fake_storage {
    char none;
    T value;
    constexpr fake_storage() noexcept : none() {}
    constexpr ~fake_storage() {}
};

template <class T>
inline constexpr fake_storage<T> fake_object{};
#endif

template <class T>
constexpr auto tie_fake() noexcept {
    return tie_of<const T>::tie(fake_object<T>.value);
}

// clang before 18 rejects a pointer to a subobject as a template argument; a pointer
// inside a class-type argument is accepted (the same wrapper Boost.PFR 1.84 uses).
template <class P>
struct address {
    P ptr;
};
template <class P>
address(P) -> address<P>;

template <auto Ptr>
consteval std::string_view pretty_name_of() noexcept {
    return __PRETTY_FUNCTION__;
}

// g++:   "... [with auto Ptr = address<...>{(& fake_object<ns::User>.retort::...::value.ns::User::email)}; ...]"
// clang: "... [Ptr = address<...>{&fake_object<ns::User>.value.email}]"  → "email"
consteval std::string_view parse_field_name(std::string_view s) noexcept {
    const auto start = s.find("Ptr = ");
    auto end = s.find(';', start);
    if (end == std::string_view::npos) end = s.rfind(']');
    s = s.substr(start, end - start);
    while (!s.empty() && (s.back() == ')' || s.back() == '}' || s.back() == ' ')) s.remove_suffix(1);
    const auto sep = s.find_last_of(":.");
    return s.substr(sep + 1);
}

template <class T, std::size_t I>
consteval std::string_view field_name_impl() noexcept {
#if BOOST_VERSION >= 108400
    return boost::pfr::get_name<I, T>();
#else
    return parse_field_name(
        pretty_name_of<address{&boost::pfr::detail::sequence_tuple::get<I>(tie_fake<T>())}>());
#endif
}

template <class T, auto Member>
consteval std::size_t member_index_impl() noexcept {
    constexpr auto tied = tie_fake<T>();
    const void* target = &(fake_object<T>.value.*Member);
    std::size_t found = field_count<T>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((static_cast<const void*>(&boost::pfr::detail::sequence_tuple::get<I>(tied)) == target
              ? (found = I, 0)
              : 0),
         ...);
    }(std::make_index_sequence<field_count<T>>{});
    return found;
}

#ifdef RETORT_FAKE_OBJECT_EXTERN
#pragma clang diagnostic pop
#undef RETORT_FAKE_OBJECT_EXTERN
#endif

template <std::string_view const& S>
inline constexpr auto to_fixed = fixed_string<S.size()>(S);

}  // namespace detail

/// The name of field I of T, as written in the struct: `field_name<User, 1>` == "name".
template <Reflectable T, std::size_t I>
inline constexpr std::string_view field_name = detail::field_name_impl<T, I>();

/// Splits a pointer to data member into its class and value type.
template <class M>
struct member_pointer_traits {
    static constexpr bool is_member = false;
};
template <class C, class V>
struct member_pointer_traits<V C::*> {
    static constexpr bool is_member = !std::is_function_v<V>;
    using class_type = C;
    using value_type = V;
};

template <auto Member>
concept DataMember = member_pointer_traits<decltype(Member)>::is_member;

template <auto Member>
    requires DataMember<Member>
using class_of = typename member_pointer_traits<decltype(Member)>::class_type;

template <auto Member>
    requires DataMember<Member>
using value_of = typename member_pointer_traits<decltype(Member)>::value_type;

/// The position of a member in its struct: `member_index<&User::email>` == 2.
template <auto Member>
    requires DataMember<Member>
inline constexpr std::size_t member_index = detail::member_index_impl<class_of<Member>, Member>();

}  // namespace reflect
}  // namespace retort
