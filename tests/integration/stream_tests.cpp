// tests/integration/stream_tests.cpp — conn.stream(select) reads 2,000,000 rows in constant
// memory, and the measurement can tell: execute().all() on the same rows grows past the
// bound (and on PostgreSQL so does plain execute(), whose rows libpq holds all at once).
//
// One source, built twice, like integration_tests.cpp:
//   tests/sqlite/meson.build      -DRETORT_TEST_SQLITE      a fresh SQLite file in the build directory
//   tests/postgresql/meson.build  -DRETORT_TEST_POSTGRESQL  the server in $RETORT_TEST_PG_URL
//
// The database makes the rows itself (SQLite: a recursive CTE; PostgreSQL: generate_series),
// so this process never held them before it reads them. Memory is the resident set from
// /proc/self/status, measured from just before the statement runs to the last row: the free
// heap is first returned to the system (malloc_trim), so a leak cannot hide in pages that
// are already resident; the peak is VmHWM, reset to the current RSS through
// /proc/self/clear_refs, and VmRSS sampled every 65,536 rows.
//
// Measuring from the first row instead would miss the failure that matters on PostgreSQL:
// without single-row mode libpq has read the whole result before the first row is seen.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// AddressSanitizer keeps freed memory in a quarantine (256 MB by default), so a loop that
// frees what it allocates (libpq: one PGresult a row) grows the resident set until the
// quarantine is full. Without it ASan reuses freed blocks as malloc does and the bound
// applies as is. ASAN_OPTIONS (scripts/test sets some) still override the flags they name.
#if defined(__SANITIZE_ADDRESS__)
#define RETORT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RETORT_TEST_ASAN 1
#endif
#endif
#if defined(RETORT_TEST_ASAN)
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=0"; }
#endif

// ---- which database ----------------------------------------------------------------

#if defined(RETORT_TEST_SQLITE)

constexpr bool on_sqlite = true;
constexpr std::string_view database_name = "SQLite";

/// The SQLite file in the build directory and its journals.
void remove_database_file() {
    const std::string file = RETORT_TEST_SQLITE_FILE;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
}
std::string test_url() {
    remove_database_file();
    return "sqlite:///" + std::string(RETORT_TEST_SQLITE_FILE);  // absolute: sqlite:////...
}

#elif defined(RETORT_TEST_POSTGRESQL)

constexpr bool on_sqlite = false;
constexpr std::string_view database_name = "PostgreSQL";

void remove_database_file() {}
std::string test_url() {
    const char* url = std::getenv("RETORT_TEST_PG_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "RETORT_TEST_PG_URL is not set: the PostgreSQL stream test needs a server. Run it as "
            "`source scripts/pg; pg_start; meson test -C build --suite postgresql stream; pg_stop`");
    return url;
}

#else
#error "build the stream tests with -DRETORT_TEST_SQLITE or -DRETORT_TEST_POSTGRESQL"
#endif

// ---- the rows ----------------------------------------------------------------------

struct StreamRow {
    std::int64_t id;
    std::int64_t amount;
    std::string label;  // "stream-row-<id>": 12 characters or more, most past std::string's inline 15
};
template <>
inline constexpr auto retort::table_of<StreamRow> =
    retort::table<StreamRow>("stream_rows", retort::primary_key<&StreamRow::id>);

// Held in a std::vector, 2,000,000 rows take 2,000,000 x (48 bytes + a 32-byte heap block
// for most labels) = ~150 MB, ~9x the bound; libpq's copy of a whole result is as large.
// The whole test takes ~3 s on SQLite and ~6 s on PostgreSQL (2 cores, optimised build).
constexpr std::int64_t row_count = 2'000'000;
constexpr long bound_kb = 16 * 1024;
constexpr std::string_view label_prefix = "stream-row-";

/// Fills stream_rows with ids 1..n, made by the database itself.
void make_rows(retort::connection& conn, std::int64_t n) {
    retort::drop_all<StreamRow>(conn);
    retort::create_all<StreamRow>(conn);
    const std::string count = std::to_string(n);
    if constexpr (on_sqlite)
        conn.execute_script(
            "INSERT INTO stream_rows (id, amount, label) "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            count + ") SELECT i, (i * 7919) % 10007, 'stream-row-' || i FROM n");
    else
        conn.execute_script(
            "INSERT INTO stream_rows (id, amount, label) "
            "SELECT i, (i * 7919) % 10007, 'stream-row-' || i FROM generate_series(1::bigint, " +
            count + ") AS i");
}

// ---- memory ------------------------------------------------------------------------

/// A "Name:   1234 kB" line of /proc/self/status, in kB (read without allocating).
long status_kb(const char* name) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) throw std::runtime_error("cannot open /proc/self/status");
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
    if (kb < 0) throw std::runtime_error(std::string("no ") + name + " in /proc/self/status");
    return kb;
}

