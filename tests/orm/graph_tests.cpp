// tests/orm/graph_tests.cpp — flushing object graphs: INSERTs parents first, generated keys
// propagated into the children's foreign keys, both directions of a relationship kept in
// step, moving children, link()/unlink, delete-orphan, cascade delete (loaded children or
// not), and association rows of a many-to-many declared on both sides written once.
#include "common.hpp"

#include <algorithm>

using retort::object_state;

namespace {

/// The position of the first recorded statement starting with `prefix`, from `from`.
std::size_t first_index(const std::vector<std::string>& sql, std::string_view prefix) {
    for (std::size_t i = 0; i < sql.size(); ++i)
        if (std::string_view(sql[i]).substr(0, prefix.size()) == prefix) return i;
    return sql.size();
}

Author seed_author_with_books(fixture& f, std::string name, int books) {
    Author a{0, std::move(name)};
    f.check.execute(retort::insert(a));
    for (int i = 0; i < books; ++i) {
        Book b{0, a.id, a.name + " book " + std::to_string(i), std::nullopt, 0};
        f.check.execute(retort::insert(b));
    }
    return a;
}

}  // namespace

TEST_CASE("graph: a new author with three new books in one add + push_back, one flush") {
    fixture f;
    retort::session s{f.engine};
    Author& a = s.add(Author{0, "Le Guin"});
    auto books = s.related<"books">(a);
    Book& b1 = books.push_back(Book{0, 0, "Earthsea", 1968, 0});
    Book& b2 = books.push_back(Book{0, 0, "Tehanu", 1990, 0});
    Book& b3 = books.push_back(Book{0, 0, "Tales", std::nullopt, 0});
    CHECK(books.size() == 3);
    CHECK(s.related<"author">(b2) == &a);  // the reverse direction, before any flush
    CHECK(s.state_of(b1) == object_state::pending);

    auto m = f.rec->mark();
    s.flush();
    const auto sent = f.rec->data_since(m);
    CHECK_MESSAGE(sent.size() == 4, join(sent));
    CHECK(f.rec->count_since(m, R"(INSERT INTO "ormt_authors")") == 1);
    CHECK(f.rec->count_since(m, R"(INSERT INTO "ormt_books")") == 3);
    CHECK(first_index(sent, R"(INSERT INTO "ormt_authors")") < first_index(sent, R"(INSERT INTO "ormt_books")"));
    REQUIRE(a.id != 0);
    for (Book* b : {&b1, &b2, &b3}) {
        CHECK(b->id != 0);
        CHECK(b->author_id == a.id);
        CHECK(s.state_of(*b) == object_state::persistent);
    }
    s.commit();
    const auto rows = f.check.execute(retort::select<Book>().order_by(c<&Book::id>)).all();
    REQUIRE(rows.size() == 3);
    for (const auto& r : rows) CHECK(r.author_id == a.id);
    CHECK(rows[0].title == "Earthsea");
    CHECK(f.rows<Author>() == 1);
}

TEST_CASE("graph: new orders with new lines (the foreign key is part of the lines' composite key)") {
    fixture f;
    retort::session s{f.engine};
    Order& o1 = s.add(Order{0, "Ann"});
    Order& o2 = s.add(Order{0, "Bob"});
    OrderLine& apple = s.related<"lines">(o1).push_back(OrderLine{0, 1, "apple", 3});
    s.related<"lines">(o1).push_back(OrderLine{0, 2, "pear", 1});
    OrderLine& plum = s.related<"lines">(o2).push_back(OrderLine{0, 1, "plum", 9});
    s.commit();
    REQUIRE(o1.id != 0);
    CHECK(apple.order_id == o1.id);
    CHECK(plum.order_id == o2.id);

    auto m = f.rec->mark();
    CHECK(s.get<OrderLine>(o1.id, 1) == &apple);  // in the identity map under its new key
    CHECK(s.get<OrderLine>(o2.id, 1) == &plum);
    CHECK(f.rec->since(m).empty());

    CHECK(f.rows<OrderLine>() == 3);
    CHECK(f.row<OrderLine>(c<&OrderLine::order_id> == o1.id && c<&OrderLine::line_no> == 2)->product == "pear");
    CHECK(f.row<OrderLine>(c<&OrderLine::order_id> == o2.id && c<&OrderLine::line_no> == 1)->qty == 9);
}

