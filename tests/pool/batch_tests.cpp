// tests/pool/batch_tests.cpp — insert_many's chunking and the statement cache's eviction
// order, each on SQLite and PostgreSQL (built twice, see tests/pool/common.hpp):
//   - insert_many inserts exactly the rows given, in order, for every size around its
//     chunk (0, 1, chunk - 1, chunk, chunk + 1, ..., 10,000), with one prepared statement
//     per connection whatever the sizes (none on PostgreSQL, which uses COPY);
//   - a failed insert_many leaves the database as it was, with or without an open
//     transaction, wherever the failing row is (in a chunk or in the rest);
//   - the statement cache evicts the least recently used statement, never one an open
//     result is reading, and never holds more than its capacity.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "common.hpp"

using retort::c;

struct BatchRow {
    std::int64_t id;
    std::string name;
    std::optional<int> n;
    double score;
};
template <>
inline constexpr auto retort::table_of<BatchRow> =
    retort::table<BatchRow>("batch_rows", retort::primary_key<&BatchRow::id>);

struct BatchNote {
    std::int64_t id;
    std::string body;
    std::optional<int> n;
};
template <>
inline constexpr auto retort::table_of<BatchNote> =
    retort::table<BatchNote>("batch_notes", retort::primary_key<&BatchNote::id>, retort::assigned_key);

namespace {

/// Rows per multi-row INSERT on SQLite for these three-column models (none on PostgreSQL).
constexpr std::size_t chunk = 32;
static_assert(retort::detail::insert_many_chunk<BatchRow, retort::sqlite> == chunk);
static_assert(retort::detail::insert_many_chunk<BatchNote, retort::sqlite> == chunk);
static_assert(retort::detail::insert_many_chunk<BatchRow, retort::postgresql> == 0);

std::vector<BatchRow> make_rows(std::size_t n, std::size_t salt) {
    std::vector<BatchRow> rows;
    for (std::size_t i = 0; i < n; ++i) {
        // every seventh name longer than a small-string buffer; every fifth n NULL
        std::string name = "r" + std::to_string(salt) + "-" + std::to_string(i);
        if (i % 7 == 0) name += " with a tail long enough for the heap";
        rows.push_back({0, name, i % 5 == 0 ? std::nullopt : std::optional<int>(static_cast<int>(i)),
                        static_cast<double>(i) / 4.0});
    }
    return rows;
}

void reset(retort::connection& conn) {
    retort::drop_all<BatchRow, BatchNote>(conn);
    retort::create_all<BatchRow, BatchNote>(conn);
}

std::int64_t count_rows(retort::connection& conn) {
    return std::get<0>(conn.execute(retort::select(retort::count()).from<BatchRow>()).one());
}

std::string note_bodies(retort::connection& conn) {
    std::string out;
    for (const auto& [body] : conn.execute(retort::select(c<&BatchNote::body>).order_by(c<&BatchNote::id>))) {
        if (!out.empty()) out += ',';
        out += body;
    }
    return out;
}

}  // namespace

