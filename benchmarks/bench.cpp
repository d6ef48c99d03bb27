// benchmarks/bench.cpp — retort against the raw C APIs, same work, same run.
//
//   W1  insert N rows in one transaction, row at a time (conn.execute(insert(item)))
//   W1-bulk  the same with conn.execute_many(items); raw: the same method by hand
//            (SQLite: the prepared INSERT reused; PostgreSQL: COPY FROM STDIN), plus raw
//            PostgreSQL-only variants W1-pipeline, W1-copy and W1-values (multi-row VALUES)
//   W2  N point selects by primary key into a struct
//   W3  scan N rows into a std::vector of structs
//   W4  N/10 filtered aggregates: count(*), avg(score) WHERE score BETWEEN lo AND hi
//   U1, U1-many, U2, U2-into, C1  a six-column model (benchmarks/wide_bench.cpp): insert one
//          row from a const row, insert_many against row-at-a-time inserts, point select
//          (.first(), and .first_into() one reused object), and a statement-cache round
//          robin over more statement types than the cache holds
//   O1-O4  the ORM session against Core (benchmarks/orm_bench.cpp): load N objects, flush N
//          modified objects, N get() on identity-map hits, insert N new objects;
//          implementations session, core, raw
//
// Databases: sqlite-memory, sqlite-wal (a file in $RETORT_BENCH_DIR), postgresql
// ($RETORT_TEST_PG_URL; skipped without it). N is $RETORT_BENCH_N (default 100,000).
//
// Modes:
//   bench [google benchmark flags]                 timings (run by scripts/bench)
//   bench --callgrind W2 sqlite-memory retort      one workload with callgrind collection
//                                                  switched on around its loop only
//   bench --stream-memory sqlite|postgresql N      N rows made by the database (recursive CTE /
//                                                  generate_series), read with conn.stream();
//                                                  prints rows, checksum, seconds and the resident
//                                                  set before/after (run by scripts/bench --stream)
//   bench --orm-memory [N]                         heap bytes per object a session tracks after
//                                                  loading N rows (default 100,000), and Core's
//                                                  std::vector of the same rows
// Raw SQLite connections are opened with SQLITE_OPEN_NOMUTEX like retort's (the pool
// hands a connection to one thread at a time), so both pay the same sqlite3 costs.
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <valgrind/callgrind.h>

#include <retort/retort.hpp>

#include "orm_bench.hpp"
#include "wide_bench.hpp"

#include <algorithm>
#include <malloc.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <malloc.h>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using retort::c;

struct BenchItem {
    std::int64_t id;
    std::string name;
    double score;
};
template <>
inline constexpr auto retort::table_of<BenchItem> =
    retort::table<BenchItem>("bench_items", retort::primary_key<&BenchItem::id>);

namespace {

// ---- parameters -----------------------------------------------------------------------

std::int64_t bench_n() {
    static const std::int64_t n = [] {
        const char* v = std::getenv("RETORT_BENCH_N");
        return v && *v ? std::max<std::int64_t>(100, std::atoll(v)) : 100'000;
    }();
    return n;
}
std::int64_t w4_n() { return std::max<std::int64_t>(10, bench_n() / 10); }

std::string bench_dir() {
    const char* v = std::getenv("RETORT_BENCH_DIR");
    return v && *v ? v : "/tmp";
}

std::string pg_url() {
    const char* v = std::getenv("RETORT_TEST_PG_URL");
    return v ? v : "";
}

std::vector<BenchItem> make_items() {
    std::vector<BenchItem> items;
    items.reserve(static_cast<std::size_t>(bench_n()));
    for (std::int64_t i = 0; i < bench_n(); ++i)
        items.push_back({0, "name-" + std::to_string(i), static_cast<double>(i % 1000) / 10.0});
    return items;
}

std::int64_t w2_id(std::int64_t i) { return (i * 7919) % bench_n() + 1; }
double w4_lo(std::int64_t i) { return static_cast<double>(i % 900) / 10.0; }

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("bench: " + what); }

// ---- databases --------------------------------------------------------------------------

enum class db_kind { sqlite_memory, sqlite_wal, postgresql };

const char* db_name(db_kind d) {
    switch (d) {
    case db_kind::sqlite_memory: return "sqlite-memory";
    case db_kind::sqlite_wal: return "sqlite-wal";
    case db_kind::postgresql: return "postgresql";
    }
    return "?";
}

