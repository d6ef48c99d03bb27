// examples/docs/operators.cpp — regular expressions, JSON values, extract(), the current
// time, aggregate FILTER / ORDER BY and ORDER BY a label (docs/expressions.md,
// docs/aggregates-and-windows.md). Runs on an in-memory SQLite database; what only
// PostgreSQL has is shown as its SQL.
#include "models.hpp"

#include <chrono>
#include <iostream>

struct Event {
    std::int64_t id;
    std::string name;
    retort::json data;
    std::chrono::sys_time<std::chrono::microseconds> at;
};
template <>
inline constexpr auto retort::table_of<Event> = retort::table<Event>("events", retort::primary_key<&Event::id>);

int main() {
    using namespace std::chrono;
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = open_shop(engine);
    retort::create_all<Event>(conn);
    conn.execute(retort::insert(Event{0, "signup", {R"({"user": {"name": "ann"}, "plan": "pro", "seats": 3})"},
                                      sys_days{2024y / 3 / 9} + 14h + 30min}));
    conn.execute(retort::insert(Event{0, "login", {R"({"user": {"name": "bob"}, "seats": 1})"},
                                      sys_days{2024y / 12 / 25} + 8h}));

    // docs:begin regex
    // PostgreSQL only: ~, ~*, !~, !~*, the pattern bound. On SQLite retort::sql<> does not
    // compile and execute() throws programming_error, with the same sentence.
    auto dune = retort::select(c<&Book::title>).where(retort::regex_match_icase(c<&Book::title>, "^(the )?dune"));
    std::cout << retort::sql<decltype(dune), retort::postgresql> << '\n';
    // docs:end regex

    // docs:begin json
    // json_get<T>(doc, key, ...): the declared type T, keys bound; std::optional<T> when a
    // row may lack the key.
    auto plans = retort::select(c<&Event::name>, retort::json_get<std::string>(c<&Event::data>, "user", "name"),
                                retort::json_get<std::optional<std::string>>(c<&Event::data>, "plan"))
                     .from<Event>()
                     .where(retort::json_get<std::int64_t>(c<&Event::data>, "seats") >= 1)
                     .order_by(c<&Event::id>);
    std::cout << retort::sql<decltype(plans), retort::sqlite> << '\n';
    for (auto [name, user, plan] : conn.execute(plans)) std::cout << name << ' ' << user << ' ' << plan.value_or("-") << '\n';
    // docs:end json

    // docs:begin dates
    // extract(part, x): year, month, day, hour, minute, dow (std::int64_t), second, epoch (double)
    namespace dp = retort::date_part;
    auto when = retort::select(c<&Event::name>, retort::extract(dp::month, c<&Event::at>),
                               retort::extract(dp::dow, c<&Event::at>), retort::extract(dp::hour, c<&Event::at>))
                    .from<Event>()
                    .where(c<&Event::at> < retort::current_timestamp())
                    .order_by(c<&Event::id>);
    std::cout << retort::sql<decltype(when), retort::sqlite> << '\n'
              << retort::sql<decltype(when), retort::postgresql> << '\n';
    for (auto [name, month, dow, hour] : conn.execute(when)) std::cout << name << ' ' << month << ' ' << dow << ' ' << hour << '\n';
    // docs:end dates

    // docs:begin filter
    // FILTER (WHERE ...) on any aggregate, both databases
    auto per_author = retort::select(c<&Author::name>, retort::count().as<"book_count">(),
                                     retort::count().filter(c<&Book::price> >= 9.0).as<"dear">(),
                                     retort::sum(c<&Book::pages>).filter(c<&Book::price> < 9.0).as<"cheap_pages">())
                          .from<Author>()
                          .join<Book>(c<&Book::author_id> == c<&Author::id>)
                          .group_by(c<&Author::name>)
                          .order_by(retort::label<"book_count">.desc(), c<&Author::name>);
    std::cout << retort::sql<decltype(per_author), retort::sqlite> << '\n';
    for (const auto& row : conn.execute(per_author))
        std::cout << std::get<0>(row) << ' ' << row.get<"book_count">() << ' ' << row.get<"dear">() << ' ' << row.get<"cheap_pages">().value_or(0) << '\n';
    // docs:end filter

    // docs:begin ordered
    // string_agg(x, sep): GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL; an ORDER BY
    // inside it (and array_agg) needs PostgreSQL.
    auto titles = retort::select(c<&Book::author_id>,
                                 retort::string_agg(c<&Book::title>, "; ").order_by(retort::desc(c<&Book::price>)),
                                 retort::array_agg(c<&Book::id>).order_by(c<&Book::id>))
                      .from<Book>()
                      .group_by(c<&Book::author_id>);
    std::cout << retort::sql<decltype(titles), retort::postgresql> << '\n';
    // docs:end ordered
}
