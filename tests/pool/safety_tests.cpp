// tests/pool/safety_tests.cpp — the engine's safety rules, each on SQLite and PostgreSQL:
//   - a select's result owns its statement (a named statement may die before its rows
//     are read: no use-after-free, no silently wrong rows);
//   - execute_many / insert_many inside an open transaction are all or nothing and
//     leave the transaction usable;
//   - savepoint guards: ending an outer savepoint or the transaction ends the inner
//     ones; a stale guard does nothing when destroyed and refuses commit()/rollback();
//   - one connection used from two threads at once is a concurrent_use_error;
//   - PostgreSQL: a statement while a stream() is open is a programming_error that says
//     what to do; SQLite runs it.
// No timed assertions: threads meet through promises and joins.
#include <doctest/doctest.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "common.hpp"

using retort::c;

struct SafeNote {
    std::int64_t id;
    std::string body;
    retort::blob data;
};
template <>
inline constexpr auto retort::table_of<SafeNote> =
    retort::table<SafeNote>("safe_notes", retort::primary_key<&SafeNote::id>, retort::assigned_key);

namespace {

// Longer than any small-string buffer: the text lives on the heap, so a dangling bind
// reads freed memory (AddressSanitizer: heap-use-after-free).
const std::string needle_a = "a needle long enough to live on the heap, number one";
const std::string needle_b = "a needle long enough to live on the heap, number two";

retort::blob bytes_of(const std::string& s) {
    retort::blob out;
    for (char ch : s) out.push_back(static_cast<std::byte>(ch));
    return out;
}

void reset_notes(retort::connection& conn) {
    retort::drop_all<SafeNote>(conn);
    retort::create_all<SafeNote>(conn);
}

void fill_notes(retort::connection& conn) {
    reset_notes(conn);
    conn.execute(retort::insert(SafeNote{1, needle_a, bytes_of(needle_a)}));
    conn.execute(retort::insert(SafeNote{2, needle_b, bytes_of(needle_b)}));
    conn.execute(retort::insert(SafeNote{3, "short", bytes_of("short")}));
}

std::string bodies(retort::connection& conn) {
    std::string out;
    for (const auto& [body] : conn.execute(retort::select(c<&SafeNote::body>).order_by(c<&SafeNote::id>)))
        out += (out.empty() ? "" : ",") + body;
    return out;
}

/// Reuses freed heap memory of `n` bytes with other bytes, as later work in a program would.
std::size_t clobber(std::size_t n) {
    std::vector<std::string> junk;
    for (int i = 0; i < 8; ++i) junk.emplace_back(n, static_cast<char>('x' + i % 2));
    std::size_t sum = 0;
    for (const auto& s : junk) sum += s.size();
    return sum;
}

/// The message of the exception of type E that `fn` throws ("" when it throws nothing).
template <class E>
std::string message_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The shapes of issue 9, item 1: the statement (and what it was built from) dies when the
// function returns; the rows are read later.
auto find_by_body(retort::connection& conn, std::string needle) {
    auto q = retort::select<SafeNote>().where(c<&SafeNote::body> == needle);
    return conn.execute(q);  // q and needle die here
}

auto find_by_data(retort::connection& conn, const std::string& text) {
    const retort::blob data = bytes_of(text);
    auto q = retort::select<SafeNote>().where(c<&SafeNote::data> == data);
    return conn.execute(q);  // q and data die here
}

auto find_in_list(retort::connection& conn) {
    std::vector<std::string> wanted{needle_a, needle_b};
    auto q = retort::select<SafeNote>().where(retort::in(c<&SafeNote::body>, wanted)).order_by(c<&SafeNote::id>);
    return conn.execute(q);  // q refers to `wanted`; both die here
}

auto stream_by_body(retort::connection& conn, std::string needle) {
    auto q = retort::select<SafeNote>().where(c<&SafeNote::body> == needle);
    return conn.stream(q);
}

}  // namespace

TEST_CASE("a select's result owns its statement: a named statement may die before its rows are read") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    fill_notes(conn);

    SUBCASE("a bound string") {
        auto rows = find_by_body(conn, needle_a);
        CHECK(clobber(needle_a.size()) > 0);
        const auto all = rows.all();
        REQUIRE(all.size() == 1);
        CHECK(all[0].id == 1);
        CHECK(all[0].body == needle_a);
    }
    SUBCASE("a bound blob") {
        auto rows = find_by_data(conn, needle_b);
        CHECK(clobber(needle_b.size()) > 0);
        const auto all = rows.all();
        REQUIRE(all.size() == 1);
        CHECK(all[0].id == 2);
    }
    SUBCASE("an IN list over a named container that dies with the statement") {
        auto rows = find_in_list(conn);
        CHECK(clobber(needle_a.size()) > 0);
        std::vector<std::int64_t> ids;
        for (const SafeNote& n : rows) ids.push_back(n.id);
        CHECK(ids == std::vector<std::int64_t>{1, 2});
    }
    SUBCASE("stream() of a named statement") {
        std::vector<std::int64_t> ids;
        {
            auto rows = stream_by_body(conn, needle_b);
            CHECK(clobber(needle_b.size()) > 0);
            for (const SafeNote& n : rows) ids.push_back(n.id);
        }
        CHECK(ids == std::vector<std::int64_t>{2});
    }
    SUBCASE("a named statement run twice, its results read in reverse order") {
        std::string needle = needle_a;
        auto q = retort::select(c<&SafeNote::id>).where(c<&SafeNote::body> == needle);
        auto first = conn.execute(q);
        q = retort::select(c<&SafeNote::id>).where(c<&SafeNote::body> == std::string(needle_b));
        auto second = conn.execute(q);
        CHECK(std::get<0>(second.one()) == 2);
        CHECK(std::get<0>(first.one()) == 1);
    }
}

