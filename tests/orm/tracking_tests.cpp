// tests/orm/tracking_tests.cpp — change tracking by snapshot: UPDATE sets only the changed
// columns (the SQL text is read from the engine's events), an assignment of the current
// value sends nothing, floating-point / optional / blob fields compare as documented, and
// is_modified / changed_columns / history report it.
#include "common.hpp"

#include <cmath>
#include <limits>

namespace {

struct seeded {
    Author author;
    Book book;
};

seeded seed_book(fixture& f) {
    seeded out{{0, "Le Guin"}, {}};
    f.check.execute(retort::insert(out.author));
    out.book = Book{0, out.author.id, "Earthsea", 1968, 0};
    f.check.execute(retort::insert(out.book));
    return out;
}

retort::blob bytes(std::initializer_list<int> v) {
    retort::blob out;
    for (int b : v) out.push_back(static_cast<std::byte>(b));
    return out;
}

}  // namespace

TEST_CASE("tracking: an UPDATE sets only the changed columns (and the version), nothing else") {
    fixture f;
    const auto seed = seed_book(f);
    retort::session s{f.engine};
    Book& b = s.get_one<Book>(seed.book.id);
    CHECK_FALSE(s.is_modified(b));
    CHECK(s.changed_columns(b).empty());

    b.title = "A Wizard of Earthsea";
    CHECK(s.is_modified(b));
    CHECK(s.changed_columns(b) == std::vector<std::string_view>{"title"});

    auto m = f.rec->mark();
    s.flush();
    const auto sent = f.rec->data_since(m);
    REQUIRE_MESSAGE(sent.size() == 1, join(f.rec->since(m)));
    if (f.on_sqlite())
        CHECK(sent[0] == R"(UPDATE "ormt_books" SET "title" = ?, "version" = ? WHERE "id" = ? AND "version" = ?)");
    else
        CHECK(sent[0] == R"(UPDATE "ormt_books" SET "title" = $1, "version" = $2 WHERE "id" = $3 AND "version" = $4)");
    CHECK(b.version == 1);
    CHECK_FALSE(s.is_modified(b));

    b.year = 1969;
    b.title = "Earthsea";
    m = f.rec->mark();
    s.flush();
    const auto second = f.rec->data_since(m);
    REQUIRE(second.size() == 1);
    CHECK(second[0].find(R"("title" = )") != std::string::npos);
    CHECK(second[0].find(R"("year" = )") != std::string::npos);
    CHECK(second[0].find(R"("author_id")") == std::string::npos);
    CHECK(b.version == 2);

    s.commit();
    const auto row = f.row<Book>(c<&Book::id> == seed.book.id);
    REQUIRE(row.has_value());
    CHECK(row->title == "Earthsea");
    CHECK(row->year == 1969);
    CHECK(row->version == 2);
    CHECK(row->author_id == seed.author.id);
}

TEST_CASE("tracking: assigning the current value sends nothing") {
    fixture f;
    const auto seed = seed_book(f);
    retort::session s{f.engine};
    Book& b = s.get_one<Book>(seed.book.id);
    Author& a = s.get_one<Author>(seed.author.id);
    b.title = std::string("Earthsea");
    b.year = 1968;
    b.author_id = seed.author.id;
    a.name = "Le Guin";
    CHECK_FALSE(s.is_modified(b));
    CHECK_FALSE(s.is_modified(a));
    auto m = f.rec->mark();
    s.flush();
    s.commit();
    CHECK_MESSAGE(f.rec->data_since(m).empty(), join(f.rec->since(m)));
    CHECK(f.row<Book>(c<&Book::id> == seed.book.id)->version == 0);
}

TEST_CASE("tracking: std::optional fields — null to value, value to null, null to null") {
    fixture f;
    const auto seed = seed_book(f);
    retort::session s{f.engine};
    Book& b = s.get_one<Book>(seed.book.id);

    b.year = std::nullopt;
    CHECK(s.changed_columns(b) == std::vector<std::string_view>{"year"});
    auto h = s.history<&Book::year>(b);
    CHECK(h.changed);
    CHECK(h.old_value == std::optional<std::int32_t>{1968});
    CHECK(h.new_value == std::nullopt);
    s.commit();
    CHECK(f.row<Book>(c<&Book::id> == seed.book.id)->year == std::nullopt);

    b.year = std::nullopt;
    CHECK_FALSE(s.is_modified(b));
    b.year = 0;  // a value, even 0, differs from NULL
    CHECK(s.is_modified(b));
    s.commit();
    CHECK(f.row<Book>(c<&Book::id> == seed.book.id)->year == std::optional<std::int32_t>{0});
}