TEST_CASE("graph: an employee hierarchy added in one go, children before their managers") {
    fixture f;
    retort::session s{f.engine};
    Employee& dev = s.add(Employee{0, std::nullopt, "dev"});
    Employee& lead = s.add(Employee{0, std::nullopt, "lead"});
    Employee& boss = s.add(Employee{0, std::nullopt, "boss"});
    s.link<"manager">(dev, &lead);
    s.link<"manager">(lead, &boss);
    Employee& intern = s.related<"reports">(dev).push_back(Employee{0, std::nullopt, "intern"});
    CHECK(s.related<"manager">(dev) == &lead);
    CHECK(s.related<"reports">(boss).contains(lead));
    CHECK(s.related<"manager">(intern) == &dev);

    s.commit();
    CHECK(boss.manager_id == std::nullopt);
    CHECK(lead.manager_id == boss.id);
    CHECK(dev.manager_id == lead.id);
    CHECK(intern.manager_id == dev.id);

    auto manager_of = [&](std::int64_t id) { return f.row<Employee>(c<&Employee::id> == id)->manager_id; };
    CHECK(manager_of(boss.id) == std::nullopt);
    CHECK(manager_of(lead.id) == boss.id);
    CHECK(manager_of(dev.id) == lead.id);
    CHECK(manager_of(intern.id) == dev.id);
    CHECK(f.rows<Employee>() == 4);

    SUBCASE("a cycle among new objects with a nullable key: one row is inserted with NULL, then updated") {
        Employee& x = s.add(Employee{0, std::nullopt, "x"});
        Employee& y = s.add(Employee{0, std::nullopt, "y"});
        s.link<"manager">(x, &y);
        s.link<"manager">(y, &x);
        s.commit();
        CHECK(x.manager_id == y.id);
        CHECK(y.manager_id == x.id);
        CHECK(f.rows<Employee>() == 6);
        CHECK(f.row<Employee>(c<&Employee::id> == x.id)->manager_id == y.id);
        CHECK(f.row<Employee>(c<&Employee::id> == y.id)->manager_id == x.id);
    }
    SUBCASE("reports of loaded employees, in a new session") {
        retort::session t{f.engine};
        Employee& b = t.get_one<Employee>(boss.id);
        auto reports = t.related<"reports">(b);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].name == "lead");
        CHECK(t.related<"manager">(reports[0]) == &b);
    }
}

TEST_CASE("graph: moving a book to another author (push_back, link) keeps both collections in step") {
    fixture f;
    const Author a1 = seed_author_with_books(f, "one", 2);
    const Author a2 = seed_author_with_books(f, "two", 0);
    retort::session s{f.engine};
    Author& x = s.get_one<Author>(a1.id);
    Author& y = s.get_one<Author>(a2.id);
    auto xb = s.related<"books">(x);
    auto yb = s.related<"books">(y);
    REQUIRE(xb.size() == 2);
    CHECK(yb.empty());
    Book& moved = xb[0];
    Book& linked = xb[1];

    yb.push_back(moved);
    CHECK(xb.size() == 1);
    CHECK(yb.size() == 1);
    CHECK(moved.author_id == y.id);
    CHECK(s.related<"author">(moved) == &y);

    s.link<"author">(linked, &y);
    CHECK(xb.empty());
    CHECK(yb.size() == 2);
    CHECK(yb.contains(linked));
    CHECK(linked.author_id == y.id);

    auto m = f.rec->mark();
    s.commit();
    CHECK(f.rec->count_since(m, R"(UPDATE "ormt_books")") == 2);
    CHECK(f.rec->count_since(m, R"(DELETE)") == 0);  // moved, not orphaned
    CHECK(f.rows<Book>() == 2);
    for (const Book& b : f.all<Book>()) CHECK(b.author_id == a2.id);
}

