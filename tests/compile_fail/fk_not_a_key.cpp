// (f') A foreign key to a column that is neither the primary key nor unique (users.name).
#include "models.hpp"

struct Alias {
    std::int64_t id;
    std::string user_name;
};
template <>
inline constexpr auto retort::table_of<Alias> = retort::table<Alias>(
    "aliases", retort::primary_key<&Alias::id>, retort::foreign_key<&Alias::user_name, &User::name>);

struct Mail {
    std::int64_t id;
    std::string user_email;
};
template <>  // users.email is unique: a valid target
inline constexpr auto retort::table_of<Mail> = retort::table<Mail>(
    "mails", retort::primary_key<&Mail::id>, retort::foreign_key<&Mail::user_email, &User::email>);

int main() {
    constexpr auto ok = retort::sql<decltype(retort::create_table<Mail>()), retort::postgresql>;
    static_assert(!ok.empty());
#ifdef RETORT_EXPECT_FAIL
    constexpr auto bad = retort::sql<decltype(retort::create_table<Alias>()), retort::postgresql>;
    (void)bad;
#endif
}
