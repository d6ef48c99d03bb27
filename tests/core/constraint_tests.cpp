// tests/core/constraint_tests.cpp — constraint probes, both ways: what retort's concepts
// accept and reject, and which calls are well-formed. Every probe is a static_assert at
// namespace scope. Rejections that retort reports with a static_assert message (not
// SFINAE-friendly by design) are in tests/compile_fail/ instead.
//
// Negative probes go through a concept with template parameters, so the invalid
// expression is in a dependent context and yields `false` instead of an error
// ([expr.prim.req]: outside a template an invalid requirement makes the program
// ill-formed).
#include <retort/core.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

using retort::c;

struct User {
    std::int64_t id;
    std::string name;
    std::optional<int> age;
    bool active;
    double score;
    retort::blob avatar;
    std::chrono::sys_time<std::chrono::microseconds> joined;
};

struct Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
};

struct NotDeclared {
    std::int64_t id;
    std::string text;
};

template <>
inline constexpr auto retort::table_of<User> = retort::table<User>("users", retort::primary_key<&User::id>);
template <>
inline constexpr auto retort::table_of<Post> = retort::table<Post>(
    "posts", retort::primary_key<&Post::id>, retort::foreign_key<&Post::user_id, &User::id>);

using Age = decltype(c<&User::age>);        // std::optional<int>
using Name = decltype(c<&User::name>);      // std::string
using Active = decltype(c<&User::active>);  // bool
using Score = decltype(c<&User::score>);    // double
using Avatar = decltype(c<&User::avatar>);  // blob
using Joined = decltype(c<&User::joined>);  // timestamp
using Title = decltype(c<&Post::title>);
using Sys = std::chrono::sys_time<std::chrono::microseconds>;

// ---------------------------------------------------------------------------
// ComparableWith: numbers with numbers, otherwise the same SQL kind
// ---------------------------------------------------------------------------

static_assert(retort::ComparableWith<Age, int>);
static_assert(retort::ComparableWith<Age, std::int64_t>);
static_assert(retort::ComparableWith<Age, double>);            // integer vs real: both numeric
// A std::optional operand would silently match nothing when empty (x = NULL is unknown):
// is_null(x), *opt or is_not_distinct_from(x, opt) say what is meant.
static_assert(!retort::ComparableWith<Age, std::optional<int>>);
static_assert(!retort::ComparableWith<std::optional<int>, Age>);
static_assert(!retort::ComparableWith<Age, retort::value_t<std::optional<int>>>);
static_assert(!retort::ComparableWith<Name, std::optional<std::string>>);
static_assert(retort::ComparableWith<Age, retort::value_t<int>>);
static_assert(retort::ComparableWith<int, Age>);               // value on the left
static_assert(retort::ComparableWith<Age, Score>);             // column vs column, numeric
static_assert(!retort::ComparableWith<Age, std::string>);
static_assert(!retort::ComparableWith<Age, const char*>);
static_assert(!retort::ComparableWith<Age, const char (&)[4]>);
static_assert(!retort::ComparableWith<Age, bool>);
static_assert(!retort::ComparableWith<Age, Name>);
static_assert(!retort::ComparableWith<Age, retort::null_t>);   // use is_null()
static_assert(!retort::ComparableWith<Age, NotDeclared>);      // not a SQL value at all

static_assert(retort::ComparableWith<Name, std::string>);
static_assert(retort::ComparableWith<Name, std::string_view>);
static_assert(retort::ComparableWith<Name, const char*>);
static_assert(retort::ComparableWith<Name, const char (&)[4]>);
static_assert(retort::ComparableWith<Name, Title>);            // text vs text across tables
static_assert(!retort::ComparableWith<Name, int>);
static_assert(!retort::ComparableWith<Name, double>);
static_assert(!retort::ComparableWith<Name, retort::blob>);

static_assert(retort::ComparableWith<Active, bool>);
static_assert(!retort::ComparableWith<Active, int>);

static_assert(retort::ComparableWith<Avatar, retort::blob>);
static_assert(!retort::ComparableWith<Avatar, std::string>);

static_assert(retort::ComparableWith<Joined, Sys>);
static_assert(retort::ComparableWith<Joined, std::chrono::sys_time<std::chrono::seconds>>);
static_assert(!retort::ComparableWith<Joined, std::int64_t>);
static_assert(!retort::ComparableWith<Joined, std::string>);

static_assert(!retort::ComparableWith<int, int>);              // at least one side must be an expression

// ---------------------------------------------------------------------------
// Table, Reflectable, TableOption
// ---------------------------------------------------------------------------

static_assert(retort::Table<User>);
static_assert(retort::Table<Post>);
static_assert(!retort::Table<NotDeclared>);
static_assert(!retort::Table<int>);
static_assert(retort::Reflectable<NotDeclared>);  // reflectable, just not declared

static_assert(retort::TableOption<std::remove_cvref_t<decltype(retort::primary_key<&User::id>)>>);
static_assert(retort::TableOption<retort::assigned_key_t>);
static_assert(retort::TableOption<retort::check_t>);
static_assert(retort::TableOption<retort::foreign_key_t<&Post::user_id, &User::id>>);
static_assert(!retort::TableOption<int>);
static_assert(!retort::TableOption<std::string_view>);