TEST_CASE("graph: link() to a new author writes its key after inserting it; unlinking a NOT NULL key is an error") {
    fixture f;
    const Author a1 = seed_author_with_books(f, "one", 1);
    retort::session s{f.engine};
    Book& b = s.query<Book>().one();
    Author& fresh = s.add(Author{0, "fresh"});
    s.link<"author">(b, &fresh);
    CHECK(s.related<"author">(b) == &fresh);
    CHECK_THROWS_AS(s.link<"author">(b, static_cast<Author*>(nullptr)), retort::session_error);
    s.commit();
    REQUIRE(fresh.id != 0);
    CHECK(b.author_id == fresh.id);
    CHECK(f.row<Book>(c<&Book::id> == b.id)->author_id == fresh.id);
    CHECK(f.row<Book>(c<&Book::id> == b.id)->version == 1);
    CHECK(f.rows<Author>() == 2);
    (void)a1;
}

TEST_CASE("graph: unlinking with a nullable foreign key sets it to NULL (erase, link to nullptr)") {
    fixture f;
    Club club{0, "chess"};
    f.check.execute(retort::insert(club));
    Member m1{0, club.id, "ann"};
    Member m2{0, club.id, "bob"};
    f.check.execute(retort::insert(m1));
    f.check.execute(retort::insert(m2));

    retort::session s{f.engine};
    Club& cl = s.get_one<Club>(club.id);
    auto members = s.related<"members">(cl);
    REQUIRE(members.size() == 2);
    Member& ann = s.get_one<Member>(m1.id);
    Member& bob = s.get_one<Member>(m2.id);
    members.erase(ann);
    CHECK(ann.club_id == std::nullopt);
    CHECK(members.size() == 1);
    s.link<"club">(bob, static_cast<Club*>(nullptr));
    CHECK(bob.club_id == std::nullopt);
    CHECK(members.empty());
    CHECK(s.related<"club">(bob) == nullptr);
    CHECK_THROWS_AS(members.erase(bob), retort::session_error);  // not in the collection any more
    s.commit();
    CHECK(f.rows<Member>() == 2);
    for (const Member& m : f.all<Member>()) CHECK(m.club_id == std::nullopt);
}

TEST_CASE("graph: delete-orphan — an object taken out of its parent's collection is deleted") {
    fixture f;
    const Author a = seed_author_with_books(f, "one", 2);
    Order o{0, "Ann"};
    f.check.execute(retort::insert(o));
    f.check.execute(retort::insert(OrderLine{o.id, 1, "apple", 1}));
    f.check.execute(retort::insert(OrderLine{o.id, 2, "pear", 1}));

    retort::session s{f.engine};
    auto books = s.related<"books">(s.get_one<Author>(a.id));
    Book& gone = books[0];
    const auto gone_id = gone.id;
    books.erase(gone);
    CHECK(s.state_of(gone) == object_state::deleted);
    CHECK(books.size() == 1);

    Order& order = s.get_one<Order>(o.id);
    auto lines = s.related<"lines">(order);
    REQUIRE(lines.size() == 2);
    OrderLine& pear = *std::find_if(lines.begin(), lines.end(), [](const OrderLine& l) { return l.line_no == 2; });
    lines.erase(pear);
    s.commit();
    CHECK(s.state_of(gone) == object_state::detached);
    CHECK(f.rows<Book>() == 1);
    CHECK_FALSE(f.row<Book>(c<&Book::id> == gone_id).has_value());
    CHECK(f.rows<OrderLine>() == 1);
    CHECK(f.all<OrderLine>().front().product == "apple");
}

TEST_CASE("graph: cascade delete takes loaded and not-loaded children along") {
    fixture f;
    const Author a1 = seed_author_with_books(f, "loaded", 2);
    const Author a2 = seed_author_with_books(f, "not loaded", 3);
    const Author keep = seed_author_with_books(f, "kept", 1);
    Tag t{0, "t"};
    f.check.execute(retort::insert(t));
    for (const Book& b : f.all<Book>()) f.check.execute(retort::insert(BookTag{b.id, t.id}));

    retort::session s{f.engine};
    Author& x = s.get_one<Author>(a1.id);
    auto xb = s.related<"books">(x);
    REQUIRE(xb.size() == 2);
    Book& first = xb[0];
    s.remove(x);
    CHECK(s.state_of(first) == object_state::deleted);

    Author& y = s.get_one<Author>(a2.id);
    auto m = f.rec->mark();
    s.remove(y);  // its books are loaded to be removed with it
    CHECK(f.rec->data_since(m).size() == 1);
    s.commit();

    CHECK(f.rows<Author>() == 1);
    CHECK(f.rows<Book>() == 1);
    CHECK(f.all<Book>().front().author_id == keep.id);
    CHECK(f.rows<BookTag>() == 1);
    CHECK(f.rows<Tag>() == 1);
}

