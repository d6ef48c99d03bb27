// benchmarks/orm_bench.cpp — the ORM session against Core (and the raw C API, for
// reference), same data, same run. The model is a realistic row: 6 columns, two strings
// (one longer than the small-string buffer), a nullable int.
//
//   O1  load N objects: s.query<P>().all()  vs  conn.execute(select<P>()).all()
//   O2  flush N modified objects (score changed in each; s.commit())  vs  Core's
//       update<P>().set(c<&P::score> = v).where(c<&P::id> == id) in a loop in a transaction
//       (raw: the same prepared UPDATE by hand). Checked after: N rows have the new score.
//   O3  N s.get<P>(id) on identity-map hits (the session holds the N objects)  vs  N Core
//       point selects by primary key; the session case fails if a statement runs.
//   O4  insert N new objects: s.add() each and s.commit()  vs  Core's insert(p) in a loop in
//       a transaction (each writes the generated key back, as the session does; raw: the
//       prepared INSERT with sqlite3_last_insert_rowid / RETURNING id). Checked after: N rows,
//       and every object holds its row's key.
//
// Implementations: "session" (the ORM), "core" (retort Core, the baseline of the ratios),
// "raw" (sqlite3 / libpq). The measured part excludes filling the table and, for O2 and
// O3, loading the objects and changing them; it includes the session's lazily begun
// transaction (BEGIN) for O1 and COMMIT for O2 and O4 (the Core and raw loops BEGIN/COMMIT
// too).
//
// --orm-memory [N]: heap growth per object a session tracks after loading N rows
// (mallinfo2: arena + mmapped bytes in use), against Core loading the same rows into a
// std::vector<P>.
#include "orm_bench.hpp"

#include <libpq-fe.h>
#include <malloc.h>
#include <sqlite3.h>

#include <retort/orm.hpp>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct BenchPerson {
    std::int64_t id;
    std::string name;   // "person-123" (fits the small-string buffer)
    std::string email;  // "person-123@example.com" (on the heap)
    std::optional<int> age;
    double score;
    std::int64_t visits;
};
template <>
inline constexpr auto retort::table_of<BenchPerson> =
    retort::table<BenchPerson>("bench_people", retort::primary_key<&BenchPerson::id>);

namespace orm_bench {
namespace {

using P = BenchPerson;
using retort::c;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("bench: " + what); }

std::string pg_url() {
    const char* v = std::getenv("RETORT_TEST_PG_URL");
    return v ? v : "";
}
std::string wal_path() {
    const char* v = std::getenv("RETORT_BENCH_DIR");
    return std::string(v && *v ? v : "/tmp") + "/retort_bench_orm_wal.sqlite3";
}
std::string retort_url(const std::string& db) {
    if (db == "sqlite-memory") return "sqlite:///:memory:";
    if (db == "sqlite-wal") return "sqlite:///" + wal_path() + "?journal_mode=wal&synchronous=normal";
    if (db == "postgresql") return pg_url();
    fail("unknown database " + db);
}

constexpr const char* sqlite_create =
    "DROP TABLE IF EXISTS bench_people; CREATE TABLE bench_people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "email TEXT NOT NULL, age INTEGER, score REAL NOT NULL, visits INTEGER NOT NULL)";
constexpr const char* pg_create =
    "DROP TABLE IF EXISTS bench_people; CREATE TABLE bench_people (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, "
    "email TEXT NOT NULL, age INTEGER, score DOUBLE PRECISION NOT NULL, visits BIGINT NOT NULL)";

std::vector<P> make_people(std::int64_t n) {
    std::vector<P> v;
    v.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::string name = "person-" + std::to_string(i);
        v.push_back({0, name, name + "@example.com",
                     i % 5 == 0 ? std::nullopt : std::optional<int>(18 + static_cast<int>(i % 60)),
                     static_cast<double>(i % 1000) / 10.0, i % 100});
    }
    return v;
}

std::int64_t point_id(std::int64_t i, std::int64_t n) { return (i * 7919) % n + 1; }
constexpr double bump = 1000.0;  // O2 adds this to every score (scores are below 100)

std::int64_t sum_of(const P& p) { return p.id + static_cast<std::int64_t>(p.name.size()) + p.age.value_or(0); }

