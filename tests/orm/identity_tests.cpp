// tests/orm/identity_tests.cpp — the identity map (one object per row, composite keys
// included), object states and their transitions, and the session's typed errors for
// objects used against its rules.
#include "common.hpp"

#include <algorithm>
#include <iterator>
#include <ranges>

using retort::object_state;

namespace {

Author seed_author(fixture& f, std::string name) {
    Author a{0, std::move(name)};
    f.check.execute(retort::insert(a));
    return a;
}

bool mentions(const std::exception& e, std::string_view text) {
    return std::string_view(e.what()).find(text) != std::string_view::npos;
}

}  // namespace

// ---- identity ------------------------------------------------------------------------------

TEST_CASE("identity: get<T> twice returns the same object; the second get sends no statement") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    retort::session s{f.engine};

    auto m = f.rec->mark();
    Author* first = s.get<Author>(ann.id);
    REQUIRE(first != nullptr);
    CHECK(first->name == "Ann");
    CHECK_MESSAGE(f.rec->data_since(m).size() == 1, join(f.rec->since(m)));

    m = f.rec->mark();
    Author* second = s.get<Author>(ann.id);
    Author& third = s.get_one<Author>(ann.id);
    CHECK(second == first);
    CHECK(&third == first);
    CHECK_MESSAGE(f.rec->since(m).empty(), "an identity-map hit sent:", join(f.rec->since(m)));

    CHECK(s.get<Author>(ann.id + 1000) == nullptr);
    CHECK_THROWS_AS(s.get_one<Author>(ann.id + 1000), retort::data_error);
    CHECK(s.size() == 1);
}

TEST_CASE("identity: a query returning a loaded row yields the same object and keeps its unflushed change") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    seed_author(f, "Bob");
    retort::session s{f.engine, {.autoflush = false}};
    Author& a = s.get_one<Author>(ann.id);
    a.name = "Ann (edited)";

    auto all = s.query<Author>().order_by(c<&Author::name>).all();
    REQUIRE(all.size() == 2);
    CHECK(&all[0] == &a);
    CHECK(&*std::find_if(all.begin(), all.end(), [](const Author& x) { return x.name == "Bob"; }) == &all[1]);
    CHECK(a.name == "Ann (edited)");
    CHECK(s.is_modified(a));
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann");  // nothing was sent

    SUBCASE("populate_existing() overwrites the object and its pending change") {
        auto again = s.query<Author>().where(c<&Author::id> == ann.id).populate_existing().all();
        REQUIRE(again.size() == 1);
        CHECK(&again[0] == &a);
        CHECK(a.name == "Ann");
        CHECK_FALSE(s.is_modified(a));
        s.commit();
        CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann");
    }
    SUBCASE("commit() writes the kept change") {
        s.commit();
        CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann (edited)");
        CHECK(f.rows<Author>() == 2);
    }
}

TEST_CASE("identity: a query's objects are a random-access range of the session's objects") {
    using objects = retort::objects<Author>;
    static_assert(std::ranges::random_access_range<objects> && std::ranges::sized_range<objects>);
    static_assert(std::is_same_v<std::ranges::range_reference_t<objects>, Author&>);
    fixture f;
    for (const char* name : {"Ann", "Bob", "Cid"}) seed_author(f, name);
    retort::session s{f.engine};
    Author& bob = *s.query<Author>().where(c<&Author::name> == "Bob").first();
    auto all = s.query<Author>().order_by(c<&Author::name>).all();
    REQUIRE(all.size() == 3);
    CHECK(&all[1] == &bob);
    CHECK(&*(all.begin() + 1) == &bob);
    CHECK(&all.begin()[1] == &bob);
    CHECK(all.end() - all.begin() == 3);
    CHECK(all.front().name == "Ann");
    CHECK(all.back().name == "Cid");
    CHECK(std::prev(all.end())->name == "Cid");
    CHECK(std::ranges::find(all, "Bob", &Author::name) - all.begin() == 1);
    std::vector<std::string> names;
    for (Author& a : all) names.push_back(a.name);
    CHECK(names == std::vector<std::string>{"Ann", "Bob", "Cid"});
    CHECK(retort::objects<Author>{}.empty());
}

TEST_CASE("identity: with autoflush a query first sends the pending change, and sees it") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.id);
    a.name = "Zed";
    auto m = f.rec->mark();
    Author& found = s.query<Author>().where(c<&Author::name> == "Zed").one();
    CHECK(&found == &a);
    CHECK(f.rec->count_since(m, "UPDATE \"ormt_authors\"") == 1);
    CHECK_FALSE(s.is_modified(a));
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann");  // not committed yet
    s.commit();
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Zed");
}