TEST_CASE("execute_many inside an open transaction is all or nothing and leaves the transaction usable") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    reset_notes(conn);

    auto tx = conn.begin();
    conn.execute(retort::insert(SafeNote{1, "before", {}}));
    const std::vector<SafeNote> batch{{10, "b10", {}}, {11, "b11", {}}, {1, "duplicate", {}}, {12, "b12", {}}};
    CHECK_THROWS_AS(conn.execute_many(batch), retort::integrity_error);
    CHECK(conn.in_transaction());
    conn.execute(retort::insert(SafeNote{2, "after", {}}));
    tx.commit();
    CHECK(bodies(conn) == "before,after");

    SUBCASE("a batch that succeeds inside the transaction is committed with it") {
        auto tx2 = conn.begin();
        CHECK(conn.execute_many(std::vector<SafeNote>{{20, "b20", {}}, {21, "b21", {}}}) == 2);
        tx2.commit();
        CHECK(bodies(conn) == "before,after,b20,b21");
    }
}

TEST_CASE("insert_many of several chunks inside an open transaction is all or nothing") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    reset_notes(conn);

    // More rows than one multi-row INSERT takes on either database (SQLite: 32,766
    // parameters; PostgreSQL: 7,000), the duplicate in the last chunk.
    std::vector<SafeNote> rows;
    for (std::int64_t i = 0; i < 20'000; ++i) rows.push_back({100 + i, "row", {}});
    rows.push_back({1, "duplicate", {}});

    auto tx = conn.begin();
    conn.execute(retort::insert(SafeNote{1, "before", {}}));
    CHECK_THROWS_AS(conn.execute(retort::insert_many(rows)), retort::integrity_error);
    CHECK(conn.in_transaction());
    conn.execute(retort::insert(SafeNote{2, "after", {}}));
    tx.commit();
    REQUIRE(conn.execute(retort::select(c<&SafeNote::id>)).all().size() == 2);  // (no list of 20,000 on failure)
    CHECK(conn.execute(retort::select(c<&SafeNote::id>).where(c<&SafeNote::id> >= 100)).all().empty());
    CHECK(bodies(conn) == "before,after");
}

TEST_CASE("savepoints: ending an outer savepoint ends the inner ones; stale guards do nothing") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    reset_notes(conn);
    std::int64_t next_id = 1;
    const auto ins = [&](const char* body) { conn.execute(retort::insert(SafeNote{next_id++, body, {}})); };

    SUBCASE("the case of the issue: commit of the outer savepoint, then the inner guard dies") {
        auto tx = conn.begin();
        ins("l0");
        {
            auto sp1 = conn.begin_nested();
            ins("l1");
            auto sp2 = conn.begin_nested();
            ins("l2");
            sp1.commit();
            CHECK_FALSE(sp2.active());
        }  // ~sp2: stale, sends nothing
        tx.commit();
        CHECK(bodies(conn) == "l0,l1,l2");
    }
    SUBCASE("commit() or rollback() on a stale guard throws at once, and changes nothing") {
        auto tx = conn.begin();
        ins("l0");
        auto sp1 = conn.begin_nested();
        auto sp2 = conn.begin_nested();
        ins("l2");
        sp1.commit();
        const auto msg = message_of<retort::programming_error>([&] { sp2.commit(); });
        CHECK(contains(msg, "commit() on a savepoint that had already ended"));
        auto sp3 = conn.begin_nested();
        auto sp4 = conn.begin_nested();
        sp3.rollback();  // ends sp4 too
        CHECK(contains(message_of<retort::programming_error>([&] { sp4.rollback(); }),
                       "rollback() on a savepoint that had already ended"));
        tx.commit();
        CHECK(bodies(conn) == "l0,l2");
    }
    SUBCASE("a stale guard never touches a newer savepoint at the same depth") {
        auto tx = conn.begin();
        ins("l0");
        std::optional<retort::savepoint> stale;
        {
            auto sp1 = conn.begin_nested();
            stale.emplace(conn.begin_nested());
            sp1.rollback();  // ends the inner one
        }
        auto again1 = conn.begin_nested();
        auto again2 = conn.begin_nested();  // the depth the stale guard had
        ins("kept");
        stale.reset();  // destroying the stale guard must not roll back again2
        again2.commit();
        again1.commit();
        tx.commit();
        CHECK(bodies(conn) == "l0,kept");
    }
    SUBCASE("the end of the transaction ends every savepoint") {
        {
            auto tx = conn.begin();
            ins("l0");
            auto sp = conn.begin_nested();
            ins("l1");
            tx.commit();
            CHECK_FALSE(sp.active());
            CHECK(contains(message_of<retort::programming_error>([&] { sp.rollback(); }), "already ended"));
        }
        {
            auto tx = conn.begin();
            auto sp = conn.begin_nested();
            ins("gone");
            tx.rollback();
            auto tx2 = conn.begin();
            auto newer = conn.begin_nested();
            ins("l2");
            newer.commit();
            tx2.commit();
            CHECK_FALSE(sp.active());
        }  // ~sp: stale
        CHECK(bodies(conn) == "l0,l1,l2");
    }
}