// ---- retort: fill, the session and Core --------------------------------------------------

void fill(retort::connection& conn, std::int64_t n) {
    const bool sqlite = conn.dialect() == retort::dialect_id::sqlite;
    conn.execute_script(sqlite ? sqlite_create : pg_create);
    auto people = make_people(n);
    conn.execute_many(people);
    if (!sqlite) conn.execute_script("ANALYZE bench_people");
}

/// O4's table: empty.
void create_empty(retort::connection& conn) {
    conn.execute_script(conn.dialect() == retort::dialect_id::sqlite ? sqlite_create : pg_create);
}

/// O4's check: N rows, and the objects' keys are the rows' keys (their sum, and each distinct
/// and positive, since the keys are generated 1..N on a fresh table).
std::int64_t check_inserted(std::int64_t rows, std::int64_t n, std::int64_t key_sum, const char* who) {
    const std::int64_t expected = n * (n + 1) / 2;
    if (rows != n || key_sum != expected)
        fail(std::string("O4 ") + who + ": " + std::to_string(rows) + " rows, key sum " + std::to_string(key_sum) +
             ", expected " + std::to_string(n) + " and " + std::to_string(expected));
    return key_sum;
}

std::int64_t bumped_rows(retort::connection& conn) {
    return std::get<0>(
        conn.execute(retort::select(retort::count()).from<P>().where(c<&P::score> >= bump)).one());
}

std::int64_t run_retort(const std::string& w, const std::string& db, bool orm, std::int64_t n,
                        const std::function<void()>& start, const std::function<void()>& stop) {
    std::int64_t statements = 0;
    retort::engine_options options;
    if (orm && w == "O3")  // counts what reaches the database during the measured loop
        options.on_event = [&](const retort::event& e) {
            if (e.kind == retort::event_kind::before_execute) ++statements;
        };
    auto engine = retort::create_engine(retort_url(db), options);
    auto conn = engine.connect();
    std::int64_t sum = 0;
    if (w == "O4") {
        create_empty(conn);
        std::vector<P> people = make_people(n);
        if (orm) {
            retort::session s{conn};
            std::vector<P*> added;
            added.reserve(people.size());
            start();
            for (P& p : people) added.push_back(&s.add(std::move(p)));
            s.commit();
            stop();
            for (const P* p : added) sum += p->id;
        } else {
            start();
            auto tx = conn.begin();
            for (P& p : people) conn.execute(retort::insert(p));
            tx.commit();
            stop();
            for (const P& p : people) sum += p.id;
        }
        const std::int64_t rows = std::get<0>(conn.execute(retort::select(retort::count()).from<P>()).one());
        return check_inserted(rows, n, sum, orm ? "session" : "core");
    }
    fill(conn, n);
    if (w == "O1") {
        if (orm) {
            retort::session s{conn};
            start();
            auto objects = s.query<P>().all();
            stop();
            for (const P& p : objects) sum += sum_of(p);
        } else {
            start();
            std::vector<P> rows = conn.execute(retort::select<P>()).all();
            stop();
            for (const P& p : rows) sum += sum_of(p);
        }
        return sum;
    }
    if (w == "O2") {
        if (orm) {
            retort::session s{conn};
            for (P& p : s.query<P>().all()) p.score += bump;
            start();
            s.commit();
            stop();
        } else {
            std::vector<P> rows = conn.execute(retort::select<P>()).all();
            for (P& p : rows) p.score += bump;
            start();
            auto tx = conn.begin();
            for (const P& p : rows)
                sum += conn.execute(retort::update<P>().set(c<&P::score> = p.score).where(c<&P::id> == p.id));
            tx.commit();
            stop();
            if (sum != n) fail("O2 core: " + std::to_string(sum) + " rows updated");
        }
        const std::int64_t done = bumped_rows(conn);
        if (done != n) fail("O2: " + std::to_string(done) + " rows have the new score, expected " + std::to_string(n));
        return done;
    }
    if (w == "O3") {
        if (orm) {
            retort::session s{conn};
            (void)s.query<P>().all();  // the N objects in the identity map
            statements = 0;
            start();
            for (std::int64_t i = 0; i < n; ++i) {
                const P* p = s.get<P>(point_id(i, n));
                sum += p->id + static_cast<std::int64_t>(p->name.size());
            }
            stop();
            if (statements != 0) fail("O3: get() on identity-map hits ran " + std::to_string(statements) + " statements");
        } else {
            start();
            for (std::int64_t i = 0; i < n; ++i) {
                auto p = conn.execute(retort::select<P>().where(c<&P::id> == point_id(i, n))).first();
                sum += p->id + static_cast<std::int64_t>(p->name.size());
            }
            stop();
        }
        return sum;
    }
    fail("unknown ORM workload " + w);
}

