// Compile-cost benchmark: the work of orm_twenty_ops.cpp written with Core statements on
// the same three models (models_three.hpp): what the session saves you writing, and what
// it costs the compiler. benchmarks/compile/run measures both.
#include <retort/retort.hpp>

#include <vector>

#include "models_three.hpp"

using retort::c;

std::int64_t run_all(retort::engine& engine, std::int64_t id, const std::string& name) {
    std::int64_t n = 0;
    auto conn = engine.connect();
    auto tx = conn.begin();
    if (auto a = conn.execute(retort::select<Author>().where(c<&Author::id> == id)).first()) n += a->id;  // 1
    Book book = conn.execute(retort::select<Book>().where(c<&Book::id> == id)).one();                     // 2
    const Book loaded = book;
    Author author{0, name, name + "@example.com", 1970};
    n += conn.execute(retort::insert(author));                                                            // 3
    Book draft{0, author.id, "draft", std::nullopt, 9.5, 0};
    n += conn.execute(retort::insert(draft));                                                             // 4
    for (const Book& b : conn.execute(
             retort::select<Book>().where(c<&Book::price> > 10.0).order_by(c<&Book::title>).limit(10)))
        n += b.id;                                                                                        // 5
    std::vector<std::int64_t> author_ids;
    for (const Author& a : conn.execute(retort::select<Author>())) author_ids.push_back(a.id);
    for (const Book& b : conn.execute(retort::select<Book>().where(retort::in(c<&Book::author_id>, author_ids))))
        n += b.author_id;                                                                                 // 6
    for (const Review& r : conn.execute(retort::select<Review>().where(c<&Review::stars> >= 4))) n += r.stars;  // 7
    book.price += 1.0;
    n += book.price != loaded.price;                                                                      // 8
    n += static_cast<std::int64_t>(loaded.price);                                                         // 9
    n += (book.price != loaded.price) + (book.title != loaded.title);                                     // 10
    n += conn.execute(retort::update<Book>()
                          .set(c<&Book::price> = book.price, c<&Book::version> = book.version + 1)
                          .where(c<&Book::id> == book.id && c<&Book::version> == book.version));          // 11
    if (auto a = conn.execute(retort::select<Author>().where(c<&Author::id> == book.author_id)).first())
        n += a->id;                                                                                       // 12
    for (const Review& r : conn.execute(retort::select<Review>().where(c<&Review::book_id> == book.id)))
        n += r.stars;                                                                                     // 13
    if (auto r = conn.execute(retort::select<Review>().where(c<&Review::book_id> == book.id).limit(1)).first())
        n += conn.execute(retort::delete_from<Review>().where(c<&Review::id> == r->id));                  // 14
    n += conn.execute(retort::update<Author>()
                          .set(c<&Author::name> = name, c<&Author::email> = name + "@example.org",
                               c<&Author::born> = retort::null)
                          .where(c<&Author::id> == id));                                                  // 15
    if (auto a = conn.execute(retort::select<Author>().where(c<&Author::id> == author.id)).first())
        author = *a;                                                                                      // 16
    if (auto d = conn.execute(retort::select<Book>().where(c<&Book::id> == draft.id)).first()) draft = *d;  // 17
    n += conn.execute(retort::update<Book>().set(c<&Book::year> = 2001).where(c<&Book::author_id> == id));  // 18
    std::vector<std::int64_t> book_ids;
    for (const Book& b : conn.execute(retort::select<Book>().where(c<&Book::author_id> == id))) book_ids.push_back(b.id);
    for (const Review& r : conn.execute(retort::select<Review>().where(retort::in(c<&Review::book_id>, book_ids))))
        n += r.stars;                                                                                     // 19
    tx.commit();                                                                                          // 20
    return n;
}