std::string wal_path() { return bench_dir() + "/retort_bench_wal.sqlite3"; }

std::string retort_url(db_kind d) {
    switch (d) {
    case db_kind::sqlite_memory: return "sqlite:///:memory:";
    case db_kind::sqlite_wal: return "sqlite:///" + wal_path() + "?journal_mode=wal&synchronous=normal";
    case db_kind::postgresql: return pg_url();
    }
    return {};
}

constexpr const char* pg_create =
    "DROP TABLE IF EXISTS bench_items; CREATE TABLE bench_items (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, "
    "score DOUBLE PRECISION NOT NULL)";
constexpr const char* sqlite_create =
    "DROP TABLE IF EXISTS bench_items; CREATE TABLE bench_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "score REAL NOT NULL)";

// ---- raw sqlite3 ------------------------------------------------------------------------

struct raw_sqlite {
    sqlite3* db = nullptr;
    explicit raw_sqlite(db_kind d) {
        const std::string path = d == db_kind::sqlite_memory ? ":memory:" : wal_path();
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK)
            fail("sqlite3_open_v2");
        exec("PRAGMA foreign_keys = ON");
        if (d == db_kind::sqlite_wal) {
            exec("PRAGMA journal_mode = wal");
            exec("PRAGMA synchronous = normal");
        }
    }
    ~raw_sqlite() { sqlite3_close_v2(db); }
    void exec(const char* sql) {
        char* msg = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) fail(std::string("sqlite3_exec: ") + msg);
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
            fail(std::string("prepare: ") + sqlite3_errmsg(db));
        return st;
    }
};

void read_item(sqlite3_stmt* st, BenchItem& item) {
    item.id = sqlite3_column_int64(st, 0);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    item.name.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    item.score = sqlite3_column_double(st, 2);
}

// ---- raw libpq -------------------------------------------------------------------------

struct raw_pg {
    PGconn* conn = nullptr;
    raw_pg() {
        conn = PQconnectdb(pg_url().c_str());
        if (PQstatus(conn) != CONNECTION_OK) fail(std::string("PQconnectdb: ") + PQerrorMessage(conn));
    }
    ~raw_pg() { PQfinish(conn); }
    void exec(const char* sql) {
        PGresult* r = PQexec(conn, sql);
        const auto s = PQresultStatus(r);
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) fail(std::string("PQexec: ") + PQerrorMessage(conn));
        PQclear(r);
    }
    void prepare(const char* name, const char* sql) {
        PGresult* r = PQprepare(conn, name, sql, 0, nullptr);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(std::string("PQprepare: ") + PQerrorMessage(conn));
        PQclear(r);
    }
};

template <class T>
T parse(const char* s, int len) {
    T v{};
    std::from_chars(s, s + len, v);
    return v;
}

void read_item(const PGresult* r, int row, BenchItem& item) {
    item.id = parse<std::int64_t>(PQgetvalue(r, row, 0), PQgetlength(r, row, 0));
    item.name.assign(PQgetvalue(r, row, 1), static_cast<std::size_t>(PQgetlength(r, row, 1)));
    item.score = parse<double>(PQgetvalue(r, row, 2), PQgetlength(r, row, 2));
}

struct num_text {
    char buf[32];
    const char* operator()(double v) {
        *std::to_chars(buf, buf + sizeof buf - 1, v).ptr = '\0';
        return buf;
    }
    const char* operator()(std::int64_t v) {
        *std::to_chars(buf, buf + sizeof buf - 1, v).ptr = '\0';
        return buf;
    }
};

// ---- fill ------------------------------------------------------------------------------

/// A fresh table with N rows, for W2-W4 (filled with retort's execute_many).
void fill(retort::connection& conn, const std::vector<BenchItem>& items) {
    conn.execute_script(conn.dialect() == retort::dialect_id::sqlite ? sqlite_create : pg_create);
    conn.execute_many(items);
    if (conn.dialect() == retort::dialect_id::postgresql) conn.execute_script("ANALYZE bench_items");
}

// ---- the workloads: each returns a checksum so nothing is optimised away ----------------
//
// `measure` brackets the measured loop (callgrind collection; no-op in timing mode).

struct measure_hooks {
    std::function<void()> start = [] {};
    std::function<void()> stop = [] {};
};