// ---- raw sqlite3 --------------------------------------------------------------------------

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
    raw_sqlite(const raw_sqlite&) = delete;
    raw_sqlite& operator=(const raw_sqlite&) = delete;
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
    std::int64_t scalar(const char* sql) {
        sqlite3_stmt* st = prepare(sql);
        if (sqlite3_step(st) != SQLITE_ROW) fail("scalar");
        const std::int64_t v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
};

void read_person(sqlite3_stmt* st, P& p) {
    p.id = sqlite3_column_int64(st, 0);
    p.name.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                  static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    p.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                   static_cast<std::size_t>(sqlite3_column_bytes(st, 2)));
    if (sqlite3_column_type(st, 3) == SQLITE_NULL) p.age.reset();
    else p.age = sqlite3_column_int(st, 3);
    p.score = sqlite3_column_double(st, 4);
    p.visits = sqlite3_column_int64(st, 5);
}

std::int64_t run_sqlite(const std::string& w, const std::string& d, std::int64_t n,
                        const std::function<void()>& start, const std::function<void()>& stop) {
    raw_sqlite db(d);
    db.exec(sqlite_create);
    std::vector<P> people = make_people(n);
    {
        sqlite3_stmt* st =
            db.prepare("INSERT INTO bench_people (name, email, age, score, visits) VALUES (?, ?, ?, ?, ?)");
        if (w == "O4") start();
        db.exec("BEGIN");
        for (P& p : people) {
            sqlite3_bind_text(st, 1, p.name.data(), static_cast<int>(p.name.size()), SQLITE_STATIC);
            sqlite3_bind_text(st, 2, p.email.data(), static_cast<int>(p.email.size()), SQLITE_STATIC);
            if (p.age) sqlite3_bind_int(st, 3, *p.age);
            else sqlite3_bind_null(st, 3);
            sqlite3_bind_double(st, 4, p.score);
            sqlite3_bind_int64(st, 5, p.visits);
            if (sqlite3_step(st) != SQLITE_DONE) fail("insert");
            p.id = sqlite3_last_insert_rowid(db.db);
            sqlite3_reset(st);
        }
        db.exec("COMMIT");
        if (w == "O4") stop();
        sqlite3_finalize(st);
    }
    if (w == "O4") {
        std::int64_t keys = 0;
        for (const P& p : people) keys += p.id;
        return check_inserted(db.scalar("SELECT count(*) FROM bench_people"), n, keys, "raw");
    }
    sqlite3_stmt* all = db.prepare("SELECT id, name, email, age, score, visits FROM bench_people");
    std::int64_t sum = 0;
    if (w == "O1") {
        start();
        std::vector<P> rows;
        while (sqlite3_step(all) == SQLITE_ROW) read_person(all, rows.emplace_back());
        sqlite3_reset(all);
        stop();
        for (const P& p : rows) sum += sum_of(p);
    } else if (w == "O2") {
        std::vector<P> rows;
        while (sqlite3_step(all) == SQLITE_ROW) read_person(all, rows.emplace_back());
        sqlite3_reset(all);
        for (P& p : rows) p.score += bump;
        sqlite3_stmt* st = db.prepare("UPDATE bench_people SET score = ? WHERE id = ?");
        start();
        db.exec("BEGIN");
        for (const P& p : rows) {
            sqlite3_bind_double(st, 1, p.score);
            sqlite3_bind_int64(st, 2, p.id);
            if (sqlite3_step(st) != SQLITE_DONE) fail("update");
            sum += sqlite3_changes(db.db);
            sqlite3_reset(st);
        }
        db.exec("COMMIT");
        stop();
        sqlite3_finalize(st);
        const std::int64_t done = db.scalar("SELECT count(*) FROM bench_people WHERE score >= 1000");
        if (sum != n || done != n) fail("O2 raw: updated " + std::to_string(done));
        sum = done;
    } else if (w == "O3") {
        sqlite3_stmt* st = db.prepare("SELECT id, name, email, age, score, visits FROM bench_people WHERE id = ?");
        P p;
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            sqlite3_bind_int64(st, 1, point_id(i, n));
            if (sqlite3_step(st) != SQLITE_ROW) fail("point select");
            read_person(st, p);
            sqlite3_reset(st);
            sum += p.id + static_cast<std::int64_t>(p.name.size());
        }
        stop();
        sqlite3_finalize(st);
    } else {
        fail("unknown ORM workload " + w);
    }
    sqlite3_finalize(all);
    return sum;
}

