// tests/orm/unit_of_work_tests.cpp — the transaction around the unit of work: optimistic
// concurrency (version_id), ORM-enabled bulk statements, a flush failing in the middle,
// rollback() and commit() semantics (session.hpp's header comment), one thread at a time,
// and a session inside a caller's transaction (savepoint).
#include "common.hpp"

#include <atomic>
#include <latch>
#include <thread>

using retort::object_state;

namespace {

struct library {
    Author author;
    std::vector<Book> books;
};

library seed(fixture& f, std::string name, int books) {
    library out{{0, std::move(name)}, {}};
    f.check.execute(retort::insert(out.author));
    for (int i = 0; i < books; ++i) {
        Book b{0, out.author.id, out.author.name + " " + std::to_string(i), 2000 + i, 0};
        f.check.execute(retort::insert(b));
        out.books.push_back(b);
    }
    return out;
}

bool mentions(const std::exception& e, std::string_view text) {
    return std::string_view(e.what()).find(text) != std::string_view::npos;
}

}  // namespace

// ---- optimistic concurrency ------------------------------------------------------------------

TEST_CASE("concurrency: an UPDATE of a row changed meanwhile raises stale_data_error and rolls back") {
    fixture f;
    const auto lib = seed(f, "Ann", 2);
    retort::session s{f.engine};
    Book& b0 = s.get_one<Book>(lib.books[0].id);
    Book& b1 = s.get_one<Book>(lib.books[1].id);
    s.commit();

    // Another connection changes the second book (and its version) between the transactions.
    CHECK(f.check.execute(retort::update<Book>()
                              .set(c<&Book::title> = "theirs", c<&Book::version> = std::int64_t{1})
                              .where(c<&Book::id> == b1.id)) == 1);

    Author& fresh = s.add(Author{0, "inserted in the failing flush"});
    b0.title = "mine 0";  // its UPDATE succeeds first ...
    b1.title = "mine 1";  // ... this one matches no row
    try {
        s.commit();
        FAIL("a stale UPDATE was committed");
    } catch (const retort::stale_data_error& e) {
        CHECK(mentions(e, "UPDATE"));
        CHECK(mentions(e, "'ormt_books'"));
        CHECK(mentions(e, "key " + std::to_string(b1.id)));
        CHECK(mentions(e, "rolled back"));
    }
    // The database: nothing of the flush, the other connection's change intact.
    CHECK(f.rows<Author>() == 1);
    CHECK(f.row<Book>(c<&Book::id> == b0.id)->title == lib.books[0].title);
    CHECK(f.row<Book>(c<&Book::id> == b0.id)->version == 0);
    CHECK(f.row<Book>(c<&Book::id> == b1.id)->title == "theirs");
    // Memory: the objects as last committed, the new author detached with its key reset.
    CHECK(b0.title == lib.books[0].title);
    CHECK(b0.version == 0);
    CHECK(b1.title == lib.books[1].title);
    CHECK(s.state_of(fresh) == object_state::detached);
    CHECK(fresh.id == 0);

    // The session is usable: refresh the stale object, change it again, commit.
    s.refresh(b1);
    CHECK(b1.title == "theirs");
    CHECK(b1.version == 1);
    b1.title = "mine, after reload";
    s.commit();
    CHECK(f.row<Book>(c<&Book::id> == b1.id)->title == "mine, after reload");
    CHECK(f.row<Book>(c<&Book::id> == b1.id)->version == 2);
}

TEST_CASE("concurrency: a DELETE of a row deleted meanwhile raises stale_data_error and rolls back") {
    fixture f;
    const auto lib = seed(f, "Ann", 2);
    retort::session s{f.engine};
    Book& b0 = s.get_one<Book>(lib.books[0].id);
    Book& b1 = s.get_one<Book>(lib.books[1].id);
    s.commit();
    CHECK(f.check.execute(retort::delete_from<Book>().where(c<&Book::id> == b1.id)) == 1);

    b0.title = "changed in the failing flush";
    s.remove(b1);
    try {
        s.commit();
        FAIL("a stale DELETE was committed");
    } catch (const retort::stale_data_error& e) {
        CHECK(mentions(e, "DELETE"));
        CHECK(mentions(e, "'ormt_books'"));
        CHECK(mentions(e, "key " + std::to_string(b1.id)));
    }
    CHECK(f.row<Book>(c<&Book::id> == b0.id)->title == lib.books[0].title);
    CHECK(f.rows<Book>() == 1);
    CHECK(b0.title == lib.books[0].title);
    CHECK(s.state_of(b1) == object_state::persistent);  // removed since the commit: persistent again
}

// ---- bulk statements ---------------------------------------------------------------------------

