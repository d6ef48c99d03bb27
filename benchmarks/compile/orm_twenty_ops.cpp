// Compile-cost benchmark: the ORM. Three models with relationships (models_three.hpp), 20
// session operations: gets, adds through a relationship, queries with loading options,
// change tracking, merge/refresh/expire, a bulk UPDATE, flush and commit. The same work
// in Core is core_twenty_ops.cpp; benchmarks/compile/run measures both.
#include <retort/orm.hpp>

#include "models_three.hpp"

template <>
inline constexpr auto retort::relations_of<Author> =
    retort::relations<Author>(retort::has_many<"books", &Book::author_id>(retort::cascade::all));
template <>
inline constexpr auto retort::relations_of<Book> = retort::relations<Book>(
    retort::belongs_to<"author", &Book::author_id>(), retort::has_many<"reviews", &Review::book_id>(retort::cascade::all));
template <>
inline constexpr auto retort::relations_of<Review> =
    retort::relations<Review>(retort::belongs_to<"book", &Review::book_id>());

using retort::c;

std::int64_t run_all(retort::engine& engine, std::int64_t id, const std::string& name) {
    std::int64_t n = 0;
    retort::session s{engine};
    if (Author* a = s.get<Author>(id)) n += a->id;                                                        // 1
    Book& book = s.get_one<Book>(id);                                                                     // 2
    Author& author = s.add(Author{0, name, name + "@example.com", 1970});                                 // 3
    Book& draft = s.related<"books">(author).push_back(Book{0, 0, "draft", std::nullopt, 9.5, 0});        // 4
    for (Book& b : s.query<Book>().where(c<&Book::price> > 10.0).order_by(c<&Book::title>).limit(10).all())
        n += b.id;                                                                                        // 5
    for (Author& a : s.query<Author>().options(retort::selectin<"books">).all())
        n += static_cast<std::int64_t>(s.related<"books">(a).size());                                     // 6
    for (Review& r : s.query<Review>().where(c<&Review::stars> >= 4).all()) n += r.stars;                 // 7
    book.price += 1.0;
    n += s.is_modified(book);                                                                             // 8
    n += static_cast<std::int64_t>(s.history<&Book::price>(book).old_value);                              // 9
    n += static_cast<std::int64_t>(s.changed_columns(book).size());                                       // 10
    s.flush();                                                                                            // 11
    if (Author* a = s.related<"author">(book)) n += a->id;                                                // 12
    for (Review& r : s.related<"reviews">(book)) n += r.stars;                                            // 13
    if (Review* r = s.query<Review>().where(c<&Review::book_id> == book.id).first()) s.remove(*r);        // 14
    n += s.merge(Author{id, name, name + "@example.org", std::nullopt}).id;                               // 15
    s.refresh(author);                                                                                    // 16
    s.expire(draft);                                                                                      // 17
    n += s.execute(retort::update<Book>().set(c<&Book::year> = 2001).where(c<&Book::author_id> == id));   // 18
    for (Book& b : s.query<Book>().where(c<&Book::author_id> == id).options(retort::selectin<"reviews">).all())
        n += static_cast<std::int64_t>(s.related<"reviews">(b).size());                                   // 19
    s.commit();                                                                                           // 20
    return n;
}
