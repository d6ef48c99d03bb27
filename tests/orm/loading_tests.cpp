// tests/orm/loading_tests.cpp — loader strategies, proved by counting the statements that
// reach the database (the engine's before_execute events): lazy (one at first access, none
// after), selectin (one per relationship whatever the number of parents), chained paths,
// raise (declared and per query), and many-to-one targets already in the identity map.
#include "common.hpp"

namespace {

/// `authors` authors with `books` books each; every book gets tag t1, even books t2 too
/// (unless `tagged` is false).
void seed_library(fixture& f, int authors, int books, bool tagged = true) {
    auto tx = f.check.begin();
    Tag t1{0, "t1"};
    Tag t2{0, "t2"};
    f.check.execute(retort::insert(t1));
    f.check.execute(retort::insert(t2));
    for (int i = 0; i < authors; ++i) {
        Author a{0, "author " + std::to_string(i)};
        f.check.execute(retort::insert(a));
        for (int j = 0; j < books; ++j) {
            Book b{0, a.id, a.name + " / " + std::to_string(j), std::nullopt, 0};
            f.check.execute(retort::insert(b));
            if (!tagged) continue;
            f.check.execute(retort::insert(BookTag{b.id, t1.id}));
            if (j % 2 == 0) f.check.execute(retort::insert(BookTag{b.id, t2.id}));
        }
    }
    tx.commit();
}

}  // namespace

TEST_CASE("loading: lazy — one statement at the first access, none after") {
    fixture f;
    seed_library(f, 1, 3);
    retort::session s{f.engine};
    Author& a = s.query<Author>().one();

    auto m = f.rec->mark();
    auto books = s.related<"books">(a);
    CHECK(books.size() == 3);
    CHECK_MESSAGE(f.rec->data_since(m).size() == 1, join(f.rec->since(m)));

    m = f.rec->mark();
    for (Book& b : s.related<"books">(a)) {
        CHECK(b.author_id == a.id);
        CHECK(s.related<"author">(b) == &a);  // many-to-one to an object in the identity map
    }
    CHECK(s.related<"books">(a).size() == 3);
    CHECK_MESSAGE(f.rec->since(m).empty(), join(f.rec->since(m)));

    m = f.rec->mark();
    CHECK(s.related<"tags">(books[0]).size() == 2);  // lazy many-to-many: association rows, then tags
    CHECK(f.rec->data_since(m).size() == 2);
    m = f.rec->mark();
    CHECK(s.related<"tags">(books[2]).size() == 2);  // the tags are in the identity map now
    CHECK(f.rec->data_since(m).size() == 1);
}

TEST_CASE("loading: selectin costs one statement for the children of N parents, whatever N") {
    for (const int n : {3, 300}) {
        CAPTURE(n);
        fixture f;
        seed_library(f, n, 2, false);
        retort::session s{f.engine};
        auto m = f.rec->mark();
        auto authors = s.query<Author>().options(retort::selectin<"books">).all();
        CHECK(authors.size() == static_cast<std::size_t>(n));
        const auto sent = f.rec->data_since(m);
        CHECK_MESSAGE(sent.size() == 2, join(sent));

        m = f.rec->mark();
        std::size_t books = 0;
        for (Author& a : authors)
            for (Book& b : s.related<"books">(a)) {
                CHECK(b.author_id == a.id);
                ++books;
            }
        CHECK(books == static_cast<std::size_t>(2 * n));
        CHECK_MESSAGE(f.rec->since(m).empty(), join(f.rec->since(m)));
    }
}

TEST_CASE("loading: a chained path books.tags loads each level once") {
    fixture f;
    seed_library(f, 4, 3);
    retort::session s{f.engine};
    auto m = f.rec->mark();
    auto authors = s.query<Author>().options(retort::selectin<"books.tags">).all();
    const auto sent = f.rec->data_since(m);
    CHECK_MESSAGE(sent.size() == 4, join(sent));  // authors, books, association rows, tags
    CHECK(f.rec->count_since(m, R"(SELECT "ormt_tags")") == 1);

    m = f.rec->mark();
    std::size_t links = 0;
    for (Author& a : authors)
        for (Book& b : s.related<"books">(a)) links += s.related<"tags">(b).size();
    CHECK(links == 4 * (3 + 2));
    CHECK_MESSAGE(f.rec->since(m).empty(), join(f.rec->since(m)));
    CHECK(f.rows<BookTag>() == static_cast<std::int64_t>(links));
}