// ---------------------------------------------------------------------------
// Expressions, columns, order terms
// ---------------------------------------------------------------------------

static_assert(retort::Expression<Age>);
static_assert(retort::Expression<decltype(c<&User::age> > 3)>);
static_assert(retort::Expression<decltype(retort::value(3))>);
static_assert(!retort::Expression<int>);
static_assert(!retort::Expression<User>);

static_assert(retort::BooleanExpression<decltype(c<&User::age> > 3)>);
static_assert(retort::BooleanExpression<decltype(c<&User::age> > 3 && c<&User::active>)>);
static_assert(retort::BooleanExpression<decltype(retort::is_null(c<&User::age>))>);
static_assert(retort::BooleanExpression<Active>);
static_assert(!retort::BooleanExpression<Age>);
static_assert(!retort::BooleanExpression<Name>);
static_assert(!retort::BooleanExpression<bool>);

static_assert(retort::is_nullable_v<Age>);
static_assert(!retort::is_nullable_v<Name>);
static_assert(retort::is_nullable_v<decltype(c<&User::age> == 3)>);
static_assert(!retort::is_nullable_v<decltype(c<&User::id> == 3)>);
static_assert(!retort::is_nullable_v<decltype(retort::is_null(c<&User::age>))>);

static_assert(retort::Column<Age>);
static_assert(!retort::Column<decltype(c<&User::age> > 3)>);
static_assert(retort::ColumnOf<Age, User>);
static_assert(!retort::ColumnOf<Age, Post>);
static_assert(retort::ColumnOf<Title, Post>);

static_assert(retort::OrderTerm<Age>);
static_assert(retort::OrderTerm<decltype(retort::desc(c<&User::age>))>);
static_assert(!retort::OrderTerm<int>);

static_assert(retort::BindableValue<int>);
static_assert(retort::BindableValue<std::string_view>);
static_assert(retort::BindableValue<const char*>);
static_assert(retort::BindableValue<const char (&)[3]>);
static_assert(retort::BindableValue<Sys>);
static_assert(!retort::BindableValue<User>);
static_assert(!retort::BindableValue<char>);
static_assert(!retort::BindableValue<retort::null_t>);

static_assert(retort::Dialect<retort::sqlite>);
static_assert(retort::Dialect<retort::postgresql>);
static_assert(!retort::Dialect<int>);

// ---------------------------------------------------------------------------
// Statement
// ---------------------------------------------------------------------------

static_assert(retort::Statement<decltype(retort::select<User>())>);
static_assert(retort::Statement<decltype(retort::select(c<&User::name>).where(c<&User::id> == 1).limit(1))>);
static_assert(retort::Statement<decltype(retort::insert(User{}))>);
static_assert(retort::Statement<decltype(retort::update<User>().set(c<&User::age> = 1))>);
static_assert(retort::Statement<decltype(retort::delete_from<User>())>);
static_assert(retort::Statement<decltype(retort::create_table<User>())>);
static_assert(retort::Statement<decltype(retort::drop_table_if_exists<User>())>);
static_assert(retort::Statement<retort::create_index_t<User, 0>>);  // a type is enough for the concept
static_assert(!retort::Statement<int>);
static_assert(!retort::Statement<User>);
static_assert(!retort::Statement<Age>);
static_assert(!retort::Statement<decltype(c<&User::age> > 3)>);

// ---------------------------------------------------------------------------
// What compiles: plain requires-expressions
// ---------------------------------------------------------------------------

static_assert(requires { retort::select<User>().where(c<&User::age> > 3); });
static_assert(requires { retort::select<User>().where(c<&User::age> > 3 || retort::is_null(c<&User::age>)); });
static_assert(requires { retort::select<User>().where(!c<&User::active>).order_by(c<&User::name>).limit(3); });
static_assert(requires { retort::select(c<&User::name>, c<&Post::title>).where(c<&Post::user_id> == c<&User::id>); });
static_assert(requires { retort::select(c<&Post::title>).template from<Post, User>().where(c<&User::name> == "ann"); });
static_assert(requires { retort::select<User>().offset(4); });
static_assert(requires { retort::update<User>().set(c<&User::age> = retort::null).where(c<&User::id> == 1); });
static_assert(requires { retort::update<User>().set(c<&User::name> = "x", c<&User::score> = 2); });
static_assert(requires { retort::delete_from<Post>().where(c<&Post::id> == 1); });
static_assert(requires(User& u, const User& cu) {
    retort::insert(u);
    retort::insert(cu);
    retort::insert(User{});
});
static_assert(requires { retort::sql<decltype(retort::select<User>()), retort::sqlite>; });

// ---------------------------------------------------------------------------
// What does not compile, SFINAE-friendly (dependent probes)
// ---------------------------------------------------------------------------