TEST_CASE("one connection used from a second thread while the first holds an open result") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    fill_notes(conn);

    std::string seen;
    int rows = 0;
    for (const SafeNote& n : conn.stream(retort::select<SafeNote>().order_by(c<&SafeNote::id>))) {
        (void)n;
        if (rows++ == 0) {
            std::thread other([&] {
                seen = message_of<retort::concurrent_use_error>([&] { conn.execute(retort::select<SafeNote>()).all(); });
            });
            other.join();
        }
    }
    CHECK(rows == 3);
    CHECK(contains(seen, "in use by another thread"));
    CHECK(contains(seen, "one thread at a time"));

    // Handed over after the result is read: the other thread may use it.
    std::string after;
    std::thread later([&] { after = bodies(conn); });
    later.join();
    CHECK(after == needle_a + "," + needle_b + ",short");
    CHECK(bodies(conn) == after);
}

TEST_CASE("one connection used from a second thread while the first is inside a statement") {
    std::promise<void> inside, tried;
    auto inside_done = inside.get_future();
    auto tried_done = tried.get_future();
    std::atomic<bool> armed{false};
    retort::engine_options o;
    o.on_event = [&](const retort::event& e) {
        // The first thread stops inside its statement until the second has tried.
        if (e.kind == retort::event_kind::before_execute && armed.exchange(false)) {
            inside.set_value();
            tried_done.wait();
        }
    };
    auto engine = retort::create_engine(test_url("safety"), o);
    auto conn = engine.connect();
    reset_notes(conn);

    std::string seen_execute, seen_begin;
    std::thread other([&] {
        inside_done.wait();
        seen_execute = message_of<retort::concurrent_use_error>([&] { conn.execute(retort::select<SafeNote>()).all(); });
        seen_begin = message_of<retort::concurrent_use_error>([&] { auto tx = conn.begin(); });
        tried.set_value();
    });
    armed = true;
    conn.execute(retort::insert(SafeNote{1, "first thread", {}}));
    other.join();
    CHECK(contains(seen_execute, "one thread at a time"));
    CHECK(contains(seen_begin, "one thread at a time"));
    CHECK(bodies(conn) == "first thread");  // the first thread's statement was not disturbed
}

TEST_CASE("a statement while a stream() is open: PostgreSQL refuses it with a sentence, SQLite runs it") {
    auto engine = retort::create_engine(test_url("safety"));
    auto conn = engine.connect();
    fill_notes(conn);

    std::vector<std::string> inner;
    std::string refused;
    int rows = 0;
    for (const SafeNote& n : conn.stream(retort::select<SafeNote>().order_by(c<&SafeNote::id>))) {
        ++rows;
        if (rows == 1) {
            refused = message_of<retort::programming_error>([&] {
                inner.push_back(std::get<0>(
                    conn.execute(retort::select(c<&SafeNote::body>).where(c<&SafeNote::id> == n.id)).one()));
            });
            if (on_postgresql) {
                CHECK_THROWS_AS(conn.begin(), retort::programming_error);
                CHECK_THROWS_AS(conn.execute_script("SELECT 1"), retort::programming_error);
            }
        }
    }
    CHECK(rows == 3);
    if (on_postgresql) {
        CHECK(inner.empty());
        CHECK(contains(refused, "a stream() on this connection is still reading rows"));
        CHECK(contains(refused, "Read the stream to the end or destroy it first"));
    } else {
        CHECK(refused.empty());
        CHECK(inner == std::vector<std::string>{needle_a});
    }
    // Once the stream has ended, the connection runs anything again.
    CHECK(bodies(conn) == needle_a + "," + needle_b + ",short");

    SUBCASE("a stream destroyed before its end frees the connection too") {
        {
            auto stream = conn.stream(retort::select<SafeNote>());
            auto it = stream.begin();
            CHECK(it != stream.end());
        }
        CHECK(bodies(conn) == needle_a + "," + needle_b + ",short");
    }
}
