// tests/core/reflect_tests.cpp — what retort::reflect reads from plain aggregates:
// field count, field types and field names (as written in the struct), and
// member_index (which field a pointer to member names). Everything is a
// static_assert; the doctest cases repeat the facts at run time so the executable
// reports what it proved.
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace rr = retort::reflect;
using namespace std::string_view_literals;

// ---------------------------------------------------------------------------
// Shapes under test
// ---------------------------------------------------------------------------

struct One {
    int only;
};

// 40 fields of five repeating types (generated; the pattern is f<NN>: int32,
// string, double, optional<int64>, bool).
struct Wide {
    std::int32_t f00;
    std::string f01;
    double f02;
    std::optional<std::int64_t> f03;
    bool f04;
    std::int32_t f05;
    std::string f06;
    double f07;
    std::optional<std::int64_t> f08;
    bool f09;
    std::int32_t f10;
    std::string f11;
    double f12;
    std::optional<std::int64_t> f13;
    bool f14;
    std::int32_t f15;
    std::string f16;
    double f17;
    std::optional<std::int64_t> f18;
    bool f19;
    std::int32_t f20;
    std::string f21;
    double f22;
    std::optional<std::int64_t> f23;
    bool f24;
    std::int32_t f25;
    std::string f26;
    double f27;
    std::optional<std::int64_t> f28;
    bool f29;
    std::int32_t f30;
    std::string f31;
    double f32;
    std::optional<std::int64_t> f33;
    bool f34;
    std::int32_t f35;
    std::string f36;
    double f37;
    std::optional<std::int64_t> f38;
    bool f39;
};

struct Integers {
    std::int8_t i8;
    std::int16_t i16;
    std::int32_t i32;
    std::int64_t i64;
    std::uint8_t u8;
    std::uint16_t u16;
    std::uint32_t u32;
    std::uint64_t u64;
};

struct Scalars {
    bool flag;
    float ratio;
    double score;
    std::string text;
};

struct Optionals {
    std::optional<int> maybe_int;
    std::optional<std::string> maybe_text;
    std::optional<double> maybe_real;
    std::optional<retort::blob> maybe_bytes;
};

struct Special {
    retort::blob payload;
    std::chrono::sys_time<std::chrono::microseconds> created_at;
    std::optional<std::chrono::sys_time<std::chrono::microseconds>> deleted_at;
};

// Names that contain the characters the name parser looks for around them.
struct Tricky {
    int _leading_underscore;
    int trailing_;
    int with_digits_123;
    int x;
};

namespace app::model {
struct Account {
    std::int64_t id;
    std::string owner;
    double balance;
};
namespace inner {
struct Deep {
    std::string label;
    std::optional<std::int16_t> level;
};
}  // namespace inner
}  // namespace app::model

namespace {
struct Anonymous {
    int first;
    std::string second;
};
}  // namespace

template <class T>
struct Wrapper {
    T value;
    std::optional<T> fallback;
};

// ---------------------------------------------------------------------------
// field_count
// ---------------------------------------------------------------------------

static_assert(rr::field_count<One> == 1);
static_assert(rr::field_count<Wide> == 40);
static_assert(rr::field_count<Integers> == 8);
static_assert(rr::field_count<Scalars> == 4);
static_assert(rr::field_count<Optionals> == 4);
static_assert(rr::field_count<Special> == 3);
static_assert(rr::field_count<Tricky> == 4);
static_assert(rr::field_count<app::model::Account> == 3);
static_assert(rr::field_count<app::model::inner::Deep> == 2);
static_assert(rr::field_count<Anonymous> == 2);
static_assert(rr::field_count<Wrapper<std::string>> == 2);

// ---------------------------------------------------------------------------
// field_type
// ---------------------------------------------------------------------------

static_assert(std::is_same_v<rr::field_type<One, 0>, int>);

static_assert(std::is_same_v<rr::field_type<Wide, 0>, std::int32_t>);
static_assert(std::is_same_v<rr::field_type<Wide, 1>, std::string>);
static_assert(std::is_same_v<rr::field_type<Wide, 2>, double>);
static_assert(std::is_same_v<rr::field_type<Wide, 3>, std::optional<std::int64_t>>);
static_assert(std::is_same_v<rr::field_type<Wide, 4>, bool>);
static_assert(std::is_same_v<rr::field_type<Wide, 38>, std::optional<std::int64_t>>);
static_assert(std::is_same_v<rr::field_type<Wide, 39>, bool>);