template <class T>
concept CanSelectModel = requires { retort::select<T>(); };
template <class T>
concept CanUpdate = requires { retort::update<T>(); };
template <class T>
concept CanDelete = requires { retort::delete_from<T>(); };
template <class T>
concept CanCreate = requires { retort::create_table<T>(); };
template <class T>
concept CanDrop = requires { retort::drop_table<T>(); };
template <class T>
concept CanFrom = requires { retort::select(c<&User::name>).template from<T>(); };
template <class... Args>
concept CanSelectExprs = requires(Args&&... args) { retort::select(std::forward<Args>(args)...); };
template <class Term>
concept CanOrderBy = requires(Term&& t) { retort::select<User>().order_by(std::forward<Term>(t)); };
template <class N>
concept CanLimit = requires(N n) { retort::select<User>().limit(n); };
template <class... As>
concept CanSet = requires(As&&... as) { retort::update<User>().set(std::forward<As>(as)...); };
template <class X>
concept CanAsc = requires(X&& x) { retort::asc(std::forward<X>(x)); };
template <class X>
concept CanIsNull = requires(X&& x) { retort::is_null(std::forward<X>(x)); };
template <class V>
concept CanValue = requires(V&& v) { retort::value(std::forward<V>(v)); };
template <class S, class D>
concept HasSql = requires { retort::sql<S, D>; };

// select<NotDeclared>() is not filtered out by a constraint: it resolves, and its body says
// what is missing in one retort: sentence (tests/compile_fail/select_undeclared.cpp).
static_assert(CanSelectModel<User>);
static_assert(CanUpdate<User> && !CanUpdate<NotDeclared>);
static_assert(CanDelete<User> && !CanDelete<NotDeclared>);
static_assert(CanCreate<User> && !CanCreate<NotDeclared>);
static_assert(CanDrop<User> && !CanDrop<NotDeclared>);
static_assert(CanFrom<User> && !CanFrom<NotDeclared> && !CanFrom<int>);

static_assert(CanSelectExprs<Name, Age>);
static_assert(!CanSelectExprs<>);                 // select() needs at least one expression
static_assert(!CanSelectExprs<int>);              // a plain value is not an expression
static_assert(!CanSelectExprs<Name, std::string>);

static_assert(CanOrderBy<Age> && CanOrderBy<decltype(retort::desc(c<&User::age>))>);
static_assert(!CanOrderBy<int> && !CanOrderBy<std::string>);

static_assert(CanLimit<int> && CanLimit<std::int64_t>);
static_assert(!CanLimit<const char*> && !CanLimit<std::string>);

static_assert(CanSet<decltype(c<&User::age> = 3)>);
static_assert(!CanSet<>);                         // set() needs at least one assignment

static_assert(CanAsc<Age> && !CanAsc<int>);
static_assert(CanIsNull<Age> && !CanIsNull<int> && !CanIsNull<std::optional<int>>);
static_assert(CanValue<int> && CanValue<std::string> && !CanValue<User> && !CanValue<retort::null_t>);

static_assert(HasSql<decltype(retort::delete_from<User>()), retort::postgresql>);
static_assert(!HasSql<int, retort::sqlite>);                                  // not a statement
static_assert(!HasSql<decltype(retort::delete_from<User>()), int>);           // not a dialect
static_assert(!HasSql<decltype(c<&User::age> > 3), retort::sqlite>);         // an expression is not a statement

// ---------------------------------------------------------------------------
// Run-time mirror so the executable reports what was proved
// ---------------------------------------------------------------------------

TEST_CASE("ComparableWith: numbers with numbers, text with text, never with NULL") {
    CHECK(retort::ComparableWith<Age, int>);
    CHECK(retort::ComparableWith<Age, double>);
    CHECK_FALSE(retort::ComparableWith<Age, std::string>);
    CHECK_FALSE(retort::ComparableWith<Age, retort::null_t>);
    CHECK(retort::ComparableWith<Name, const char*>);
    CHECK_FALSE(retort::ComparableWith<Name, int>);
    CHECK_FALSE(retort::ComparableWith<Active, int>);
    CHECK_FALSE(retort::ComparableWith<Joined, std::int64_t>);
}

TEST_CASE("Table / Statement / BooleanExpression") {
    CHECK(retort::Table<User>);
    CHECK_FALSE(retort::Table<NotDeclared>);
    CHECK(retort::Statement<decltype(retort::select<User>())>);
    CHECK_FALSE(retort::Statement<Age>);
    CHECK(retort::BooleanExpression<Active>);
    CHECK_FALSE(retort::BooleanExpression<Age>);
}

TEST_CASE("entry points reject undeclared models and non-expressions without a hard error") {
    // select<NotDeclared>() resolves and reports the mistake in its body (one retort:
    // sentence; tests/compile_fail/select_undeclared.cpp), so it is not probed here.
    CHECK_FALSE(CanUpdate<NotDeclared>);
    CHECK_FALSE(CanDelete<NotDeclared>);
    CHECK_FALSE(CanCreate<NotDeclared>);
    CHECK_FALSE(CanSelectExprs<int>);
    CHECK_FALSE(CanOrderBy<int>);
    CHECK_FALSE(CanLimit<const char*>);
    CHECK_FALSE(HasSql<int, retort::sqlite>);
}
