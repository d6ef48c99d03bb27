// benchmarks/wide_bench.cpp — retort against the raw C APIs on a six-column model (two
// strings, one longer than the small-string buffer; a nullable int; an int64 key; a
// double; an int), same work, same run.
//
//   U1       insert N rows one at a time from const rows, in one transaction:
//            conn.execute(insert(row)) (the generated key comes back); raw: one prepared
//            INSERT by hand (SQLite: sqlite3_last_insert_rowid; PostgreSQL: RETURNING id)
//   U1-many  conn.execute(insert_many(rows)) for N rows; raw: the row-at-a-time prepared
//            INSERT in a transaction (what insert_many must never be slower than)
//   U2       N point selects by primary key, each row a new struct (.first()); the statement
//            is prepared before the measured loop on both sides
//   U2-into  the same into one struct reused by every select (.first_into(row)), as the raw
//            loop (the raw side of U2 and U2-into is the same code) assigns into one struct
//   C1       a statement-cache round robin: 40 statement types (point selects under 40
//            table aliases) on a connection whose cache holds 32, so every execution is a
//            miss that evicts; N/10 executions. raw: prepare, bind, step, read, finalize
//            every time (what a miss has to do at least)
//
// Raw SQLite connections are opened with SQLITE_OPEN_NOMUTEX like retort's.
#include "wide_bench.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <retort/retort.hpp>

#include <array>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct BenchUser {
    std::int64_t id;
    std::string name;   // "user-123" (fits the small-string buffer)
    std::string email;  // "user-123@example.com" (on the heap)
    std::optional<int> age;
    double score;
    int visits;
};
template <>
inline constexpr auto retort::table_of<BenchUser> =
    retort::table<BenchUser>("bench_users", retort::primary_key<&BenchUser::id>);

namespace wide_bench {
namespace {

using U = BenchUser;
using retort::c;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("bench: " + what); }

std::string pg_url() {
    const char* v = std::getenv("RETORT_TEST_PG_URL");
    return v ? v : "";
}
std::string wal_path() {
    const char* v = std::getenv("RETORT_BENCH_DIR");
    return std::string(v && *v ? v : "/tmp") + "/retort_bench_wide_wal.sqlite3";
}
std::string retort_url(const std::string& db, const char* extra = "") {
    if (db == "sqlite-memory") return std::string("sqlite:///:memory:") + (*extra ? "?" : "") + extra;
    if (db == "sqlite-wal") return "sqlite:///" + wal_path() + "?journal_mode=wal&synchronous=normal" + (*extra ? "&" : "") + extra;
    if (db == "postgresql") {
        const std::string u = pg_url();
        if (!*extra) return u;
        return u + (u.find('?') == std::string::npos ? "?" : "&") + extra;
    }
    fail("unknown database " + db);
}

constexpr const char* sqlite_create =
    "DROP TABLE IF EXISTS bench_users; CREATE TABLE bench_users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "email TEXT NOT NULL, age INTEGER, score REAL NOT NULL, visits INTEGER NOT NULL)";
constexpr const char* pg_create =
    "DROP TABLE IF EXISTS bench_users; CREATE TABLE bench_users (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, "
    "email TEXT NOT NULL, age INTEGER, score DOUBLE PRECISION NOT NULL, visits INTEGER NOT NULL)";
constexpr const char* insert_text_sqlite =
    "INSERT INTO bench_users (name, email, age, score, visits) VALUES (?, ?, ?, ?, ?)";
constexpr const char* insert_text_pg =
    "INSERT INTO bench_users (name, email, age, score, visits) VALUES ($1, $2, $3, $4, $5)";

const std::vector<U>& users(std::int64_t n) {
    static std::vector<U> v;
    if (static_cast<std::int64_t>(v.size()) != n) {
        v.clear();
        v.reserve(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) {
            const std::string name = "user-" + std::to_string(i);
            v.push_back({0, name, name + "@example.com",
                         i % 5 == 0 ? std::nullopt : std::optional<int>(18 + static_cast<int>(i % 60)),
                         static_cast<double>(i % 1000) / 10.0, static_cast<int>(i % 100)});
        }
    }
    return v;
}

std::int64_t point_id(std::int64_t i, std::int64_t n) { return (i * 7919) % n + 1; }
std::int64_t c1_ops(std::int64_t n) { return std::max<std::int64_t>(40, n / 10); }

// ---- C1: 40 statement types, one per table alias -------------------------------------------

constexpr int c1_types = 40;
constexpr int c1_cache = 32;