TEST_CASE("identity: composite primary keys (order lines, association rows)") {
    fixture f;
    Order o{0, "Ann"};
    f.check.execute(retort::insert(o));
    f.check.execute(retort::insert(OrderLine{o.id, 1, "apple", 3}));
    f.check.execute(retort::insert(OrderLine{o.id, 2, "pear", 1}));
    Book b{};
    Author a = seed_author(f, "A");
    b = Book{0, a.id, "B", std::nullopt, 0};
    f.check.execute(retort::insert(b));
    Tag t{0, "t"};
    f.check.execute(retort::insert(t));
    f.check.execute(retort::insert(BookTag{b.id, t.id}));

    retort::session s{f.engine};
    OrderLine* l1 = s.get<OrderLine>(o.id, 1);
    OrderLine* l2 = s.get<OrderLine>(o.id, 2);
    REQUIRE(l1 != nullptr);
    REQUIRE(l2 != nullptr);
    CHECK(l1 != l2);
    CHECK(l1->product == "apple");
    CHECK(l2->product == "pear");
    auto m = f.rec->mark();
    CHECK(s.get<OrderLine>(o.id, 1) == l1);
    CHECK(s.get<OrderLine>(o.id, std::int32_t{2}) == l2);
    CHECK(f.rec->since(m).empty());
    CHECK(s.get<OrderLine>(o.id, 3) == nullptr);

    auto lines = s.query<OrderLine>().order_by(c<&OrderLine::line_no>).all();
    REQUIRE(lines.size() == 2);
    CHECK(&lines[0] == l1);
    CHECK(&lines[1] == l2);

    BookTag* bt = s.get<BookTag>(b.id, t.id);
    REQUIRE(bt != nullptr);
    CHECK(s.get<BookTag>(b.id, t.id) == bt);

    l1->qty = 30;
    m = f.rec->mark();
    s.commit();
    CHECK(f.rec->count_since(m, "UPDATE \"ormt_order_lines\"") == 1);
    CHECK(f.row<OrderLine>(c<&OrderLine::order_id> == o.id && c<&OrderLine::line_no> == 1)->qty == 30);
    CHECK(f.row<OrderLine>(c<&OrderLine::order_id> == o.id && c<&OrderLine::line_no> == 2)->qty == 1);
}

// ---- states ----------------------------------------------------------------------------------

TEST_CASE("states: transient, pending, persistent, deleted, detached") {
    fixture f;
    retort::session s{f.engine};
    Author loose{0, "loose"};
    CHECK(s.state_of(loose) == object_state::transient);
    CHECK_FALSE(s.contains(loose));

    Author& a = s.add(Author{0, "Ann"});
    CHECK(s.state_of(a) == object_state::pending);
    CHECK(s.contains(a));
    CHECK(a.id == 0);
    CHECK(s.is_modified(a));

    s.flush();
    CHECK(s.state_of(a) == object_state::persistent);
    CHECK(a.id != 0);
    CHECK(f.rows<Author>() == 0);  // flushed, not committed
    s.commit();
    CHECK(f.rows<Author>() == 1);
    CHECK(s.state_of(a) == object_state::persistent);

    s.remove(a);
    CHECK(s.state_of(a) == object_state::deleted);
    CHECK(s.get<Author>(a.id) == nullptr);
    s.flush();
    CHECK(s.state_of(a) == object_state::deleted);
    CHECK(f.rows<Author>() == 1);
    s.commit();
    CHECK(s.state_of(a) == object_state::detached);
    CHECK_FALSE(s.contains(a));
    CHECK(f.rows<Author>() == 0);
    CHECK(a.name == "Ann");  // a detached object keeps its values
}

TEST_CASE("states: removing a pending object forgets it; nothing is sent") {
    fixture f;
    retort::session s{f.engine};
    Author& a = s.add(Author{0, "never"});
    s.remove(a);
    CHECK(s.state_of(a) == object_state::detached);
    auto m = f.rec->mark();
    s.commit();
    CHECK(f.rec->data_since(m).empty());
    CHECK(f.rows<Author>() == 0);
}

TEST_CASE("states: expunge() detaches; a later get loads a new object; merge() brings changes back") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.id);
    s.expunge(a);
    CHECK(s.state_of(a) == object_state::detached);
    a.name = "changed while detached";
    s.flush();
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann");

    auto m = f.rec->mark();
    Author& again = s.get_one<Author>(ann.id);
    CHECK(&again != &a);
    CHECK(again.name == "Ann");
    CHECK(f.rec->data_since(m).size() == 1);

    Author& merged = s.merge(a);
    CHECK(&merged == &again);
    CHECK(merged.name == "changed while detached");
    CHECK(s.state_of(a) == object_state::detached);
    CHECK(s.changed_columns(merged) == std::vector<std::string_view>{"name"});
    s.commit();
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "changed while detached");
}