static_assert(std::is_same_v<rr::field_type<Integers, 0>, std::int8_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 1>, std::int16_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 2>, std::int32_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 3>, std::int64_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 4>, std::uint8_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 5>, std::uint16_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 6>, std::uint32_t>);
static_assert(std::is_same_v<rr::field_type<Integers, 7>, std::uint64_t>);

static_assert(std::is_same_v<rr::field_type<Scalars, 0>, bool>);
static_assert(std::is_same_v<rr::field_type<Scalars, 1>, float>);
static_assert(std::is_same_v<rr::field_type<Scalars, 2>, double>);
static_assert(std::is_same_v<rr::field_type<Scalars, 3>, std::string>);

static_assert(std::is_same_v<rr::field_type<Optionals, 0>, std::optional<int>>);
static_assert(std::is_same_v<rr::field_type<Optionals, 1>, std::optional<std::string>>);
static_assert(std::is_same_v<rr::field_type<Optionals, 2>, std::optional<double>>);
static_assert(std::is_same_v<rr::field_type<Optionals, 3>, std::optional<retort::blob>>);

static_assert(std::is_same_v<rr::field_type<Special, 0>, retort::blob>);
static_assert(std::is_same_v<rr::field_type<Special, 0>, std::vector<std::byte>>);
static_assert(std::is_same_v<rr::field_type<Special, 1>, std::chrono::sys_time<std::chrono::microseconds>>);
static_assert(
    std::is_same_v<rr::field_type<Special, 2>, std::optional<std::chrono::sys_time<std::chrono::microseconds>>>);

static_assert(std::is_same_v<rr::field_type<app::model::Account, 0>, std::int64_t>);
static_assert(std::is_same_v<rr::field_type<app::model::inner::Deep, 1>, std::optional<std::int16_t>>);
static_assert(std::is_same_v<rr::field_type<Anonymous, 1>, std::string>);
static_assert(std::is_same_v<rr::field_type<Wrapper<std::string>, 1>, std::optional<std::string>>);

// ---------------------------------------------------------------------------
// field_name
// ---------------------------------------------------------------------------

static_assert(rr::field_name<One, 0> == "only");

static_assert(rr::field_name<Wide, 0> == "f00");
static_assert(rr::field_name<Wide, 1> == "f01");
static_assert(rr::field_name<Wide, 9> == "f09");
static_assert(rr::field_name<Wide, 10> == "f10");
static_assert(rr::field_name<Wide, 20> == "f20");
static_assert(rr::field_name<Wide, 39> == "f39");

static_assert(rr::field_name<Integers, 0> == "i8");
static_assert(rr::field_name<Integers, 3> == "i64");
static_assert(rr::field_name<Integers, 4> == "u8");
static_assert(rr::field_name<Integers, 7> == "u64");

static_assert(rr::field_name<Scalars, 0> == "flag");
static_assert(rr::field_name<Scalars, 1> == "ratio");
static_assert(rr::field_name<Scalars, 2> == "score");
static_assert(rr::field_name<Scalars, 3> == "text");

static_assert(rr::field_name<Optionals, 0> == "maybe_int");
static_assert(rr::field_name<Optionals, 3> == "maybe_bytes");

static_assert(rr::field_name<Special, 0> == "payload");
static_assert(rr::field_name<Special, 1> == "created_at");
static_assert(rr::field_name<Special, 2> == "deleted_at");

static_assert(rr::field_name<Tricky, 0> == "_leading_underscore");
static_assert(rr::field_name<Tricky, 1> == "trailing_");
static_assert(rr::field_name<Tricky, 2> == "with_digits_123");
static_assert(rr::field_name<Tricky, 3> == "x");