template <int K>
constexpr retort::fixed_string<3> alias_name = [] {
    retort::fixed_string<3> s;
    s.data[0] = 'u';
    s.data[1] = static_cast<char>('0' + K / 10);
    s.data[2] = static_cast<char>('0' + K % 10);
    return s;
}();

template <int K>
std::int64_t c1_select(retort::connection& conn, std::int64_t id) {
    constexpr auto a = retort::alias<U, alias_name<K>>;
    auto row = conn.execute(retort::select(a(c<&U::id>), a(c<&U::visits>)).where(a(c<&U::id>) == id)).first();
    return std::get<0>(*row) + std::get<1>(*row);
}

using c1_fn = std::int64_t (*)(retort::connection&, std::int64_t);
constexpr auto c1_fns = []<std::size_t... K>(std::index_sequence<K...>) {
    return std::array<c1_fn, sizeof...(K)>{&c1_select<static_cast<int>(K)>...};
}(std::make_index_sequence<c1_types>{});

std::string c1_text(int k, bool pg) {
    const std::string a = std::string("\"u") + static_cast<char>('0' + k / 10) + static_cast<char>('0' + k % 10) + "\"";
    return "SELECT " + a + ".\"id\", " + a + ".\"visits\" FROM \"bench_users\" AS " + a + " WHERE " + a +
           ".\"id\" = " + (pg ? "$1" : "?");
}

// ---- retort ---------------------------------------------------------------------------------

void fill(retort::connection& conn, std::int64_t n) {
    const bool sqlite = conn.dialect() == retort::dialect_id::sqlite;
    conn.execute_script(sqlite ? sqlite_create : pg_create);
    conn.execute_many(users(n));
    if (!sqlite) conn.execute_script("ANALYZE bench_users");
}

std::int64_t run_retort(const std::string& w, const std::string& db, std::int64_t n,
                        const std::function<void()>& start, const std::function<void()>& stop) {
    const bool sqlite = db != "postgresql";
    auto engine = retort::create_engine(retort_url(db, w == "C1" ? "statement_cache_size=32" : ""));
    auto conn = engine.connect();
    std::int64_t sum = 0;
    if (w == "U1") {
        conn.execute_script(sqlite ? sqlite_create : pg_create);
        const std::vector<U>& rows = users(n);
        start();
        auto tx = conn.begin();
        for (const U& u : rows) sum += conn.execute(retort::insert(u));
        tx.commit();
        stop();
        return sum;
    }
    if (w == "U1-many") {
        conn.execute_script(sqlite ? sqlite_create : pg_create);
        const std::vector<U>& rows = users(n);
        start();
        sum = conn.execute(retort::insert_many(rows));
        stop();
        if (sum != n) fail("U1-many: " + std::to_string(sum) + " rows inserted, expected " + std::to_string(n));
        return sum;
    }
    fill(conn, n);
    if (w == "U2" || w == "U2-into") {
        // Prepared before the measured loop, as the raw side prepares its statement before
        // it (at N = 2,000 the first prepare would add ~32 instructions per select).
        if (!conn.execute(retort::select<U>().where(c<&U::id> == point_id(0, n))).first()) fail("U2: no row");
    }
    if (w == "U2") {
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            auto u = conn.execute(retort::select<U>().where(c<&U::id> == point_id(i, n))).first();
            sum += u->id + static_cast<std::int64_t>(u->email.size()) + u->age.value_or(0);
        }
        stop();
        return sum;
    }
    if (w == "U2-into") {
        U u{};
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            if (!conn.execute(retort::select<U>().where(c<&U::id> == point_id(i, n))).first_into(u))
                fail("U2-into: no row");
            sum += u.id + static_cast<std::int64_t>(u.email.size()) + u.age.value_or(0);
        }
        stop();
        return sum;
    }
    if (w == "C1") {
        const std::int64_t ops = c1_ops(n);
        for (int k = 0; k < c1_types; ++k) sum += c1_fns[static_cast<std::size_t>(k)](conn, 1);  // warm
        sum = 0;
        start();
        for (std::int64_t i = 0; i < ops; ++i)
            sum += c1_fns[static_cast<std::size_t>(i % c1_types)](conn, point_id(i, n));
        stop();
        if (conn.cache_size() > c1_cache) fail("C1: the cache holds more than its capacity");
        return sum;
    }
    fail("unknown workload " + w);
}

// ---- raw sqlite3 -----------------------------------------------------------------------------