std::int64_t retort_w1(retort::connection& conn, std::vector<BenchItem>& items, const measure_hooks& m) {
    conn.execute_script(conn.dialect() == retort::dialect_id::sqlite ? sqlite_create : pg_create);
    m.start();
    auto tx = conn.begin();
    std::int64_t sum = 0;
    for (auto& item : items) sum += conn.execute(retort::insert(item));
    tx.commit();
    m.stop();
    return sum;
}

std::int64_t retort_w1_bulk(retort::connection& conn, std::vector<BenchItem>& items, const measure_hooks& m) {
    conn.execute_script(conn.dialect() == retort::dialect_id::sqlite ? sqlite_create : pg_create);
    m.start();
    const auto n = conn.execute_many(items);
    m.stop();
    return n;
}

std::int64_t retort_w2(retort::connection& conn, const measure_hooks& m) {
    std::int64_t sum = 0;
    m.start();
    for (std::int64_t i = 0; i < bench_n(); ++i) {
        auto item = conn.execute(retort::select<BenchItem>().where(c<&BenchItem::id> == w2_id(i))).first();
        sum += item->id + static_cast<std::int64_t>(item->name.size());
    }
    m.stop();
    return sum;
}

std::int64_t retort_w3(retort::connection& conn, const measure_hooks& m) {
    m.start();
    std::vector<BenchItem> rows = conn.execute(retort::select<BenchItem>()).all();
    m.stop();
    return static_cast<std::int64_t>(rows.size()) + rows.back().id;
}

std::int64_t retort_w4(retort::connection& conn, const measure_hooks& m) {
    std::int64_t sum = 0;
    m.start();
    for (std::int64_t i = 0; i < w4_n(); ++i) {
        const double lo = w4_lo(i);
        const auto [n, avg] =
            conn.execute(retort::select(retort::count(), retort::avg(c<&BenchItem::score>))
                             .where(retort::between(c<&BenchItem::score>, lo, lo + 5.0)))
                .first()
                .value();
        sum += n + static_cast<std::int64_t>(avg.value_or(0));
    }
    m.stop();
    return sum;
}

// raw sqlite3

std::int64_t sqlite_w1(raw_sqlite& db, std::vector<BenchItem>& items, const measure_hooks& m) {
    db.exec(sqlite_create);
    sqlite3_stmt* st = db.prepare("INSERT INTO bench_items (name, score) VALUES (?, ?)");
    m.start();
    db.exec("BEGIN");
    std::int64_t sum = 0;
    for (auto& item : items) {
        sqlite3_bind_text(st, 1, item.name.data(), static_cast<int>(item.name.size()), SQLITE_STATIC);
        sqlite3_bind_double(st, 2, item.score);
        if (sqlite3_step(st) != SQLITE_DONE) fail("insert");
        item.id = sqlite3_last_insert_rowid(db.db);
        sum += item.id;
        sqlite3_reset(st);
    }
    db.exec("COMMIT");
    m.stop();
    sqlite3_finalize(st);
    return sum;
}

std::int64_t sqlite_w2(raw_sqlite& db, const measure_hooks& m) {
    sqlite3_stmt* st = db.prepare("SELECT id, name, score FROM bench_items WHERE id = ?");
    std::int64_t sum = 0;
    BenchItem item;
    m.start();
    for (std::int64_t i = 0; i < bench_n(); ++i) {
        sqlite3_bind_int64(st, 1, w2_id(i));
        if (sqlite3_step(st) != SQLITE_ROW) fail("point select");
        read_item(st, item);
        sqlite3_reset(st);
        sum += item.id + static_cast<std::int64_t>(item.name.size());
    }
    m.stop();
    sqlite3_finalize(st);
    return sum;
}

std::int64_t sqlite_w3(raw_sqlite& db, const measure_hooks& m) {
    sqlite3_stmt* st = db.prepare("SELECT id, name, score FROM bench_items");
    m.start();
    std::vector<BenchItem> rows;
    while (sqlite3_step(st) == SQLITE_ROW) read_item(st, rows.emplace_back());
    sqlite3_reset(st);
    m.stop();
    sqlite3_finalize(st);
    return static_cast<std::int64_t>(rows.size()) + rows.back().id;
}