TEST_CASE("insert_many inserts exactly the rows given for every size around its chunk, one statement per connection") {
    auto engine = retort::create_engine(test_url("batch"));
    auto conn = engine.connect();
    const std::size_t sizes[] = {0,   1,   chunk - 1, chunk, chunk + 1, 2 * chunk + 1, 255,
                                 256, 257, 300,       chunk, 10'000,    chunk - 1};  // chunk again: cached
    std::size_t salt = 0;
    for (const std::size_t size : sizes) {
        CAPTURE(size);
        reset(conn);
        const auto rows = make_rows(size, ++salt);
        CHECK(conn.execute(retort::insert_many(rows)) == static_cast<std::int64_t>(size));
        CHECK_FALSE(conn.in_transaction());
        const std::vector<BatchRow> back = conn.execute(retort::select<BatchRow>().order_by(c<&BatchRow::id>)).all();
        REQUIRE(back.size() == size);
        for (std::size_t i = 0; i < size; ++i) {
            if (back[i].name != rows[i].name || back[i].n != rows[i].n || back[i].score != rows[i].score) {
                CAPTURE(i);
                CHECK(back[i].name == rows[i].name);
                CHECK(back[i].n == rows[i].n);
                CHECK(back[i].score == rows[i].score);
                break;
            }
        }
        if (size > 0) CHECK(back.back().id - back.front().id == static_cast<std::int64_t>(size) - 1);
    }
    // No statement per row count: SQLite prepared the one chunk statement, PostgreSQL none.
    CHECK(conn.shapes().size() == (on_sqlite ? 1u : 0u));
}

TEST_CASE("insert_many inside an open transaction adds to it, and commits or rolls back with it") {
    auto engine = retort::create_engine(test_url("batch"));
    auto conn = engine.connect();
    reset(conn);
    const auto rows = make_rows(2 * chunk + 3, 1);
    {
        auto tx = conn.begin();
        CHECK(conn.execute(retort::insert_many(rows)) == static_cast<std::int64_t>(rows.size()));
        CHECK(conn.in_transaction());
        tx.rollback();
    }
    CHECK(count_rows(conn) == 0);
    {
        auto tx = conn.begin();
        CHECK(conn.execute(retort::insert_many(rows)) == static_cast<std::int64_t>(rows.size()));
        tx.commit();
    }
    CHECK(count_rows(conn) == static_cast<std::int64_t>(rows.size()));
}

TEST_CASE("a failed insert_many leaves the database as it was, wherever the failing row is") {
    auto engine = retort::create_engine(test_url("batch"));
    auto conn = engine.connect();
    // Sizes: below the chunk, row at a time below the first-prepare threshold, chunks and a
    // rest; the duplicate of row 1 at the start, in a chunk, in the rest, at the end.
    for (const std::size_t size : {std::size_t{2}, chunk - 1, chunk + 5, std::size_t{300}, std::size_t{2000}}) {
        for (const std::size_t at : {std::size_t{0}, std::size_t{1}, chunk / 2, size - 1}) {
            if (at >= size) continue;
            for (const bool in_transaction : {false, true}) {
                CAPTURE(size);
                CAPTURE(at);
                CAPTURE(in_transaction);
                reset(conn);
                conn.execute(retort::insert(BatchNote{1, "before", 1}));
                std::vector<BatchNote> rows;
                for (std::size_t i = 0; i < size; ++i)
                    rows.push_back({static_cast<std::int64_t>(100 + i), "b" + std::to_string(i), std::nullopt});
                rows[at].id = 1;  // the duplicate
                if (in_transaction) {
                    auto tx = conn.begin();
                    CHECK_THROWS_AS(conn.execute(retort::insert_many(rows)), retort::integrity_error);
                    REQUIRE(conn.in_transaction());
                    conn.execute(retort::insert(BatchNote{2, "after", std::nullopt}));
                    tx.commit();
                    CHECK(note_bodies(conn) == "before,after");
                } else {
                    CHECK_THROWS_AS(conn.execute(retort::insert_many(rows)), retort::integrity_error);
                    CHECK_FALSE(conn.in_transaction());
                    CHECK(note_bodies(conn) == "before");
                }
            }
        }
    }
}

TEST_CASE("the statement cache evicts the least recently used statement, in order of use") {
    retort::engine_options o;
    o.pool_size = 1;
    o.max_overflow = 0;
    o.statement_cache_size = 3;
    auto engine = retort::create_engine(test_url("batch"), o);
    auto conn = engine.connect();
    reset(conn);
    conn.execute(retort::insert_many(make_rows(3, 1)));
    const auto q1 = [&] { return std::get<0>(conn.execute(retort::select(c<&BatchRow::id>).where(c<&BatchRow::id> == 1)).one()); };
    const auto q2 = [&] { return std::get<0>(conn.execute(retort::select(c<&BatchRow::name>).where(c<&BatchRow::id> == 1)).one()); };
    const auto q3 = [&] { return std::get<0>(conn.execute(retort::select(c<&BatchRow::n>).where(c<&BatchRow::id> == 2)).one()); };
    const auto q4 = [&] { return std::get<0>(conn.execute(retort::select(c<&BatchRow::score>).where(c<&BatchRow::id> == 2)).one()); };
    const auto q5 = [&] { return std::get<0>(conn.execute(retort::select(retort::count()).from<BatchRow>()).one()); };

    q1(), q2(), q3();  // the cache now holds q1, q2, q3 (and nothing else fits)
    REQUIRE(conn.cache_size() == 3);
    const auto misses = conn.cache_misses();
    const auto hits = conn.cache_hits();
    const auto evictions = conn.cache_evictions();
    const auto expect = [&](std::uint64_t m, std::uint64_t h, std::uint64_t e) {
        CHECK(conn.cache_misses() - misses == m);
        CHECK(conn.cache_hits() - hits == h);
        CHECK(conn.cache_evictions() - evictions == e);
        CHECK(conn.cache_size() <= 3);
    };
    q1();  // hit: use order (most recent first) q1, q3, q2
    expect(0, 1, 0);
    q4();  // miss: evicts q2; q4, q1, q3
    expect(1, 1, 1);
    q3();  // hit: q3, q4, q1
    q1();  // hit: q1, q3, q4
    expect(1, 3, 1);
    q5();  // miss: evicts q4; q5, q1, q3
    expect(2, 3, 2);
    q1(), q3(), q5();  // all hits
    expect(2, 6, 2);
    CHECK(q2() == "r1-0 with a tail long enough for the heap");  // miss: evicts q1 (least recent)
    expect(3, 6, 3);
    q3(), q5();  // hits
    expect(3, 8, 3);
    CHECK(q1() == 1);  // miss again
    expect(4, 8, 4);
}

TEST_CASE("the statement cache never evicts a statement an open result is reading, nor exceeds its capacity") {
    retort::engine_options o;
    o.pool_size = 1;
    o.max_overflow = 0;
    o.statement_cache_size = 2;
    auto engine = retort::create_engine(test_url("batch"), o);
    auto conn = engine.connect();
    reset(conn);
    conn.execute(retort::insert_many(make_rows(4, 1)));

    // The oldest statement in the cache is being read while two others come and go.
    auto open = conn.execute(retort::select(c<&BatchRow::id>).order_by(c<&BatchRow::id>));
    auto it = open.begin();
    REQUIRE(it != open.end());
    CHECK(std::get<0>(*it) == 1);
    for (int round = 0; round < 3; ++round) {
        CHECK(std::get<0>(conn.execute(retort::select(c<&BatchRow::name>).where(c<&BatchRow::id> == 1)).one()) ==
              "r1-0 with a tail long enough for the heap");
        CHECK(std::get<0>(conn.execute(retort::select(c<&BatchRow::score>).where(c<&BatchRow::id> == 2)).one()) == 0.25);
        CHECK(conn.cache_size() <= 2);
    }
    std::vector<std::int64_t> ids;
    for (; it != open.end(); ++it) ids.push_back(std::get<0>(*it));
    CHECK(ids == std::vector<std::int64_t>{1, 2, 3, 4});  // from the row it stood on
}
