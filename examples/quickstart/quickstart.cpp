#include <retort/retort.hpp>

#include <iostream>

struct User {
    std::int64_t id;
    std::string name;
    std::optional<int> age;
};

template <>
inline constexpr auto retort::table_of<User> =
    retort::table<User>("users", retort::primary_key<&User::id>, retort::unique<&User::name>);

using retort::c;

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<User>(conn);

    User ann{.id = 0, .name = "Ann", .age = 34};
    conn.execute(retort::insert(ann));                      // ann.id is now set
    conn.execute(retort::insert(User{0, "Bob", std::nullopt}));

    auto q = retort::select(c<&User::name>, c<&User::age>)
                 .where(c<&User::age> > 30 || retort::is_null(c<&User::age>))
                 .order_by(c<&User::name>);
    static_assert(retort::sql<decltype(q), retort::postgresql> ==
                  R"(SELECT "users"."name", "users"."age" FROM "users" )"
                  R"(WHERE "users"."age" > $1 OR "users"."age" IS NULL ORDER BY "users"."name" ASC)");

    for (const auto& [name, age] : conn.execute(q))         // std::tuple<std::string, std::optional<int>>
        std::cout << name << ": " << (age ? std::to_string(*age) : "unknown") << '\n';

    conn.execute(retort::update<User>().set(c<&User::age> = 35).where(c<&User::id> == ann.id));
    std::cout << "Ann is " << *conn.execute(retort::select<User>().where(c<&User::id> == ann.id)).one().age << '\n';
}