// ---- raw libpq ----------------------------------------------------------------------------

template <class T>
T parse(const char* s, int len) {
    T v{};
    std::from_chars(s, s + len, v);
    return v;
}

struct raw_pg {
    PGconn* conn = nullptr;
    raw_pg() {
        conn = PQconnectdb(pg_url().c_str());
        if (PQstatus(conn) != CONNECTION_OK) fail(std::string("PQconnectdb: ") + PQerrorMessage(conn));
    }
    ~raw_pg() { PQfinish(conn); }
    raw_pg(const raw_pg&) = delete;
    raw_pg& operator=(const raw_pg&) = delete;
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

void read_person(const PGresult* r, int row, P& p) {
    p.id = parse<std::int64_t>(PQgetvalue(r, row, 0), PQgetlength(r, row, 0));
    p.name.assign(PQgetvalue(r, row, 1), static_cast<std::size_t>(PQgetlength(r, row, 1)));
    p.email.assign(PQgetvalue(r, row, 2), static_cast<std::size_t>(PQgetlength(r, row, 2)));
    if (PQgetisnull(r, row, 3)) p.age.reset();
    else p.age = parse<int>(PQgetvalue(r, row, 3), PQgetlength(r, row, 3));
    p.score = parse<double>(PQgetvalue(r, row, 4), PQgetlength(r, row, 4));
    p.visits = parse<std::int64_t>(PQgetvalue(r, row, 5), PQgetlength(r, row, 5));
}

std::vector<P> pg_all(raw_pg& db) {
    PGresult* r = PQexecPrepared(db.conn, "o_all", 0, nullptr, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(PQerrorMessage(db.conn));
    std::vector<P> rows;
    const int count = PQntuples(r);
    for (int i = 0; i < count; ++i) read_person(r, i, rows.emplace_back());
    PQclear(r);
    return rows;
}

std::int64_t run_pg(const std::string& w, std::int64_t n, const std::function<void()>& start,
                    const std::function<void()>& stop) {
    {
        auto engine = retort::create_engine(pg_url());
        auto conn = engine.connect();
        if (w == "O4")
            create_empty(conn);
        else
            fill(conn, n);
    }
    raw_pg db;
    db.prepare("o_all", "SELECT id, name, email, age, score, visits FROM bench_people");
    char buf[2][32];
    auto text = [&](int slot, auto v) {
        *std::to_chars(buf[slot], buf[slot] + sizeof buf[slot] - 1, v).ptr = '\0';
        return buf[slot];
    };
    std::int64_t sum = 0;
    if (w == "O4") {
        std::vector<P> people = make_people(n);
        db.prepare("o_insert",
                   "INSERT INTO bench_people (name, email, age, score, visits) VALUES ($1, $2, $3, $4, $5) RETURNING id");
        char nums[3][32];
        auto num = [&](int slot, auto v) {
            *std::to_chars(nums[slot], nums[slot] + sizeof nums[slot] - 1, v).ptr = '\0';
            return nums[slot];
        };
        start();
        db.exec("BEGIN");
        for (P& p : people) {
            const char* values[5] = {p.name.c_str(), p.email.c_str(), p.age ? num(0, *p.age) : nullptr, num(1, p.score),
                                     num(2, p.visits)};
            PGresult* r = PQexecPrepared(db.conn, "o_insert", 5, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail(PQerrorMessage(db.conn));
            p.id = parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
            PQclear(r);
        }
        db.exec("COMMIT");
        stop();
        for (const P& p : people) sum += p.id;
        PGresult* r = PQexec(db.conn, "SELECT count(*) FROM bench_people");
        const std::int64_t rows = parse<std::int64_t>(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
        PQclear(r);
        return check_inserted(rows, n, sum, "raw");
    }
    if (w == "O1") {
        start();
        std::vector<P> rows = pg_all(db);
        stop();
        for (const P& p : rows) sum += sum_of(p);
    } else if (w == "O2") {
        std::vector<P> rows = pg_all(db);
        for (P& p : rows) p.score += bump;
        db.prepare("o_update", "UPDATE bench_people SET score = $1 WHERE id = $2");
        start();
        db.exec("BEGIN");
        for (const P& p : rows) {
            const char* values[2] = {text(0, p.score), text(1, p.id)};
            PGresult* r = PQexecPrepared(db.conn, "o_update", 2, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(PQerrorMessage(db.conn));
            sum += parse<std::int64_t>(PQcmdTuples(r), static_cast<int>(std::strlen(PQcmdTuples(r))));
            PQclear(r);
        }
        db.exec("COMMIT");
        stop();
        if (sum != n) fail("O2 raw: updated " + std::to_string(sum));
    } else if (w == "O3") {
        db.prepare("o_get", "SELECT id, name, email, age, score, visits FROM bench_people WHERE id = $1");
        P p;
        start();
        for (std::int64_t i = 0; i < n; ++i) {
            const char* values[1] = {text(0, point_id(i, n))};
            PGresult* r = PQexecPrepared(db.conn, "o_get", 1, values, nullptr, nullptr, 0);
            if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) fail(PQerrorMessage(db.conn));
            read_person(r, 0, p);
            PQclear(r);
            sum += p.id + static_cast<std::int64_t>(p.name.size());
        }
        stop();
    } else {
        fail("unknown ORM workload " + w);
    }
    return sum;
}

std::size_t heap_in_use() {
    const struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

}  // namespace

bool is_orm_workload(const std::string& workload) {
    return workload == "O1" || workload == "O2" || workload == "O3" || workload == "O4";
}

std::int64_t run(const std::string& workload, const std::string& database, const std::string& impl,
                 std::int64_t n, const std::function<void()>& start, const std::function<void()>& stop) {
    if (impl == "session" || impl == "core") return run_retort(workload, database, impl == "session", n, start, stop);
    if (impl != "raw") fail("unknown implementation " + impl);
    if (database == "postgresql") return run_pg(workload, n, start, stop);
    return run_sqlite(workload, database, n, start, stop);
}

int memory_mode(int argc, char** argv) {
    const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 100'000;
    if (n < 1) fail("N must be at least 1");
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    fill(conn, n);
    // Warm the statement cache and the allocator's free lists with one run of each.
    (void)conn.execute(retort::select<P>()).all();
    malloc_trim(0);

    std::size_t core_bytes = 0, session_bytes = 0, result_bytes = 0;
    std::int64_t check_core = 0, check_session = 0;
    {
        const std::size_t before = heap_in_use();
        std::vector<P> rows = conn.execute(retort::select<P>()).all();
        core_bytes = heap_in_use() - before;
        for (const P& p : rows) check_core += sum_of(p);
    }
    malloc_trim(0);
    {
        const std::size_t before = heap_in_use();
        retort::session s{conn};
        {
            auto objects = s.query<P>().all();
            result_bytes = heap_in_use() - before;
            for (const P& p : objects) check_session += sum_of(p);
        }
        session_bytes = heap_in_use() - before;  // what the session keeps, the result list gone
        if (s.size() != static_cast<std::size_t>(n)) fail("the session does not track every row");
    }
    std::printf(
        "orm-memory rows=%lld sizeof_object=%zu core_bytes_per_row=%.1f session_bytes_per_object=%.1f "
        "session_with_result_bytes_per_object=%.1f checksum=%s\n",
        static_cast<long long>(n), sizeof(P), static_cast<double>(core_bytes) / static_cast<double>(n),
        static_cast<double>(session_bytes) / static_cast<double>(n),
        static_cast<double>(result_bytes) / static_cast<double>(n), check_core == check_session ? "ok" : "WRONG");
    return check_core == check_session ? 0 : 1;
}

}  // namespace orm_bench