/// Growth of the resident set since construction: the peak of VmHWM (reset at construction
/// when the kernel allows it) and of the VmRSS samples, minus VmRSS at construction.
class rss_growth {
public:
    rss_growth() {
#if defined(__GLIBC__)
        malloc_trim(0);  // free heap pages leave the resident set: a leak must show as growth
#endif
        base_kb_ = max_kb_ = status_kb("VmRSS");
        if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
            const bool written = std::fputs("5", f) >= 0;  // 5: VmHWM = the current RSS
            peak_reset_ = std::fclose(f) == 0 && written;
        }
    }
    void sample() { max_kb_ = std::max(max_kb_, status_kb("VmRSS")); }
    long kb() {
        sample();
        return (peak_reset_ ? std::max(max_kb_, status_kb("VmHWM")) : max_kb_) - base_kb_;
    }
    long base_kb() const { return base_kb_; }
    bool peak_reset() const { return peak_reset_; }

private:
    long base_kb_ = 0;
    long max_kb_ = 0;
    bool peak_reset_ = false;
};

// ---- reading and checking ----------------------------------------------------------

/// What was read: counts and sums over every row, checked against the expected values.
struct tally {
    std::int64_t rows = 0;
    std::int64_t id_sum = 0;
    std::int64_t amount_sum = 0;
    std::int64_t bad_labels = 0;    // not "stream-row-<id>"
    std::int64_t out_of_order = 0;  // id not above the previous one
    std::int64_t previous = 0;

    void add(const StreamRow& r) {
        ++rows;
        id_sum += r.id;
        amount_sum += r.amount;
        const std::string_view s = r.label;
        std::int64_t n = 0;
        const char* digits = s.data() + std::min(s.size(), label_prefix.size());
        const auto [end, ec] = std::from_chars(digits, s.data() + s.size(), n);
        bad_labels += !(s.starts_with(label_prefix) && ec == std::errc{} && end == s.data() + s.size() && n == r.id);
        out_of_order += r.id <= previous;
        previous = r.id;
    }
};

void check_tally(const tally& t) {
    std::int64_t expected_amount = 0;
    for (std::int64_t id = 1; id <= row_count; ++id) expected_amount += (id * 7919) % 10007;
    CHECK(t.rows == row_count);
    CHECK(t.id_sum == row_count * (row_count + 1) / 2);
    CHECK(t.amount_sum == expected_amount);
    CHECK(t.bad_labels == 0);
    CHECK(t.out_of_order == 0);
}

struct measured {
    tally read;
    long growth_kb = 0;
    double seconds = 0;
};

/// Reads every row of `rows_of(conn)` with range-for, measuring the resident set from just
/// before the statement runs to after the last row.
template <class Run>
measured read_all_rows(Run&& rows_of) {
    measured m;
    const auto t0 = std::chrono::steady_clock::now();
    rss_growth growth;
    for (const StreamRow& r : rows_of()) {
        m.read.add(r);
        if ((m.read.rows & 0xffff) == 0) growth.sample();
    }
    m.growth_kb = growth.kb();
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE(database_name, ": ", m.read.rows, " rows in ", m.seconds, " s, resident set +", m.growth_kb,
            " kB (from ", growth.base_kb(), " kB; peak from ",
            std::string_view(growth.peak_reset() ? "VmHWM and VmRSS samples" : "VmRSS samples only"), ")");
    return m;
}

// ---- the test ----------------------------------------------------------------------

TEST_CASE("stream() reads 2,000,000 rows in constant memory; execute().all() holds them all") {
    {
        auto engine = retort::create_engine(test_url());
        auto conn = engine.connect();
        make_rows(conn, row_count);
        const auto by_id = [] { return retort::select<StreamRow>().order_by(retort::c<&StreamRow::id>); };

        MESSAGE("stream():");
        const measured streamed = read_all_rows([&] { return conn.stream(by_id()); });
        check_tally(streamed.read);
        CHECK_MESSAGE(streamed.growth_kb < bound_kb, "stream() grew the resident set by ", streamed.growth_kb,
                      " kB reading ", row_count, " rows (bound ", bound_kb, " kB)");

        // Plain execute(): SQLite steps row by row here too; libpq reads the whole result
        // before the first row, which is what stream() exists to avoid.
        MESSAGE("execute(), read with range-for:");
        const measured executed = read_all_rows([&] { return conn.execute(by_id()); });
        check_tally(executed.read);
        if constexpr (on_sqlite)
            CHECK_MESSAGE(executed.growth_kb < bound_kb, "execute() on SQLite grew the resident set by ",
                          executed.growth_kb, " kB");
        else
            CHECK_MESSAGE(executed.growth_kb > 5 * bound_kb, "execute() on PostgreSQL grew the resident set by only ",
                          executed.growth_kb, " kB: the measurement cannot see a result held by libpq");

        // The control on both: every row held in a std::vector.
        rss_growth growth;
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<StreamRow> all = conn.execute(by_id()).all();
        const long all_kb = growth.kb();
        MESSAGE(database_name, ": execute().all(): ", all.size(), " rows in ",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), " s, resident set +",
                all_kb, " kB");
        tally held;
        for (const StreamRow& r : all) held.add(r);
        check_tally(held);
        CHECK_MESSAGE(all_kb > 5 * bound_kb, "execute().all() grew the resident set by only ", all_kb,
                      " kB: the measurement cannot tell rows held in memory from a stream");

        retort::drop_all<StreamRow>(conn);
    }
    remove_database_file();  // SQLite: ~80 MB, not left in the build directory
}