TEST_CASE("graph: removing a parent whose nullable children have no ON DELETE action unlinks them first") {
    fixture f;
    Club club{0, "chess"};
    f.check.execute(retort::insert(club));
    f.check.execute(retort::insert(Member{0, club.id, "ann"}));
    f.check.execute(retort::insert(Member{0, club.id, "bob"}));
    retort::session s{f.engine};
    s.remove(s.get_one<Club>(club.id));  // members not loaded
    auto m = f.rec->mark();
    s.commit();
    const auto sent = f.rec->data_since(m);
    CHECK_MESSAGE(first_index(sent, R"(UPDATE "ormt_members")") < first_index(sent, R"(DELETE FROM "ormt_clubs")"),
                  join(sent));
    CHECK(f.rows<Club>() == 0);
    CHECK(f.rows<Member>() == 2);
    for (const Member& mem : f.all<Member>()) CHECK(mem.club_id == std::nullopt);
}

TEST_CASE("graph: a many-to-many declared on both sides writes and deletes each association row once") {
    fixture f;
    const Author a = seed_author_with_books(f, "one", 1);
    Tag t1{0, "t1"};
    Tag t2{0, "t2"};
    f.check.execute(retort::insert(t1));
    f.check.execute(retort::insert(t2));
    const Book seed_book = f.all<Book>().front();
    f.check.execute(retort::insert(BookTag{seed_book.id, t1.id}));

    retort::session s{f.engine};
    Book& b = s.query<Book>().options(retort::selectin<"tags">).one();
    auto tags = s.query<Tag>().options(retort::selectin<"books">).order_by(c<&Tag::label>).all();
    REQUIRE(tags.size() == 2);
    Tag& x = tags[0];
    Tag& y = tags[1];
    REQUIRE(s.related<"tags">(b).size() == 1);
    CHECK(s.related<"books">(x).contains(b));
    CHECK(s.related<"books">(y).empty());

    s.related<"tags">(b).push_back(y);
    CHECK(s.related<"books">(y).contains(b));  // the other side shows it at once
    auto m = f.rec->mark();
    s.flush();
    CHECK_MESSAGE(f.rec->count_since(m, R"(INSERT INTO "ormt_book_tags")") == 1, join(f.rec->since(m)));

    s.related<"books">(x).erase(b);  // from the other side this time
    CHECK_FALSE(s.related<"tags">(b).contains(x));
    m = f.rec->mark();
    s.flush();
    CHECK_MESSAGE(f.rec->count_since(m, R"(DELETE FROM "ormt_book_tags")") == 1, join(f.rec->since(m)));
    s.commit();

    const auto rows = f.all<BookTag>();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].book_id == b.id);
    CHECK(rows[0].tag_id == y.id);
    CHECK(f.rows<Tag>() == 2);
    (void)a;
}

TEST_CASE("graph: new books tagged with new tags, all in one flush") {
    fixture f;
    retort::session s{f.engine};
    Author& a = s.add(Author{0, "A"});
    Book& b = s.related<"books">(a).push_back(Book{0, 0, "B", std::nullopt, 0});
    Tag& t = s.add(Tag{0, "new"});
    s.related<"tags">(b).push_back(t);
    s.related<"tags">(b).push_back(t);  // twice: one row
    CHECK(s.related<"tags">(b).size() == 1);
    auto m = f.rec->mark();
    s.commit();
    CHECK(f.rec->count_since(m, R"(INSERT INTO "ormt_book_tags")") == 1);
    const auto rows = f.all<BookTag>();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].book_id == b.id);
    CHECK(rows[0].tag_id == t.id);
}
