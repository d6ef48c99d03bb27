// examples/docs/faq.cpp — the fixes in docs/faq.md, one region per compile error. The
// mistakes themselves are the compile-fail tests (tests/compile_fail/*.cpp), whose models
// this file repeats: User and Post.
#include <retort/retort.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

struct User {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
};

struct Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
};

template <>
inline constexpr auto retort::table_of<User> =
    retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::email>);
template <>
inline constexpr auto retort::table_of<Post> = retort::table<Post>(
    "posts", retort::primary_key<&Post::id>, retort::foreign_key<&Post::user_id, &User::id>);

// docs:begin declare
struct NotDeclared {
    std::int64_t id;
    std::string text;
};

template <>
inline constexpr auto retort::table_of<NotDeclared> =
    retort::table<NotDeclared>("notes", retort::primary_key<&NotDeclared::id>);
// docs:end declare

// docs:begin option
struct Comment {
    std::int64_t id;
    std::int64_t post_id;
    std::string body;
};

template <>
inline constexpr auto retort::table_of<Comment> = retort::table<Comment>(
    "comments", retort::primary_key<&Comment::id>,  // a member of Comment, not of Post
    retort::foreign_key<&Comment::post_id, &Post::id>);
// docs:end option

// docs:begin foreign_key
struct Like {
    std::int64_t id;
    std::int64_t user_id;  // the same type as User::id (std::int64_t), not int
};

template <>
inline constexpr auto retort::table_of<Like> = retort::table<Like>(
    "likes", retort::primary_key<&Like::id>, retort::foreign_key<&Like::user_id, &User::id>);  // a key of users
// docs:end foreign_key

// docs:begin derived
struct Numbered {  // the columns of a derived table: declared like a table, never created
    std::string name;
    std::int64_t n;
};

template <>
inline constexpr auto retort::table_of<Numbered> = retort::table<Numbered>("numbered");
// docs:end derived

using retort::c;

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<User, Post, NotDeclared, Comment, Like>(conn);
    User ann{0, "Ann", "ann@example.com", 34};
    conn.execute(retort::insert(ann));
    conn.execute(retort::insert(Post{0, ann.id, "hello"}));

    // docs:begin compare
    conn.execute(retort::select<User>().where(c<&User::age> == 30));  // an int for an int column
    conn.execute(retort::select<User>().where(retort::cast<std::string>(c<&User::age>) == "30"));  // or convert
    conn.execute(retort::select(c<&User::name>, c<&Post::title>)
                     .join<Post>(c<&Post::user_id> == c<&User::id>));  // join on the columns that match
    // docs:end compare

    // docs:begin null
    conn.execute(retort::select<User>().where(retort::is_null(c<&User::age>)));
    conn.execute(retort::select<User>().where(retort::is_not_null(c<&User::age>)));
    // docs:end null

    // docs:begin not_in_statement
    conn.execute(retort::select<User>()
                     .join<Post>(c<&Post::user_id> == c<&User::id>)  // bring posts into the statement
                     .where(c<&Post::id> == 1));
    conn.execute(retort::select(c<&User::name>).order_by(retort::desc(c<&User::name>)));
    // docs:end not_in_statement

    // docs:begin where_boolean
    conn.execute(retort::delete_from<User>().where(c<&User::age> > 100));
    conn.execute(retort::delete_from<User>().where(retort::is_null(c<&User::age>)));
    // docs:end where_boolean

    // docs:begin insert
    NotDeclared note{0, "text"};
    conn.execute(retort::insert(note));  // compiles once retort::table_of<NotDeclared> is declared
    conn.execute(retort::select(c<&NotDeclared::text>));
    // docs:end insert

    // docs:begin set
    conn.execute(retort::update<Post>().set(c<&Post::title> = "hello"));         // update<T>() sets T's columns
    conn.execute(retort::update<User>().set(c<&User::age> = retort::null));      // NULL into std::optional fields
    conn.execute(retort::update<User>().set(c<&User::age> = 3));                 // a value of the column's type
    conn.execute(retort::update<User>().set(c<&User::name> = c<&User::email>));  // or a column of the same table
    // docs:end set

    // docs:begin having
    conn.execute(retort::select(c<&User::name>).group_by(c<&User::name>).having(retort::count() > 1));
    // docs:end having

    // docs:begin group_by
    conn.execute(retort::select(c<&User::name>, c<&User::email>, retort::count())
                     .group_by(c<&User::name>, c<&User::email>));  // group by both
    conn.execute(retort::select(c<&User::name>, retort::max(c<&User::email>), retort::count())
                     .group_by(c<&User::name>));  // or aggregate the other
    // docs:end group_by

    // docs:begin window_filter
    auto numbered = retort::derived<Numbered>(
        retort::select(c<&User::name>, retort::row_number().over(retort::order_by(c<&User::id>))));
    conn.execute(retort::select(c<&Numbered::name>).from(numbered).where(c<&Numbered::n> > 1));
    // docs:end window_filter

    // docs:begin nested_aggregate
    conn.execute(retort::select(retort::sum(retort::count()).over())  // a window over the groups
                     .from<User>()
                     .group_by(c<&User::name>));
    // docs:end nested_aggregate

    // docs:begin union
    conn.execute(retort::select(c<&User::name>).union_(retort::select(c<&Post::title>)));  // one text column each
    conn.execute(retort::select(c<&User::name>)
                     .union_(retort::select(c<&Post::title>))
                     .order_by(c<&User::name>));  // a column of the first member
    // docs:end union

    // docs:begin arithmetic
    conn.execute(retort::select(c<&User::name> + "!"));  // text + text is ||
    conn.execute(retort::select(c<&User::name> + retort::cast<std::string>(c<&User::id>)));  // convert the number
    conn.execute(retort::select(c<&User::id> + 1));  // number + number
    // docs:end arithmetic

    // docs:begin sqlite_locking
    {
        auto tx = conn.begin(retort::isolation::immediate);  // SQLite: take the write lock at BEGIN
        conn.execute(retort::select<User>().where(c<&User::id> == ann.id));
        conn.execute(retort::update<User>().set(c<&User::age> = 35).where(c<&User::id> == ann.id));
        tx.commit();
    }
    conn.execute(retort::delete_from<Post>().where(
        retort::in(c<&Post::user_id>, retort::select(c<&User::id>).where(c<&User::name> == "nobody"))));
    // docs:end sqlite_locking

    // docs:begin window
    conn.execute(retort::select(c<&User::name>, retort::row_number().over(retort::order_by(c<&User::id>))));
    // docs:end window

    std::cout << "every fix compiled and ran\n";
}