static_assert(rr::field_name<app::model::Account, 0> == "id");
static_assert(rr::field_name<app::model::Account, 1> == "owner");
static_assert(rr::field_name<app::model::Account, 2> == "balance");
static_assert(rr::field_name<app::model::inner::Deep, 0> == "label");
static_assert(rr::field_name<app::model::inner::Deep, 1> == "level");
static_assert(rr::field_name<Anonymous, 0> == "first");
static_assert(rr::field_name<Anonymous, 1> == "second");
static_assert(rr::field_name<Wrapper<std::string>, 0> == "value");
static_assert(rr::field_name<Wrapper<std::string>, 1> == "fallback");
static_assert(rr::field_name<Wrapper<app::model::Account>, 1> == "fallback");

// ---------------------------------------------------------------------------
// member_index, class_of, value_of
// ---------------------------------------------------------------------------

static_assert(rr::member_index<&One::only> == 0);
static_assert(rr::member_index<&Wide::f00> == 0);
static_assert(rr::member_index<&Wide::f17> == 17);
static_assert(rr::member_index<&Wide::f39> == 39);
static_assert(rr::member_index<&Integers::i8> == 0);
static_assert(rr::member_index<&Integers::u8> == 4);
static_assert(rr::member_index<&Integers::u64> == 7);
static_assert(rr::member_index<&Scalars::flag> == 0);
static_assert(rr::member_index<&Scalars::ratio> == 1);
static_assert(rr::member_index<&Scalars::text> == 3);
static_assert(rr::member_index<&Special::created_at> == 1);
static_assert(rr::member_index<&Special::deleted_at> == 2);
static_assert(rr::member_index<&app::model::Account::balance> == 2);
static_assert(rr::member_index<&app::model::inner::Deep::level> == 1);
static_assert(rr::member_index<&Anonymous::second> == 1);
static_assert(rr::member_index<&Wrapper<std::string>::fallback> == 1);

static_assert(std::is_same_v<rr::class_of<&app::model::Account::owner>, app::model::Account>);
static_assert(std::is_same_v<rr::value_of<&app::model::Account::owner>, std::string>);
static_assert(std::is_same_v<rr::value_of<&Special::deleted_at>,
                             std::optional<std::chrono::sys_time<std::chrono::microseconds>>>);

// member_index agrees with field_name for every field of a struct.
template <class T, auto... Members>
constexpr bool indexes_are_positions() {
    std::size_t expected = 0;
    return ((rr::member_index<Members> == expected++) && ...);
}
static_assert(indexes_are_positions<Integers, &Integers::i8, &Integers::i16, &Integers::i32, &Integers::i64,
                                    &Integers::u8, &Integers::u16, &Integers::u32, &Integers::u64>());

// ---------------------------------------------------------------------------
// Reflectable and the SQL type mapping of the field types
// ---------------------------------------------------------------------------

struct HasConstructor {
    HasConstructor() {}
    int a;
};

static_assert(retort::Reflectable<One>);
static_assert(retort::Reflectable<Wide>);
static_assert(retort::Reflectable<app::model::Account>);
static_assert(!retort::Reflectable<int>);
static_assert(!retort::Reflectable<const One>);
static_assert(!retort::Reflectable<HasConstructor>);

static_assert(retort::FieldValue<std::int8_t> && retort::FieldValue<std::uint64_t>);
static_assert(retort::FieldValue<bool> && retort::FieldValue<float> && retort::FieldValue<double>);
static_assert(retort::FieldValue<std::string> && retort::FieldValue<retort::blob>);
static_assert(retort::FieldValue<std::chrono::sys_time<std::chrono::microseconds>>);
static_assert(retort::FieldValue<std::optional<std::string>>);
static_assert(!retort::FieldValue<char>);
static_assert(!retort::FieldValue<std::string_view>);
static_assert(!retort::FieldValue<One>);

static_assert(retort::sql_type_of<std::int8_t>.kind == retort::sql_kind::integer);
static_assert(retort::sql_type_of<std::int8_t>.bits == 8);
static_assert(retort::sql_type_of<std::uint32_t>.is_unsigned);
static_assert(retort::sql_type_of<std::optional<std::int64_t>>.bits == 64);
static_assert(retort::sql_type_of<bool>.kind == retort::sql_kind::boolean);
static_assert(retort::sql_type_of<float>.kind == retort::sql_kind::real);
static_assert(retort::sql_type_of<std::string>.kind == retort::sql_kind::text);
static_assert(retort::sql_type_of<retort::blob>.kind == retort::sql_kind::blob);
static_assert(retort::sql_type_of<std::chrono::sys_time<std::chrono::microseconds>>.kind ==
              retort::sql_kind::timestamp);