std::int64_t sqlite_w4(raw_sqlite& db, const measure_hooks& m) {
    sqlite3_stmt* st = db.prepare("SELECT count(*), avg(score) FROM bench_items WHERE score BETWEEN ? AND ?");
    std::int64_t sum = 0;
    m.start();
    for (std::int64_t i = 0; i < w4_n(); ++i) {
        const double lo = w4_lo(i);
        sqlite3_bind_double(st, 1, lo);
        sqlite3_bind_double(st, 2, lo + 5.0);
        if (sqlite3_step(st) != SQLITE_ROW) fail("aggregate");
        const std::int64_t n = sqlite3_column_int64(st, 0);
        const double avg = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_double(st, 1);
        sqlite3_reset(st);
        sum += n + static_cast<std::int64_t>(avg);
    }
    m.stop();
    sqlite3_finalize(st);
    return sum;
}

// raw libpq

std::int64_t pg_w1(raw_pg& db, std::vector<BenchItem>& items, const measure_hooks& m) {
    db.exec(pg_create);
    db.prepare("w1", "INSERT INTO bench_items (name, score) VALUES ($1, $2) RETURNING id");
    num_text num;
    m.start();
    db.exec("BEGIN");
    std::int64_t sum = 0;
    for (auto& item : items) {
        const char* values[2] = {item.name.c_str(), num(item.score)};
        PGresult* r = PQexecPrepared(db.conn, "w1", 2, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(PQerrorMessage(db.conn));
        item.id = parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
        sum += item.id;
        PQclear(r);
    }
    db.exec("COMMIT");
    m.stop();
    db.exec("DEALLOCATE w1");
    return sum;
}

/// Pipeline mode: the same prepared INSERT, 1,000 executions per round trip.
std::int64_t pg_w1_pipeline(raw_pg& db, std::vector<BenchItem>& items, const measure_hooks& m) {
    db.exec(pg_create);
    db.prepare("w1p", "INSERT INTO bench_items (name, score) VALUES ($1, $2)");
    num_text num;
    m.start();
    db.exec("BEGIN");
    PQenterPipelineMode(db.conn);
    std::int64_t done = 0;
    auto drain = [&](int queued) {
        PQpipelineSync(db.conn);
        for (int q = 0; q < queued; ++q) {
            while (PGresult* r = PQgetResult(db.conn)) {
                if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(PQerrorMessage(db.conn));
                ++done;
                PQclear(r);
            }
        }
        PQclear(PQgetResult(db.conn));  // PGRES_PIPELINE_SYNC
    };
    int queued = 0;
    for (auto& item : items) {
        const char* values[2] = {item.name.c_str(), num(item.score)};
        if (!PQsendQueryPrepared(db.conn, "w1p", 2, values, nullptr, nullptr, 0)) fail(PQerrorMessage(db.conn));
        if (++queued == 1000) {
            drain(queued);
            queued = 0;
        }
    }
    if (queued) drain(queued);
    PQexitPipelineMode(db.conn);
    db.exec("COMMIT");
    m.stop();
    db.exec("DEALLOCATE w1p");
    return done;
}

/// COPY bench_items (name, score) FROM STDIN, text format.
std::int64_t pg_w1_copy(raw_pg& db, std::vector<BenchItem>& items, const measure_hooks& m) {
    db.exec(pg_create);
    m.start();
    db.exec("BEGIN");
    PGresult* r = PQexec(db.conn, "COPY bench_items (name, score) FROM STDIN");
    if (PQresultStatus(r) != PGRES_COPY_IN) fail(PQerrorMessage(db.conn));
    PQclear(r);
    std::string buffer;
    num_text num;
    for (auto& item : items) {
        buffer += item.name;  // names need no COPY escaping here
        buffer += '\t';
        buffer += num(item.score);
        buffer += '\n';
        if (buffer.size() > 64 * 1024) {
            PQputCopyData(db.conn, buffer.data(), static_cast<int>(buffer.size()));
            buffer.clear();
        }
    }
    PQputCopyData(db.conn, buffer.data(), static_cast<int>(buffer.size()));
    PQputCopyEnd(db.conn, nullptr);
    r = PQgetResult(db.conn);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(PQerrorMessage(db.conn));
    const auto n = parse<std::int64_t>(PQcmdTuples(r), static_cast<int>(std::strlen(PQcmdTuples(r))));
    PQclear(r);
    while (PGresult* more = PQgetResult(db.conn)) PQclear(more);
    db.exec("COMMIT");
    m.stop();
    return n;
}

/// Multi-row INSERT ... VALUES ($1,$2),($3,$4),... prepared for 1,000 rows per statement.
std::int64_t pg_w1_values(raw_pg& db, std::vector<BenchItem>& items, const measure_hooks& m) {
    db.exec(pg_create);
    constexpr int chunk = 1000;
    auto text_for = [](int rows) {
        std::string sql = "INSERT INTO bench_items (name, score) VALUES ";
        for (int i = 0; i < rows; ++i)
            sql += (i ? ",($" : "($") + std::to_string(2 * i + 1) + ",$" + std::to_string(2 * i + 2) + ")";
        return sql;
    };
    db.prepare("w1v", text_for(chunk).c_str());
    std::vector<std::string> scores(chunk);
    std::vector<const char*> values(2 * chunk);
    num_text num;
    m.start();
    db.exec("BEGIN");
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(items.size());
    for (std::int64_t at = 0; at < total; at += chunk) {
        const int rows = static_cast<int>(std::min<std::int64_t>(chunk, total - at));
        for (int i = 0; i < rows; ++i) {
            values[2 * i] = items[at + i].name.c_str();
            scores[i] = num(items[at + i].score);
            values[2 * i + 1] = scores[i].c_str();
        }
        PGresult* r = rows == chunk
                          ? PQexecPrepared(db.conn, "w1v", 2 * rows, values.data(), nullptr, nullptr, 0)
                          : PQexecParams(db.conn, text_for(rows).c_str(), 2 * rows, nullptr, values.data(), nullptr,
                                         nullptr, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(PQerrorMessage(db.conn));
        done += rows;
        PQclear(r);
    }
    db.exec("COMMIT");
    m.stop();
    db.exec("DEALLOCATE w1v");
    return done;
}

std::int64_t pg_w2(raw_pg& db, const measure_hooks& m) {
    db.prepare("w2", "SELECT id, name, score FROM bench_items WHERE id = $1");
    num_text num;
    std::int64_t sum = 0;
    BenchItem item;
    m.start();
    for (std::int64_t i = 0; i < bench_n(); ++i) {
        const char* values[1] = {num(w2_id(i))};
        PGresult* r = PQexecPrepared(db.conn, "w2", 1, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail(PQerrorMessage(db.conn));
        read_item(r, 0, item);
        PQclear(r);
        sum += item.id + static_cast<std::int64_t>(item.name.size());
    }
    m.stop();
    db.exec("DEALLOCATE w2");
    return sum;
}

std::int64_t pg_w3(raw_pg& db, const measure_hooks& m) {
    db.prepare("w3", "SELECT id, name, score FROM bench_items");
    m.start();
    PGresult* r = PQexecPrepared(db.conn, "w3", 0, nullptr, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(PQerrorMessage(db.conn));
    std::vector<BenchItem> rows;
    const int n = PQntuples(r);
    for (int i = 0; i < n; ++i) read_item(r, i, rows.emplace_back());
    PQclear(r);
    m.stop();
    db.exec("DEALLOCATE w3");
    return static_cast<std::int64_t>(rows.size()) + rows.back().id;
}

std::int64_t pg_w4(raw_pg& db, const measure_hooks& m) {
    db.prepare("w4", "SELECT count(*), avg(score) FROM bench_items WHERE score BETWEEN $1 AND $2");
    num_text lo_text, hi_text;
    std::int64_t sum = 0;
    m.start();
    for (std::int64_t i = 0; i < w4_n(); ++i) {
        const double lo = w4_lo(i);
        const char* values[2] = {lo_text(lo), hi_text(lo + 5.0)};
        PGresult* r = PQexecPrepared(db.conn, "w4", 2, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(PQerrorMessage(db.conn));
        const auto n = parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
        const double avg = PQgetisnull(r, 0, 1) ? 0 : parse<double>(PQgetvalue(r, 0, 1), PQgetlength(r, 0, 1));
        PQclear(r);
        sum += n + static_cast<std::int64_t>(avg);
    }
    m.stop();
    db.exec("DEALLOCATE w4");
    return sum;
}

// ---- dispatch ----------------------------------------------------------------------------
//
// A case is (workload, database, implementation). Workloads: W1, W1-bulk, W2, W3, W4;
// PostgreSQL adds raw-only bulk variants W1-pipeline, W1-copy, W1-values (implementation
// "raw") and W1-bulk for retort is execute_many.

struct bench_case {
    std::string workload;
    db_kind db;
    std::string impl;  // "retort" or "raw"; ORM workloads: "session", "core" or "raw"
};

/// Runs one case once; `m` brackets the measured part.
std::int64_t run_case(const bench_case& k, const measure_hooks& m) {
    if (orm_bench::is_orm_workload(k.workload))
        return orm_bench::run(k.workload, db_name(k.db), k.impl, bench_n(), m.start, m.stop);
    if (wide_bench::is_wide_workload(k.workload))
        return wide_bench::run(k.workload, db_name(k.db), k.impl, bench_n(), m.start, m.stop);
    static std::vector<BenchItem> items = make_items();
    for (auto& item : items) item.id = 0;
    const bool sqlite = k.db != db_kind::postgresql;
    if (k.db == db_kind::sqlite_wal && (k.workload.starts_with("W1")))
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(wal_path() + suffix);

    if (k.impl == "retort") {
        auto engine = retort::create_engine(retort_url(k.db));
        auto conn = engine.connect();
        if (k.workload == "W1") return retort_w1(conn, items, m);
        if (k.workload == "W1-bulk") return retort_w1_bulk(conn, items, m);
        fill(conn, items);
        if (k.workload == "W2") return retort_w2(conn, m);
        if (k.workload == "W3") return retort_w3(conn, m);
        if (k.workload == "W4") return retort_w4(conn, m);
    } else if (sqlite) {
        raw_sqlite db(k.db);
        if (k.workload == "W1" || k.workload == "W1-bulk") return sqlite_w1(db, items, m);
        {
            auto engine = retort::create_engine(retort_url(k.db));
            if (k.db == db_kind::sqlite_wal) {
                auto conn = engine.connect();
                fill(conn, items);
            }
        }
        if (k.db == db_kind::sqlite_memory) {  // the raw connection's own in-memory database
            db.exec(sqlite_create);
            sqlite3_stmt* st = db.prepare("INSERT INTO bench_items (name, score) VALUES (?, ?)");
            db.exec("BEGIN");
            for (auto& item : items) {
                sqlite3_bind_text(st, 1, item.name.data(), static_cast<int>(item.name.size()), SQLITE_STATIC);
                sqlite3_bind_double(st, 2, item.score);
                sqlite3_step(st);
                sqlite3_reset(st);
            }
            db.exec("COMMIT");
            sqlite3_finalize(st);
        }
        if (k.workload == "W2") return sqlite_w2(db, m);
        if (k.workload == "W3") return sqlite_w3(db, m);
        if (k.workload == "W4") return sqlite_w4(db, m);
    } else {
        raw_pg db;
        if (k.workload == "W1") return pg_w1(db, items, m);
        // W1-bulk: the same method as retort's execute_many (COPY), written by hand.
        if (k.workload == "W1-pipeline") return pg_w1_pipeline(db, items, m);
        if (k.workload == "W1-bulk" || k.workload == "W1-copy") return pg_w1_copy(db, items, m);
        if (k.workload == "W1-values") return pg_w1_values(db, items, m);
        {
            auto engine = retort::create_engine(retort_url(k.db));
            auto conn = engine.connect();
            fill(conn, items);
        }
        if (k.workload == "W2") return pg_w2(db, m);
        if (k.workload == "W3") return pg_w3(db, m);
        if (k.workload == "W4") return pg_w4(db, m);
    }
    fail("unknown case " + k.workload + " " + db_name(k.db) + " " + k.impl);
}

std::int64_t ops_of(const std::string& workload) {
    if (wide_bench::is_wide_workload(workload)) return wide_bench::ops(workload, bench_n());
    return workload == "W4" ? w4_n() : bench_n();
}

/// Runs a case once, untimed, before its first measurement. Whichever case runs first
/// otherwise pays for growing the heap (page faults, and glibc's first large allocations
/// served by mmap until its threshold adapts): measured, that made the first of a pair
/// up to 3x slower at N=10,000 for reasons that have nothing to do with the code.
void warm_up(const bench_case& k) {
    static std::set<std::string> done;
    const std::string key = k.workload + "/" + db_name(k.db) + "/" + k.impl;
    if (!done.insert(key).second) return;
    (void)run_case(k, measure_hooks{});
}

/// One Google Benchmark case: the workload's loop timed by hand, once per repetition.
void register_case(const bench_case& k) {
    const std::string name = k.workload + "/" + db_name(k.db) + "/" + k.impl;
    benchmark::RegisterBenchmark(name.c_str(), [k](benchmark::State& state) {
        warm_up(k);
        for (auto _ : state) {
            // Only the workload's loop is timed; set-up (filling the table) is not.
            std::chrono::steady_clock::time_point t0, t1;
            measure_hooks m{[&] { t0 = std::chrono::steady_clock::now(); },
                            [&] { t1 = std::chrono::steady_clock::now(); }};
            benchmark::DoNotOptimize(run_case(k, m));
            state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
        }
        state.counters["ops"] = static_cast<double>(ops_of(k.workload));
    })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
}

void register_all() {
    std::vector<db_kind> dbs = {db_kind::sqlite_memory, db_kind::sqlite_wal};
    if (!pg_url().empty()) dbs.push_back(db_kind::postgresql);
    for (const char* w : {"W1", "W1-bulk", "W2", "W3", "W4"}) {
        for (db_kind d : dbs) {
            for (const char* impl : {"retort", "raw"}) register_case(bench_case{w, d, impl});
            if (d == db_kind::postgresql && std::string(w) == "W1-bulk") {
                for (const char* variant : {"W1-pipeline", "W1-copy", "W1-values"})
                    register_case(bench_case{variant, d, "raw"});
            }
        }
    }
    for (const char* w : {"U1", "U1-many", "U2", "U2-into", "C1"})
        for (db_kind d : dbs)
            if (std::string(w) != "C1" || d != db_kind::sqlite_wal)
                for (const char* impl : {"retort", "raw"}) register_case(bench_case{w, d, impl});
    for (const char* w : {"O1", "O2", "O3", "O4"})
        for (db_kind d : dbs)
            for (const char* impl : {"session", "core", "raw"}) register_case(bench_case{w, d, impl});
}

/// --callgrind W2 sqlite-memory retort: collection on around the measured loop only.
int callgrind_mode(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench --callgrind WORKLOAD DATABASE retort|raw|session|core\n");
        return 2;
    }
    std::map<std::string, db_kind> dbs = {{"sqlite-memory", db_kind::sqlite_memory},
                                          {"sqlite-wal", db_kind::sqlite_wal},
                                          {"postgresql", db_kind::postgresql}};
    const bench_case k{argv[2], dbs.at(argv[3]), argv[4]};
    measure_hooks m{[] { CALLGRIND_ZERO_STATS; CALLGRIND_TOGGLE_COLLECT; },
                    [] { CALLGRIND_TOGGLE_COLLECT; }};
    const auto checksum = run_case(k, m);
    std::printf("checksum %lld ops %lld\n", static_cast<long long>(checksum),
                static_cast<long long>(ops_of(k.workload)));
    return 0;
}

// ---- --stream-memory: constant memory for any number of rows ------------------------------

/// A "Name:   1234 kB" line of /proc/self/status, in kB.
long status_kb(const char* name) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) fail("cannot open /proc/self/status");
    char line[256];
    long kb = -1;
    const std::size_t len = std::strlen(name);
    while (std::fgets(line, sizeof line, f) != nullptr) {
        if (std::strncmp(line, name, len) == 0 && line[len] == ':') {
            kb = std::strtol(line + len + 1, nullptr, 10);
            break;
        }
    }
    std::fclose(f);
    if (kb < 0) fail(std::string("no ") + name + " in /proc/self/status");
    return kb;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0); false when the kernel refuses.
bool reset_peak_rss() {
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (f == nullptr) return false;
    const bool written = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && written;
}

/// --stream-memory sqlite|postgresql N: the database makes N bench_items rows itself
/// (SQLite: a file in $RETORT_BENCH_DIR, removed after; PostgreSQL: $RETORT_TEST_PG_URL),
/// then every row is read with conn.stream(select<BenchItem>()). The resident set is read
/// just before the statement runs (after malloc_trim) and at the end; its peak is VmHWM,
/// reset before the statement runs, and VmRSS sampled every 65,536 rows.
/// checksum = sum of id + sum of score * 10 + sum of name lengths, checked against the
/// expected value. One line of key=value pairs; exit status 1 if rows or checksum differ.
int stream_memory_mode(int argc, char** argv) {
    if (argc < 4 || (std::string(argv[2]) != "sqlite" && std::string(argv[2]) != "postgresql")) {
        std::fprintf(stderr, "usage: bench --stream-memory sqlite|postgresql N\n");
        return 2;
    }
    const std::string database = argv[2];
    const std::int64_t n = std::atoll(argv[3]);
    if (n < 1) fail("N must be at least 1");
    const bool sqlite = database == "sqlite";
    const std::string file = bench_dir() + "/retort_bench_stream.sqlite3";
    const auto remove_file = [&] {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
    };
    if (!sqlite && pg_url().empty()) fail("--stream-memory postgresql needs RETORT_TEST_PG_URL");
    if (sqlite) remove_file();

    std::int64_t expected = 0;
    for (std::int64_t i = 1; i <= n; ++i) {
        std::int64_t digits = 1;
        for (std::int64_t v = i; v >= 10; v /= 10) ++digits;
        expected += i + i % 1000 + 5 + digits;  // id, score * 10, "name-<i>"
    }

    std::int64_t rows = 0, checksum = 0;
    long rss_before = 0, peak_before = 0, peak_after = 0, rss_after = 0;
    bool peak_reset = false;
    double fill_seconds = 0, seconds = 0;
    {
        auto engine = retort::create_engine(sqlite ? "sqlite:///" + file : pg_url());
        auto conn = engine.connect();
        const std::string count = std::to_string(n);
        const auto f0 = std::chrono::steady_clock::now();
        conn.execute_script(sqlite ? sqlite_create : pg_create);
        if (sqlite)
            conn.execute_script(
                "INSERT INTO bench_items (id, name, score) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                "FROM n WHERE i < " +
                count + ") SELECT i, 'name-' || i, (i % 1000) / 10.0 FROM n");
        else
            conn.execute_script(
                "INSERT INTO bench_items (id, name, score) SELECT i, 'name-' || i, (i % 1000) / 10.0 "
                "FROM generate_series(1::bigint, " +
                count + ") AS i");
        fill_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - f0).count();

        malloc_trim(0);  // free heap pages leave the resident set: growth cannot hide in them
        peak_before = status_kb("VmHWM");
        rss_before = status_kb("VmRSS");
        peak_reset = reset_peak_rss();
        long sampled = rss_before;
        const auto t0 = std::chrono::steady_clock::now();
        for (const BenchItem& item : conn.stream(retort::select<BenchItem>())) {
            ++rows;
            checksum += item.id + std::llround(item.score * 10) + static_cast<std::int64_t>(item.name.size());
            if ((rows & 0xffff) == 0) sampled = std::max(sampled, status_kb("VmRSS"));
        }
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        rss_after = status_kb("VmRSS");
        peak_after = std::max({sampled, rss_after, peak_reset ? status_kb("VmHWM") : 0L});
        conn.execute_script("DROP TABLE bench_items");
    }
    if (sqlite) remove_file();
    std::printf(
        "stream-memory database=%s rows=%lld checksum=%lld expected=%lld seconds=%.3f fill_seconds=%.3f "
        "rss_before_kb=%ld rss_after_kb=%ld peak_before_kb=%ld peak_after_kb=%ld growth_kb=%ld peak=%s\n",
        database.c_str(), static_cast<long long>(rows), static_cast<long long>(checksum),
        static_cast<long long>(expected), seconds, fill_seconds, rss_before, rss_after, peak_before, peak_after,
        peak_after - rss_before, peak_reset ? "vmhwm" : "sampled");
    return rows == n && checksum == expected ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc > 1 && std::string(argv[1]) == "--callgrind") return callgrind_mode(argc, argv);
        if (argc > 1 && std::string(argv[1]) == "--stream-memory") return stream_memory_mode(argc, argv);
        if (argc > 1 && std::string(argv[1]) == "--orm-memory") return orm_bench::memory_mode(argc, argv);
        // Large allocations from the heap, and freed memory kept: every case sees the same
        // allocator, whatever ran before it.
        mallopt(M_MMAP_THRESHOLD, 512 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
        register_all();
        benchmark::Initialize(&argc, argv);
        if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