TEST_CASE("tracking: doubles compare by their bits (NaN equals NaN, -0.0 differs from 0.0), blobs by content") {
    fixture f;
    Sample seed{0, 0.0, std::nullopt, std::nullopt, bytes({1, 2, 3})};
    f.check.execute(retort::insert(seed));
    retort::session s{f.engine};
    Sample& x = s.get_one<Sample>(seed.id);

    x.value = 0.0;
    CHECK_FALSE(s.is_modified(x));
    x.value = -0.0;
    CHECK(s.is_modified(x));
    CHECK(s.changed_columns(x) == std::vector<std::string_view>{"value"});
    x.value = 0.0;
    CHECK_FALSE(s.is_modified(x));

    x.maybe = std::nullopt;
    x.note = std::nullopt;
    x.payload = bytes({1, 2, 3});
    CHECK_FALSE(s.is_modified(x));
    x.note = std::string();  // '' is not NULL
    x.payload = bytes({1, 2, 4});
    x.maybe = -0.0;
    CHECK(s.changed_columns(x) == std::vector<std::string_view>{"maybe", "note", "payload"});
    const auto hp = s.history<&Sample::payload>(x);
    CHECK(hp.changed);
    CHECK(hp.old_value == bytes({1, 2, 3}));
    CHECK(hp.new_value == bytes({1, 2, 4}));
    s.commit();
    const auto row = f.row<Sample>(c<&Sample::id> == seed.id);
    REQUIRE(row.has_value());
    CHECK(row->note == std::optional<std::string>{""});
    CHECK(row->payload == bytes({1, 2, 4}));
    REQUIRE(row->maybe.has_value());
    CHECK(*row->maybe == 0.0);

    x.payload = bytes({1, 2, 4});  // the same content in a new vector
    CHECK_FALSE(s.is_modified(x));

    if (!f.on_sqlite()) {  // SQLite stores NaN as NULL; PostgreSQL keeps it
        x.value = std::numeric_limits<double>::quiet_NaN();
        CHECK(s.is_modified(x));
        s.commit();
        CHECK(std::isnan(f.row<Sample>(c<&Sample::id> == seed.id)->value));
        x.value = std::numeric_limits<double>::quiet_NaN();  // the same NaN again: nothing to write
        CHECK_FALSE(s.is_modified(x));
        s.refresh(x);
        CHECK(std::isnan(x.value));
        x.value = std::numeric_limits<double>::quiet_NaN();
        CHECK_FALSE(s.is_modified(x));
        x.value = -0.0;
        s.commit();
        CHECK(std::signbit(f.row<Sample>(c<&Sample::id> == seed.id)->value));
    } else {
        x.value = std::numeric_limits<double>::quiet_NaN();  // in memory: NaN is a change, and stays one
        CHECK(s.is_modified(x));
        x.value = 0.0;
        CHECK_FALSE(s.is_modified(x));
    }
}

TEST_CASE("tracking: history() of persistent and pending objects; is_modified of a pending object") {
    fixture f;
    const auto seed = seed_book(f);
    retort::session s{f.engine};
    Book& b = s.get_one<Book>(seed.book.id);
    auto h = s.history<&Book::title>(b);
    CHECK_FALSE(h.changed);
    CHECK(h.old_value == "Earthsea");
    CHECK(h.new_value == "Earthsea");
    b.title = "Tehanu";
    h = s.history<&Book::title>(b);
    CHECK(h.changed);
    CHECK(h.old_value == "Earthsea");
    CHECK(h.new_value == "Tehanu");
    s.flush();
    h = s.history<&Book::title>(b);  // after a flush the snapshot is what was written
    CHECK_FALSE(h.changed);
    CHECK(h.old_value == "Tehanu");

    Author& n = s.add(Author{0, "new"});
    CHECK(s.is_modified(n));
    CHECK(s.changed_columns(n).size() == 2);
    const auto hn = s.history<&Author::name>(n);
    CHECK(hn.changed);
    CHECK(hn.new_value == "new");
    s.commit();
    CHECK(f.rows<Author>() == 2);
}

TEST_CASE("tracking: assigning the version column yourself is session_error") {
    fixture f;
    const auto seed = seed_book(f);
    retort::session s{f.engine};
    Book& b = s.get_one<Book>(seed.book.id);
    b.version = 7;
    b.title = "x";
    CHECK_THROWS_AS(s.flush(), retort::session_error);
    CHECK(b.version == 0);
    CHECK(b.title == "Earthsea");
    CHECK(f.row<Book>(c<&Book::id> == seed.book.id)->version == 0);
}