TEST_CASE("bulk: update and delete through the session expire the loaded objects; the next get reloads") {
    fixture f;
    const auto ann = seed(f, "Ann", 2);
    const auto bob = seed(f, "Bob", 1);
    retort::session s{f.engine};
    auto books = s.query<Book>().order_by(c<&Book::id>).all();
    REQUIRE(books.size() == 3);
    Book& a0 = books[0];
    Book& a1 = books[1];
    Book& b0 = books[2];
    a0.year = 1999;  // pending: flushed before the bulk statement

    const std::int64_t n =
        s.execute(retort::update<Book>().set(c<&Book::title> = "bulk").where(c<&Book::author_id> == ann.author.id));
    CHECK(n == 2);
    CHECK(s.is_expired(a0));
    auto m = f.rec->mark();
    CHECK(s.get<Book>(a0.id) == &a0);
    CHECK(a0.title == "bulk");
    CHECK(a0.year == 1999);
    CHECK(f.rec->data_since(m).size() == 1);
    auto again = s.query<Book>().where(c<&Book::id> == a1.id).all();
    CHECK(&again[0] == &a1);
    CHECK(a1.title == "bulk");
    CHECK(b0.title == bob.books[0].title);

    CHECK(s.execute(retort::delete_from<Book>().where(c<&Book::id> == a1.id)) == 1);
    CHECK(s.get<Book>(a1.id) == nullptr);
    CHECK(s.state_of(a1) == object_state::detached);
    s.commit();
    CHECK(f.rows<Book>() == 2);
    CHECK(f.row<Book>(c<&Book::id> == a0.id)->title == "bulk");
    CHECK(f.row<Book>(c<&Book::id> == a0.id)->year == 1999);
    CHECK(f.row<Book>(c<&Book::id> == b0.id)->title == bob.books[0].title);
}

// ---- failures ---------------------------------------------------------------------------------

TEST_CASE("failures: a unique violation at the 500th INSERT leaves the database as it was") {
    fixture f;
    {
        auto tx = f.check.begin();
        for (int i = 0; i < 3; ++i) f.check.execute(retort::insert(Item{0, "old-" + std::to_string(i), i}));
        tx.commit();
    }
    const auto before = f.check.execute(retort::select<Item>().order_by(c<&Item::id>)).all();
    retort::session s{f.engine};
    Item& old0 = s.query<Item>().where(c<&Item::sku> == "old-0").one();
    Item& old1 = s.query<Item>().where(c<&Item::sku> == "old-1").one();
    s.commit();
    old0.qty = 100;  // an UPDATE in the same flush
    s.remove(old1);  // and a DELETE
    std::vector<Item*> added;
    for (int i = 0; i < 1000; ++i)
        added.push_back(&s.add(Item{0, i == 499 ? std::string("old-2") : "new-" + std::to_string(i), i}));
    try {
        s.flush();
        FAIL("a duplicate sku was flushed");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::unique);
        CHECK_MESSAGE(e.constraint().find("sku") != std::string::npos, e.constraint());
    }
    const auto after = f.check.execute(retort::select<Item>().order_by(c<&Item::id>)).all();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].id == before[i].id);
        CHECK(after[i].sku == before[i].sku);
        CHECK(after[i].qty == before[i].qty);
    }
    CHECK(old0.qty == 0);
    CHECK(s.state_of(old1) == object_state::persistent);
    CHECK(s.state_of(*added[0]) == object_state::detached);
    CHECK(added[0]->id == 0);
    CHECK(s.state_of(*added[999]) == object_state::detached);

    // Usable afterwards: a corrected batch goes in.
    for (int i = 0; i < 1000; ++i) s.add(Item{0, "new-" + std::to_string(i), i});
    s.remove(old1);
    s.commit();
    CHECK(f.rows<Item>() == 1002);
}

TEST_CASE("failures: rollback() restores committed values, detaches new objects, revives removed ones") {
    fixture f;
    const auto ann = seed(f, "Ann", 1);
    const auto bob = seed(f, "Bob", 0);
    const auto cy = seed(f, "Cy", 0);
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(ann.author.id);
    Book& book = s.get_one<Book>(ann.books[0].id);
    Author& removed_flushed = s.get_one<Author>(bob.author.id);
    Author& removed_pending = s.get_one<Author>(cy.author.id);

    a.name = "Ann (flushed)";
    book.title = "flushed title";
    Author& added_flushed = s.add(Author{0, "added, flushed"});
    s.remove(removed_flushed);
    s.flush();
    CHECK(book.version == 1);
    CHECK(added_flushed.id != 0);
    Author& added_pending = s.add(Author{0, "added, pending"});
    s.remove(removed_pending);
    a.name = "Ann (not flushed)";

    s.rollback();
    CHECK(a.name == "Ann");
    CHECK(book.title == ann.books[0].title);
    CHECK(book.version == 0);
    CHECK(s.state_of(a) == object_state::persistent);
    CHECK(s.state_of(added_flushed) == object_state::detached);
    CHECK(added_flushed.id == 0);
    CHECK(s.state_of(added_pending) == object_state::detached);
    CHECK(s.state_of(removed_flushed) == object_state::persistent);
    CHECK(s.state_of(removed_pending) == object_state::persistent);
    CHECK(s.get<Author>(bob.author.id) == &removed_flushed);
    CHECK(s.get<Author>(cy.author.id) == &removed_pending);
    CHECK(f.rows<Author>() == 3);
    CHECK(f.row<Author>(c<&Author::id> == ann.author.id)->name == "Ann");

    // What rollback() left is consistent with the database: the next flush works.
    book.title = "after rollback";
    s.commit();
    CHECK(f.row<Book>(c<&Book::id> == book.id)->title == "after rollback");
    CHECK(f.row<Book>(c<&Book::id> == book.id)->version == 1);
    CHECK(f.rows<Author>() == 3);
}