TEST_CASE("states: merge() loads the row when needed, adds new objects, and rejects a missing generated key") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    retort::session s{f.engine};

    auto m = f.rec->mark();
    Author& merged = s.merge(Author{ann.id, "Ann M."});
    CHECK(f.rec->data_since(m).size() == 1);  // the SELECT of the row
    CHECK(s.state_of(merged) == object_state::persistent);
    CHECK(s.get<Author>(ann.id) == &merged);

    Author& fresh = s.merge(Author{0, "new"});  // a zero generated key: a new row
    CHECK(s.state_of(fresh) == object_state::pending);
    CHECK_THROWS_AS(s.merge(Author{ann.id + 1000, "ghost"}), retort::stale_data_error);

    Country& fr = s.merge(Country{"fr", "France"});  // an assigned key without a row: added
    CHECK(s.state_of(fr) == object_state::pending);
    s.commit();
    CHECK(f.rows<Author>() == 2);
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann M.");
    CHECK(f.row<Country>(c<&Country::code> == "fr")->name == "France");

    Country& again = s.merge(Country{"fr", "République française"});
    CHECK(&again == &fr);
    s.commit();
    CHECK(f.row<Country>(c<&Country::code> == "fr")->name == "République française");
    CHECK(f.rows<Country>() == 1);
}

TEST_CASE("states: refresh(), expire() and expire_all() reload from the database") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    const Author bob = seed_author(f, "Bob");
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.id);
    Author& b = s.get_one<Author>(bob.id);
    s.commit();  // the changes below come from another connection, between transactions

    f.check.execute(retort::update<Author>().set(c<&Author::name> = "Ann 2").where(c<&Author::id> == ann.id));
    a.name = "local edit";
    s.refresh(a);
    CHECK(a.name == "Ann 2");
    CHECK_FALSE(s.is_modified(a));
    s.commit();

    f.check.execute(retort::update<Author>().set(c<&Author::name> = "Ann 3").where(c<&Author::id> == ann.id));
    a.name = "discarded by the reload";
    auto m = f.rec->mark();
    CHECK(s.get<Author>(ann.id) == &a);
    CHECK(a.name == "discarded by the reload");  // not expired: the identity map answers
    CHECK(f.rec->since(m).empty());
    s.expire(a);
    CHECK(s.is_expired(a));
    CHECK(s.get<Author>(ann.id) == &a);
    CHECK(a.name == "Ann 3");
    CHECK_FALSE(s.is_expired(a));
    CHECK_MESSAGE(f.rec->data_since(m).size() == 1, join(f.rec->since(m)));
    s.commit();
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann 3");

    f.check.execute(retort::update<Author>().set(c<&Author::name> = "Bob 2").where(c<&Author::id> == bob.id));
    s.expire_all();
    CHECK(s.is_expired(a));
    CHECK(s.is_expired(b));
    auto all = s.query<Author>().order_by(c<&Author::id>).all();
    REQUIRE(all.size() == 2);
    CHECK(&all[1] == &b);
    CHECK(b.name == "Bob 2");
    CHECK_FALSE(s.is_expired(b));
    s.commit();

    f.check.execute(retort::delete_from<Author>().where(c<&Author::id> == bob.id));
    CHECK_THROWS_AS(s.refresh(b), retort::stale_data_error);
    s.commit();  // SQLite reads keep their snapshot until the transaction ends
    s.expire(a);
    f.check.execute(retort::delete_from<Author>().where(c<&Author::id> == ann.id));
    CHECK(s.get<Author>(ann.id) == nullptr);  // expired and gone
    CHECK(s.state_of(a) == object_state::detached);
}

TEST_CASE("states: destroying a session with a flushed, uncommitted change rolls it back") {
    fixture f;
    {
        retort::session s{f.engine};
        s.add(Author{0, "gone"});
        s.flush();
    }
    CHECK(f.rows<Author>() == 0);
}

// ---- errors -----------------------------------------------------------------------------------

