// tests/pool/load_tests.cpp — 32 threads x 5,000 operations on a pool of 8 connections.
//
// Each operation checks a connection out, does one of: a write transaction (read the
// thread's counter, write it +1, insert an event row), a transaction whose savepoint is
// rolled back, a read that must see exactly this thread's committed writes, a read of
// events; then checks it back in. At the end: no errors, no connection in use, every
// counter and the event count exact. RETORT_LOAD_OPS overrides the operations per thread.
// Runs in the normal build and in the ThreadSanitizer build (scripts/test).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common.hpp"

using retort::c;
using namespace std::chrono_literals;

struct LoadCounter {
    std::int64_t id;
    std::int64_t value;
};
template <>
inline constexpr auto retort::table_of<LoadCounter> =
    retort::table<LoadCounter>("load_counters", retort::primary_key<&LoadCounter::id>, retort::assigned_key);

struct LoadEvent {
    std::int64_t id;
    std::int64_t thread;
    std::int64_t seq;
};
template <>
inline constexpr auto retort::table_of<LoadEvent> =
    retort::table<LoadEvent>("load_events", retort::primary_key<&LoadEvent::id>, retort::index<&LoadEvent::thread>);

namespace {

constexpr int threads = 32;

int ops_per_thread() {
    if (const char* v = std::getenv("RETORT_LOAD_OPS"); v && *v) return std::max(4, std::atoi(v));
    return 5000;
}

}  // namespace

TEST_CASE("32 threads x N operations on a pool of 8: no errors, no leaked connections, exact counts") {
    const int ops = ops_per_thread();
    retort::engine_options o;
    o.pool_size = 8;
    o.max_overflow = 0;
    o.pool_timeout = 300s;  // turns a lost wake-up into a failure instead of a hang
    auto engine = retort::create_engine(test_url("load", on_sqlite ? "&synchronous=normal" : ""), o);
    {
        auto conn = engine.connect();
        retort::drop_all<LoadEvent, LoadCounter>(conn);
        retort::create_all<LoadCounter, LoadEvent>(conn);
        std::vector<LoadCounter> counters;
        for (int t = 0; t < threads; ++t) counters.push_back({t, 0});
        // execute_many does not cover assigned keys' write-back; plain inserts are fine here.
        auto tx = conn.begin();
        for (const auto& counter : counters) conn.execute(retort::insert(counter));
        tx.commit();
    }

    const auto write_level = on_sqlite ? retort::isolation::immediate : retort::isolation::database_default;
    std::atomic<int> errors{0};
    std::atomic<int> wrong_reads{0};
    std::mutex first_error_mutex;
    std::string first_error;

    auto worker = [&](int t) {
        std::int64_t mine = 0;  // writes committed by this thread
        for (int i = 0; i < ops; ++i) {
            try {
                auto conn = engine.connect();
                const auto my_counter = retort::select<LoadCounter>().where(c<&LoadCounter::id> == t);
                switch (i % 4) {
                case 0:
                    conn.transaction(
                        [&] {
                            const auto counter = conn.execute(my_counter).one();
                            conn.execute(retort::update<LoadCounter>()
                                             .set(c<&LoadCounter::value> = counter.value + 1)
                                             .where(c<&LoadCounter::id> == t));
                            conn.execute(retort::insert(LoadEvent{0, t, i}));
                        },
                        {.level = write_level, .retries = 5});
                    ++mine;
                    break;
                case 1: {
                    auto tx = conn.begin(write_level);
                    {
                        auto sp = conn.begin_nested();
                        conn.execute(retort::insert(LoadEvent{0, t, -i}));
                        sp.rollback();
                    }
                    if (conn.execute(my_counter).one().value != mine) ++wrong_reads;
                    tx.commit();
                    break;
                }
                case 2:
                    if (conn.execute(my_counter).one().value != mine) ++wrong_reads;
                    break;
                default: {
                    const auto first = conn.execute(retort::select<LoadEvent>()
                                                        .where(c<&LoadEvent::thread> == t)
                                                        .order_by(c<&LoadEvent::id>)
                                                        .limit(1))
                                           .first();
                    if (!first || first->seq != 0) ++wrong_reads;
                    break;
                }
                }
            } catch (const std::exception& e) {
                if (errors++ == 0) {
                    std::lock_guard lock(first_error_mutex);
                    first_error = e.what();
                }
            }
        }
    };

    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
    for (auto& th : pool) th.join();

    INFO("first error: " << first_error);
    CHECK(errors == 0);
    CHECK(wrong_reads == 0);
    const auto status = engine.status();
    INFO("status: " << status.to_string());
    CHECK(status.in_use == 0);
    CHECK(status.waiters == 0);
    CHECK(status.idle <= 8);
    CHECK(status.opened - status.closed == status.idle);

    auto conn = engine.connect();
    const std::int64_t writes_per_thread = (ops + 3) / 4;
    int exact = 0;
    for (const auto& counter : conn.execute(retort::select<LoadCounter>().order_by(c<&LoadCounter::id>)))
        exact += counter.value == writes_per_thread;
    CHECK(exact == threads);
    CHECK(conn.execute(retort::select(c<&LoadEvent::id>)).all().size() ==
          static_cast<std::size_t>(threads * writes_per_thread));
    MESSAGE("load: " << threads << " threads x " << ops << " operations, pool " << status.to_string());
}
