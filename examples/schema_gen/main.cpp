// examples/schema_gen/main.cpp — queries against models that schema_gen wrote at build
// time from schema.sql (meson.build's custom_target). The program creates the tables
// from those same models, fills them and checks the database against the models.
#include <retort/inspect/check.hpp>
#include <retort/retort.hpp>

#include <iostream>

#include "models.hpp"  // generated: struct Author, struct Book, their table declarations

using retort::c;
using namespace std::chrono;

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<shop::Author, shop::Book>(conn);

    shop::Author ursula{.id = 0, .name = "Ursula K. Le Guin", .born = 1929y / October / 21d};
    conn.execute(retort::insert(ursula));  // the generated key is written back
    for (auto [title, price] : {std::pair{"A Wizard of Earthsea", "8.99"}, {"The Dispossessed", "10.50"}})
        conn.execute(retort::insert(shop::Book{.id = 0, .author_id = ursula.id, .title = title,
                                               .price = retort::decimal<8, 2>{price}, .published = std::nullopt}));

    const auto q = retort::select(c<&shop::Book::title>, c<&shop::Book::price>)
                       .where(c<&shop::Book::author_id> == ursula.id && c<&shop::Book::price> < 10)
                       .order_by(c<&shop::Book::title>);
    for (const auto& [title, price] : conn.execute(q)) std::cout << title << ": " << price.text << '\n';

    const auto report = retort::check_schema<shop::Author, shop::Book>(conn);
    std::cout << (report.ok() ? "schema matches the models\n" : report.to_string());
    return report.ok() ? 0 : 1;
}