struct raw_sqlite {
    sqlite3* db = nullptr;
    explicit raw_sqlite(const std::string& d) {
        const std::string path = d == "sqlite-memory" ? ":memory:" : wal_path();
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK)
            fail("sqlite3_open_v2");
        exec("PRAGMA foreign_keys = ON");
        if (d == "sqlite-wal") {
            exec("PRAGMA journal_mode = wal");
            exec("PRAGMA synchronous = normal");
        }
    }
    ~raw_sqlite() { sqlite3_close_v2(db); }
    void exec(const char* sql) {
        char* msg = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) fail(std::string("sqlite3_exec: ") + msg);
    }
    sqlite3_stmt* prepare(const char* sql, unsigned flags = SQLITE_PREPARE_PERSISTENT) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v3(db, sql, -1, flags, &st, nullptr) != SQLITE_OK)
            fail(std::string("prepare: ") + sqlite3_errmsg(db));
        return st;
    }
};

void bind_user(sqlite3_stmt* st, const U& u) {
    sqlite3_bind_text(st, 1, u.name.data(), static_cast<int>(u.name.size()), SQLITE_STATIC);
    sqlite3_bind_text(st, 2, u.email.data(), static_cast<int>(u.email.size()), SQLITE_STATIC);
    if (u.age)
        sqlite3_bind_int64(st, 3, *u.age);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_double(st, 4, u.score);
    sqlite3_bind_int64(st, 5, u.visits);
}

/// Row at a time in one transaction (U1, and the baseline of U1-many).
std::int64_t sqlite_insert_rows(raw_sqlite& db, const std::vector<U>& rows, bool keys) {
    sqlite3_stmt* st = db.prepare(insert_text_sqlite);
    db.exec("BEGIN");
    std::int64_t sum = 0;
    for (const U& u : rows) {
        bind_user(st, u);
        if (sqlite3_step(st) != SQLITE_DONE) fail("insert");
        sum += keys ? sqlite3_last_insert_rowid(db.db) : sqlite3_changes(db.db);
        sqlite3_reset(st);
    }
    db.exec("COMMIT");
    sqlite3_finalize(st);
    return sum;
}

void read_user(sqlite3_stmt* st, U& u) {
    u.id = sqlite3_column_int64(st, 0);
    u.name.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                  static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    u.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                   static_cast<std::size_t>(sqlite3_column_bytes(st, 2)));
    if (sqlite3_column_type(st, 3) == SQLITE_NULL)
        u.age.reset();
    else
        u.age = sqlite3_column_int(st, 3);
    u.score = sqlite3_column_double(st, 4);
    u.visits = sqlite3_column_int(st, 5);
}

std::int64_t run_sqlite(const std::string& w, const std::string& db_name, std::int64_t n,
                        const std::function<void()>& start, const std::function<void()>& stop) {
    raw_sqlite db(db_name);
    std::int64_t sum = 0;
    db.exec(sqlite_create);
    if (w == "U1" || w == "U1-many") {
        const std::vector<U>& rows = users(n);
        start();
        sum = sqlite_insert_rows(db, rows, w == "U1");
        stop();
        return sum;
    }
    sqlite_insert_rows(db, users(n), false);
    if (w == "U2" || w == "U2-into") {
        sqlite3_stmt* st =
            db.prepare("SELECT id, name, email, age, score, visits FROM bench_users WHERE id = ?");
        U u;
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            sqlite3_bind_int64(st, 1, point_id(i, n));
            if (sqlite3_step(st) != SQLITE_ROW) fail("point select");
            read_user(st, u);
            sqlite3_reset(st);
            sum += u.id + static_cast<std::int64_t>(u.email.size()) + u.age.value_or(0);
        }
        stop();
        sqlite3_finalize(st);
        return sum;
    }
    if (w == "C1") {
        std::vector<std::string> texts;
        for (int k = 0; k < c1_types; ++k) texts.push_back(c1_text(k, false));
        const std::int64_t ops = c1_ops(n);
        start();
        for (std::int64_t i = 0; i < ops; ++i) {
            sqlite3_stmt* st = db.prepare(texts[static_cast<std::size_t>(i % c1_types)].c_str(), 0);
            sqlite3_bind_int64(st, 1, point_id(i, n));
            if (sqlite3_step(st) != SQLITE_ROW) fail("C1 select");
            sum += sqlite3_column_int64(st, 0) + sqlite3_column_int64(st, 1);
            sqlite3_finalize(st);
        }
        stop();
        return sum;
    }
    fail("unknown workload " + w);
}

// ---- raw libpq ---------------------------------------------------------------------------------

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

struct num_text {
    char buf[32];
    template <class T>
    const char* operator()(T v) {
        *std::to_chars(buf, buf + sizeof buf - 1, v).ptr = '\0';
        return buf;
    }
};