static_assert(retort::sql_type_of<std::chrono::sys_time<std::chrono::seconds>>.kind ==
              retort::sql_kind::timestamp);

// ---------------------------------------------------------------------------
// Run-time mirrors (so the test log lists what was proved)
// ---------------------------------------------------------------------------

TEST_CASE("field_count: 1, 3, 4, 8 and 40 fields") {
    CHECK(rr::field_count<One> == 1);
    CHECK(rr::field_count<app::model::Account> == 3);
    CHECK(rr::field_count<Scalars> == 4);
    CHECK(rr::field_count<Integers> == 8);
    CHECK(rr::field_count<Wide> == 40);
}

TEST_CASE("field_name: plain, numbered, underscored, namespaced, anonymous-namespace and template structs") {
    CHECK(rr::field_name<One, 0> == "only"sv);
    CHECK(rr::field_name<Wide, 0> == "f00"sv);
    CHECK(rr::field_name<Wide, 39> == "f39"sv);
    CHECK(rr::field_name<Tricky, 0> == "_leading_underscore"sv);
    CHECK(rr::field_name<Tricky, 1> == "trailing_"sv);
    CHECK(rr::field_name<Tricky, 2> == "with_digits_123"sv);
    CHECK(rr::field_name<app::model::Account, 1> == "owner"sv);
    CHECK(rr::field_name<app::model::inner::Deep, 1> == "level"sv);
    CHECK(rr::field_name<Anonymous, 1> == "second"sv);
    CHECK(rr::field_name<Wrapper<std::string>, 1> == "fallback"sv);
}

TEST_CASE("field_name: every field of the 40-field struct is f<NN>") {
    const auto names = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<std::string_view, sizeof...(I)>{rr::field_name<Wide, I>...};
    }(std::make_index_sequence<40>{});
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string expected{'f', static_cast<char>('0' + i / 10), static_cast<char>('0' + i % 10)};
        CHECK(names[i] == expected);
    }
}

TEST_CASE("field_type: integer widths, bool, floating point, string, blob, timestamps, optionals") {
    CHECK(std::is_same_v<rr::field_type<Integers, 0>, std::int8_t>);
    CHECK(std::is_same_v<rr::field_type<Integers, 7>, std::uint64_t>);
    CHECK(std::is_same_v<rr::field_type<Scalars, 0>, bool>);
    CHECK(std::is_same_v<rr::field_type<Scalars, 1>, float>);
    CHECK(std::is_same_v<rr::field_type<Scalars, 2>, double>);
    CHECK(std::is_same_v<rr::field_type<Scalars, 3>, std::string>);
    CHECK(std::is_same_v<rr::field_type<Special, 0>, retort::blob>);
    CHECK(std::is_same_v<rr::field_type<Special, 1>, std::chrono::sys_time<std::chrono::microseconds>>);
    CHECK(std::is_same_v<rr::field_type<Optionals, 1>, std::optional<std::string>>);
    CHECK(std::is_same_v<rr::field_type<Wide, 3>, std::optional<std::int64_t>>);
}

TEST_CASE("member_index: position of the named member, in every shape") {
    CHECK(rr::member_index<&One::only> == 0);
    CHECK(rr::member_index<&Wide::f17> == 17);
    CHECK(rr::member_index<&Wide::f39> == 39);
    CHECK(rr::member_index<&Integers::u8> == 4);
    CHECK(rr::member_index<&Scalars::ratio> == 1);
    CHECK(rr::member_index<&Special::deleted_at> == 2);
    CHECK(rr::member_index<&app::model::Account::balance> == 2);
    CHECK(rr::member_index<&Anonymous::second> == 1);
}

TEST_CASE("Reflectable: aggregates yes; scalars, const types and classes with constructors no") {
    CHECK(retort::Reflectable<One>);
    CHECK_FALSE(retort::Reflectable<int>);
    CHECK_FALSE(retort::Reflectable<const One>);
    CHECK_FALSE(retort::Reflectable<HasConstructor>);
}