// ---- commit ------------------------------------------------------------------------------------

TEST_CASE("commit: objects keep their values by default; expire_on_commit reloads them at next use") {
    fixture f;
    const auto ann = seed(f, "Ann", 0);

    SUBCASE("expire_on_commit = false (the default)") {
        retort::session s{f.engine};
        Author& a = s.get_one<Author>(ann.author.id);
        s.commit();
        CHECK_FALSE(s.is_expired(a));
        f.check.execute(retort::update<Author>().set(c<&Author::name> = "other").where(c<&Author::id> == a.id));
        auto m = f.rec->mark();
        CHECK(s.get<Author>(a.id) == &a);
        CHECK(a.name == "Ann");
        CHECK(f.rec->since(m).empty());
    }
    SUBCASE("expire_on_commit = true") {
        retort::session s{f.engine, {.expire_on_commit = true}};
        Author& a = s.get_one<Author>(ann.author.id);
        a.name = "mine";
        s.commit();
        CHECK(s.is_expired(a));
        CHECK(a.name == "mine");  // values stay in memory until reloaded
        f.check.execute(retort::update<Author>().set(c<&Author::name> = "other").where(c<&Author::id> == a.id));
        auto m = f.rec->mark();
        CHECK(s.get<Author>(a.id) == &a);
        CHECK(a.name == "other");
        CHECK(f.rec->data_since(m).size() == 1);
        CHECK_FALSE(s.is_expired(a));
    }
}

TEST_CASE("commit: a session on a borrowed connection inside a transaction works in a savepoint") {
    fixture f;
    auto conn = f.engine.connect();
    auto tx = conn.begin();
    Author outer{0, "outer"};
    conn.execute(retort::insert(outer));
    Author* inner_ptr = nullptr;
    {
        retort::session s{conn};
        auto m = f.rec->mark();
        CHECK(s.get<Author>(outer.id) != nullptr);  // sees the caller's uncommitted row
        Author& inner = s.add(Author{0, "inner"});
        s.commit();
        CHECK(inner.id != 0);
        const auto sent = f.rec->since(m);
        CHECK_MESSAGE(sent.front().rfind("SAVEPOINT", 0) == 0, join(sent));
        CHECK_MESSAGE(sent.back().rfind("RELEASE", 0) == 0, join(sent));
        CHECK(conn.in_transaction());
        CHECK(&s.connection() == &conn);
        inner_ptr = &inner;
        CHECK(f.rows<Author>() == 0);  // the caller's transaction is still open
    }
    {
        retort::session s{conn};
        s.add(Author{0, "rolled back"});
        s.flush();
        s.rollback();
        CHECK(conn.in_transaction());
    }
    tx.commit();
    CHECK(f.rows<Author>() == 2);
    CHECK(f.row<Author>(c<&Author::name> == "inner").has_value());
    CHECK_FALSE(f.row<Author>(c<&Author::name> == "rolled back").has_value());
    CHECK(inner_ptr != nullptr);
}

// ---- threads -----------------------------------------------------------------------------------

TEST_CASE("threads: a session used by a second thread while the first is inside it is session_error") {
    fixture f;
    const auto ann = seed(f, "Ann", 0);
    const auto bob = seed(f, "Bob", 0);
    retort::session s{f.engine};
    std::latch entered{1};
    std::latch release{1};
    std::atomic<bool> armed{true};
    f.rec->hook = [&](const retort::event&) {
        if (armed.exchange(false)) {
            entered.count_down();
            release.wait();  // hold the first thread inside the session
        }
    };
    Author* got = nullptr;
    std::thread first([&] {
        try {
            got = s.get<Author>(ann.author.id);
        } catch (...) {
        }
    });
    entered.wait();
    std::string message;
    try {
        s.get<Author>(bob.author.id);
    } catch (const retort::session_error& e) {
        message = e.what();
    }
    const bool add_refused = [&] {
        try {
            s.add(Author{0, "x"});
        } catch (const retort::session_error&) {
            return true;
        }
        return false;
    }();
    const bool flush_refused = [&] {
        try {
            s.flush();
        } catch (const retort::session_error&) {
            return true;
        }
        return false;
    }();
    release.count_down();
    first.join();
    f.rec->hook = nullptr;

    CHECK_MESSAGE(message.find("another thread") != std::string::npos, message);
    CHECK(add_refused);
    CHECK(flush_refused);
    REQUIRE(got != nullptr);
    CHECK(got->name == "Ann");
    // Once the first thread is out, this one may use it.
    Author* b = s.get<Author>(bob.author.id);
    REQUIRE(b != nullptr);
    CHECK(s.size() == 2);
    s.commit();
    CHECK(f.rows<Author>() == 2);
}