std::int64_t pg_insert_rows(raw_pg& db, const std::vector<U>& rows, bool keys) {
    db.prepare("u1", keys ? (std::string(insert_text_pg) + " RETURNING id").c_str() : insert_text_pg);
    num_text age, score, visits;
    db.exec("BEGIN");
    std::int64_t sum = 0;
    for (const U& u : rows) {
        const char* values[5] = {u.name.c_str(), u.email.c_str(), u.age ? age(*u.age) : nullptr, score(u.score),
                                 visits(u.visits)};
        PGresult* r = PQexecPrepared(db.conn, "u1", 5, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != (keys ? PGRES_TUPLES_OK : PGRES_COMMAND_OK)) fail(PQerrorMessage(db.conn));
        sum += keys ? parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0)) : 1;
        PQclear(r);
    }
    db.exec("COMMIT");
    db.exec("DEALLOCATE u1");
    return sum;
}

std::int64_t run_pg(const std::string& w, std::int64_t n, const std::function<void()>& start,
                    const std::function<void()>& stop) {
    raw_pg db;
    std::int64_t sum = 0;
    db.exec(pg_create);
    if (w == "U1" || w == "U1-many") {
        const std::vector<U>& rows = users(n);
        start();
        sum = pg_insert_rows(db, rows, w == "U1");
        stop();
        return sum;
    }
    pg_insert_rows(db, users(n), false);
    db.exec("ANALYZE bench_users");
    if (w == "U2" || w == "U2-into") {
        db.prepare("u2", "SELECT id, name, email, age, score, visits FROM bench_users WHERE id = $1");
        num_text id;
        U u;
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            const char* values[1] = {id(point_id(i, n))};
            PGresult* r = PQexecPrepared(db.conn, "u2", 1, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail(PQerrorMessage(db.conn));
            u.id = parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
            u.name.assign(PQgetvalue(r, 0, 1), static_cast<std::size_t>(PQgetlength(r, 0, 1)));
            u.email.assign(PQgetvalue(r, 0, 2), static_cast<std::size_t>(PQgetlength(r, 0, 2)));
            if (PQgetisnull(r, 0, 3))
                u.age.reset();
            else
                u.age = parse<int>(PQgetvalue(r, 0, 3), PQgetlength(r, 0, 3));
            u.score = parse<double>(PQgetvalue(r, 0, 4), PQgetlength(r, 0, 4));
            u.visits = parse<int>(PQgetvalue(r, 0, 5), PQgetlength(r, 0, 5));
            PQclear(r);
            sum += u.id + static_cast<std::int64_t>(u.email.size()) + u.age.value_or(0);
        }
        stop();
        db.exec("DEALLOCATE u2");
        return sum;
    }
    if (w == "C1") {
        // What a miss has to do at least: PREPARE (a round trip), execute, DEALLOCATE.
        std::vector<std::string> texts;
        for (int k = 0; k < c1_types; ++k) texts.push_back(c1_text(k, true));
        const std::int64_t ops = c1_ops(n);
        num_text id;
        start();
        for (std::int64_t i = 0; i < ops; ++i) {
            db.prepare("c1", texts[static_cast<std::size_t>(i % c1_types)].c_str());
            const char* values[1] = {id(point_id(i, n))};
            PGresult* r = PQexecPrepared(db.conn, "c1", 1, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail(PQerrorMessage(db.conn));
            sum += parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0)) +
                   parse<std::int64_t>(PQgetvalue(r, 0, 1), PQgetlength(r, 0, 1));
            PQclear(r);
            db.exec("DEALLOCATE c1");
        }
        stop();
        return sum;
    }
    fail("unknown workload " + w);
}

}  // namespace

bool is_wide_workload(const std::string& w) {
    return w == "U1" || w == "U1-many" || w == "U2" || w == "U2-into" || w == "C1";
}

std::int64_t ops(const std::string& w, std::int64_t n) { return w == "C1" ? c1_ops(n) : n; }

std::int64_t run(const std::string& w, const std::string& db, const std::string& impl, std::int64_t n,
                 const std::function<void()>& start, const std::function<void()>& stop) {
    if (db == "sqlite-wal" && (w == "U1" || w == "U1-many"))
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((wal_path() + suffix).c_str());
    if (impl == "retort") return run_retort(w, db, n, start, stop);
    if (impl != "raw") fail("unknown implementation " + impl);
    if (db == "postgresql") return run_pg(w, n, start, stop);
    return run_sqlite(w, db, n, start, stop);
}

}  // namespace wide_bench