TEST_CASE("loading: a relationship declared selectin is loaded with every query of its parent") {
    fixture f;
    for (int i = 0; i < 5; ++i) {
        Order o{0, "customer " + std::to_string(i)};
        f.check.execute(retort::insert(o));
        for (int l = 1; l <= 3; ++l) f.check.execute(retort::insert(OrderLine{o.id, l, "p", l}));
    }
    retort::session s{f.engine};
    auto m = f.rec->mark();
    auto orders = s.query<Order>().all();
    CHECK_MESSAGE(f.rec->data_since(m).size() == 2, join(f.rec->since(m)));
    m = f.rec->mark();
    for (Order& o : orders) {
        auto lines = s.related<"lines">(o);
        CHECK(lines.size() == 3);
        for (OrderLine& l : lines) CHECK(s.related<"order">(l) == &o);
    }
    CHECK(f.rec->since(m).empty());

    m = f.rec->mark();
    Order* one = s.get<Order>(orders[0].id + 100000);  // a miss: one SELECT, nothing to load
    CHECK(one == nullptr);
    CHECK(f.rec->data_since(m).size() == 1);
}

TEST_CASE("loading: raise — declared in relations_of, and per query with raiseload") {
    fixture f;
    seed_library(f, 2, 1);
    retort::session s{f.engine};

    Tag& t = s.query<Tag>().where(c<&Tag::label> == "t1").one();
    auto m = f.rec->mark();
    try {
        (void)s.related<"books">(t);
        FAIL("an unloaded raise relationship was loaded");
    } catch (const retort::session_error& e) {
        const std::string_view what = e.what();
        CHECK_MESSAGE(what.find("'ormt_tags.books'") != std::string_view::npos, what);
        CHECK(what.find("selectin<\"books\">") != std::string_view::npos);
    }
    CHECK(f.rec->since(m).empty());

    Tag& loaded = s.query<Tag>().where(c<&Tag::label> == "t1").options(retort::selectin<"books">).one();
    CHECK(&loaded == &t);
    CHECK(s.related<"books">(t).size() == 2);

    auto authors = s.query<Author>().options(retort::raiseload<"books">).all();
    REQUIRE(authors.size() == 2);
    try {
        (void)s.related<"books">(authors[0]);
        FAIL("raiseload<\"books\"> did not raise");
    } catch (const retort::session_error& e) {
        CHECK_MESSAGE(std::string_view(e.what()).find("'ormt_authors.books'") != std::string_view::npos, e.what());
    }
    // The same objects, queried again with selectin, load it.
    auto again = s.query<Author>().options(retort::selectin<"books">).all();
    CHECK(s.related<"books">(again[0]).size() == 1);
}

TEST_CASE("loading: many-to-one — no statement when the target is in the identity map, one when not") {
    fixture f;
    seed_library(f, 3, 2);
    retort::session s{f.engine};
    auto books = s.query<Book>().order_by(c<&Book::id>).all();
    REQUIRE(books.size() == 6);

    auto m = f.rec->mark();
    Author* first = s.related<"author">(books[0]);
    REQUIRE(first != nullptr);
    CHECK(f.rec->data_since(m).size() == 1);  // lazy: the author was not loaded
    m = f.rec->mark();
    CHECK(s.related<"author">(books[1]) == first);  // same author, in the identity map now
    CHECK(f.rec->since(m).empty());

    // selectin<"author"> for all books at once: one statement for the authors not yet loaded.
    retort::session t{f.engine};
    m = f.rec->mark();
    auto all = t.query<Book>().options(retort::selectin<"author">).all();
    CHECK_MESSAGE(f.rec->data_since(m).size() == 2, join(f.rec->since(m)));
    m = f.rec->mark();
    for (Book& b : all) CHECK(t.related<"author">(b)->id == b.author_id);
    CHECK(f.rec->since(m).empty());
}