TEST_CASE("errors: objects that are not the session's are session_error, with a sentence") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.id);

    SUBCASE("remove() of a transient object") {
        Author local{ann.id, "Ann"};  // same key, not the session's object
        try {
            s.remove(local);
            FAIL("remove() of a transient object did not throw");
        } catch (const retort::session_error& e) {
            CHECK(mentions(e, "retort: remove()"));
            CHECK(mentions(e, "ormt_authors"));
            CHECK(mentions(e, "not one of this session's objects"));
        }
        CHECK(s.state_of(a) == object_state::persistent);
    }
    SUBCASE("an object of another session") {
        retort::session other{f.engine};
        Author& theirs = other.get_one<Author>(ann.id);
        CHECK(&theirs != &a);
        CHECK_THROWS_AS(s.remove(theirs), retort::session_error);
        CHECK_THROWS_AS(s.refresh(theirs), retort::session_error);
        CHECK_THROWS_AS(s.related<"books">(theirs), retort::session_error);
        CHECK(other.state_of(theirs) == object_state::persistent);
    }
    SUBCASE("a detached object") {
        s.expunge(a);
        try {
            s.remove(a);
            FAIL("remove() of a detached object did not throw");
        } catch (const retort::session_error& e) {
            CHECK(mentions(e, "detached"));
        }
        CHECK_THROWS_AS(s.related<"books">(a), retort::session_error);
        CHECK_THROWS_AS(s.expire(a), retort::session_error);
    }
    SUBCASE("a relationship access after close()") {
        s.close();
        CHECK(s.state_of(a) != object_state::persistent);
        CHECK_THROWS_AS(s.related<"books">(a), retort::session_error);
    }
    s.commit();
    CHECK(f.rows<Author>() == 1);
}

TEST_CASE("errors: add() of an assigned key the session already has is session_error") {
    fixture f;
    f.check.execute(retort::insert(Country{"de", "Germany"}));
    retort::session s{f.engine};

    SUBCASE("twice before a flush: the flush refuses before sending the second INSERT") {
        // Keys of pending objects may still change (a composite key holding a parent's
        // generated key), so two equal keys are found when the flush inserts them.
        Country& fr = s.add(Country{"fr", "France"});
        Country& again = s.add(Country{"fr", "France again"});
        try {
            s.flush();
            FAIL("two pending objects with one key were flushed");
        } catch (const retort::session_error& e) {
            CHECK(mentions(e, "ormt_countries"));
            CHECK(mentions(e, "'fr'"));
        }
        CHECK(s.state_of(fr) == object_state::detached);  // the failed flush rolled back
        CHECK(s.state_of(again) == object_state::detached);
        CHECK(f.rows<Country>() == 1);
        s.add(Country{"fr", "France"});
        s.commit();
        CHECK(f.rows<Country>() == 2);
    }
    SUBCASE("a key already loaded") {
        Country& de = s.get_one<Country>(std::string("de"));
        try {
            s.add(Country{"de", "Deutschland"});
            FAIL("add() of a loaded key did not throw");
        } catch (const retort::session_error& e) {
            CHECK(mentions(e, "ormt_countries"));
            CHECK(mentions(e, "'de'"));
        }
        CHECK(de.name == "Germany");
        s.commit();
        CHECK(f.rows<Country>() == 1);
    }
    SUBCASE("composite keys: two new lines with the same (order, line_no)") {
        Order o{0, "Ann"};
        f.check.execute(retort::insert(o));
        s.add(OrderLine{o.id, 1, "apple", 1});
        s.add(OrderLine{o.id, 1, "pear", 1});
        CHECK_THROWS_AS(s.commit(), retort::session_error);
        CHECK(f.rows<OrderLine>() == 0);
        CHECK(s.get<OrderLine>(o.id, 1) == nullptr);  // nothing was kept
    }
}

TEST_CASE("errors: add() with a nonzero generated key is session_error and adds nothing") {
    fixture f;
    retort::session s{f.engine};
    try {
        s.add(Author{42, "explicit"});
        FAIL("add() with a generated key set did not throw");
    } catch (const retort::session_error& e) {
        CHECK(mentions(e, "ormt_authors.id"));
        CHECK(mentions(e, "merge()"));
    }
    CHECK(s.size() == 0);
    s.commit();
    CHECK(f.rows<Author>() == 0);
}

TEST_CASE("errors: changing the primary key of a persistent object is session_error at flush") {
    fixture f;
    const Author ann = seed_author(f, "Ann");
    const Author bob = seed_author(f, "Bob");
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.id);
    Author& b = s.get_one<Author>(bob.id);
    b.name = "Bob 2";
    a.id = ann.id + 1000;
    a.name = "renamed";
    try {
        s.flush();
        FAIL("a changed primary key was flushed");
    } catch (const retort::session_error& e) {
        CHECK(mentions(e, "ormt_authors"));
        CHECK(mentions(e, "primary key"));
    }
    // The failed flush rolled back: the objects are as committed, the session usable.
    CHECK(a.id == ann.id);
    CHECK(a.name == "Ann");
    CHECK(b.name == "Bob");
    CHECK(s.state_of(a) == object_state::persistent);
    CHECK(s.get<Author>(ann.id) == &a);
    CHECK(f.row<Author>(c<&Author::id> == bob.id)->name == "Bob");
    CHECK_FALSE(f.row<Author>(c<&Author::id> == ann.id + 1000).has_value());
    a.name = "Ann 2";
    s.commit();
    CHECK(f.row<Author>(c<&Author::id> == ann.id)->name == "Ann 2");
}
