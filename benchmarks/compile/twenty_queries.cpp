// Compile-cost benchmark: one translation unit, two tables, 20 typical queries, each
// executed through the engine (so both dialects' SQL and the result readers are
// instantiated). benchmarks/compile/run measures time and peak memory of compiling it.
#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct User {
    std::int64_t id;
    std::string name;
    std::string email;
    std::optional<int> age;
    double balance;
};
struct Post {
    std::int64_t id;
    std::int64_t user_id;
    std::string title;
    double score;
    std::optional<std::string> body;
};

template <>
inline constexpr auto retort::table_of<User> =
    retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::email>, retort::index<&User::name>);
template <>
inline constexpr auto retort::table_of<Post> = retort::table<Post>(
    "posts", retort::primary_key<&Post::id>, retort::foreign_key<&Post::user_id, &User::id>(retort::on_delete::cascade));

using retort::c;

std::int64_t run_all(retort::connection& conn, std::int64_t id, const std::string& name) {
    std::int64_t n = 0;
    User u{0, name, name + "@example.com", 30, 1.5};
    n += conn.execute(retort::insert(u));                                                              // 1
    n += conn.execute(retort::insert(Post{0, u.id, "hello", 4.5, std::nullopt}));                       // 2
    for (const User& x : conn.execute(retort::select<User>().where(c<&User::id> == id))) n += x.id;     // 3
    for (auto [nm, age] : conn.execute(retort::select(c<&User::name>, c<&User::age>)
                                           .where(c<&User::age> > 18 && c<&User::name> != name)
                                           .order_by(retort::desc(c<&User::age>))
                                           .limit(10)))
        n += static_cast<std::int64_t>(nm.size()) + age.value_or(0);                                    // 4
    for (auto [nm, cnt] : conn.execute(retort::select(c<&User::name>, retort::count(c<&Post::id>))
                                           .left_join<Post>(c<&Post::user_id> == c<&User::id>)
                                           .group_by(c<&User::name>)))
        n += cnt + static_cast<std::int64_t>(nm.size());                                                // 5
    for (auto [t, s] : conn.execute(retort::select(c<&Post::title>, c<&Post::score>)
                                        .where(retort::between(c<&Post::score>, 1.0, 5.0))
                                        .order_by(c<&Post::score>)))
        n += static_cast<std::int64_t>(t.size() + s);                                                   // 6
    for (auto [a] : conn.execute(retort::select(retort::avg(c<&Post::score>)).where(c<&Post::user_id> == id)))
        n += static_cast<std::int64_t>(a.value_or(0));                                                  // 7
    n += conn.execute(retort::update<User>().set(c<&User::age> = 31).where(c<&User::id> == id));        // 8
    n += conn.execute(retort::update<Post>().set(c<&Post::score> = c<&Post::score> + 1.0).where(c<&Post::user_id> == id)); // 9
    n += conn.execute(retort::delete_from<Post>().where(c<&Post::score> < 0.0));                        // 10
    for (auto [nm, t] : conn.execute(retort::select(c<&User::name>, c<&Post::title>)
                                         .join<Post>(c<&Post::user_id> == c<&User::id>)
                                         .where(retort::like(c<&Post::title>, "h%"))))
        n += static_cast<std::int64_t>(nm.size() + t.size());                                           // 11
    for (auto [e] : conn.execute(retort::select(c<&User::email>).where(retort::is_null(c<&User::age>))))
        n += static_cast<std::int64_t>(e.size());                                                       // 12
    for (auto [m] : conn.execute(retort::select(retort::max(c<&User::balance>))))
        n += static_cast<std::int64_t>(m.value_or(0));                                                  // 13
    for (auto [id2] : conn.execute(retort::select(c<&User::id>)
                                       .where(retort::exists(retort::select(c<&Post::id>).from<Post>().where(
                                           c<&Post::user_id> == c<&User::id>)))))
        n += id2;                                                                                       // 14
    for (auto [t, r] : conn.execute(retort::select(c<&Post::title>, retort::row_number().over(
                                                                        retort::partition_by(c<&Post::user_id>),
                                                                        retort::order_by(retort::desc(c<&Post::score>))))))
        n += static_cast<std::int64_t>(t.size()) + r;                                                   // 15
    for (auto [nm, b] : conn.execute(retort::select(c<&User::name>, retort::coalesce(c<&User::age>, 0))
                                         .where(retort::in(c<&User::id>, 1, 2, 3))))
        n += static_cast<std::int64_t>(nm.size()) + b;                                                  // 16
    for (auto [cnt] : conn.execute(retort::select(retort::count()).from<Post>().where(c<&Post::body> == "x")))
        n += cnt;                                                                                       // 17
    for (const Post& p : conn.execute(retort::select<Post>().where(c<&Post::user_id> == id).limit(5).offset(1)))
        n += p.id;                                                                                      // 18
    for (auto [lbl] : conn.execute(retort::select(retort::case_when(c<&Post::score> > 4.0, "good").else_("other"))))
        n += static_cast<std::int64_t>(lbl.size());                                                     // 19
    n += conn.execute(retort::delete_from<User>().where(c<&User::email> == name + "@example.com"));    // 20
    return n;
}
