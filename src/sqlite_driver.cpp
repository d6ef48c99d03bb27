// src/sqlite_driver.cpp — the SQLite driver.
//
// SQLiteCpp opens (and closes) the database; statements use the raw sqlite3 API
// because that is where the speed is: SQLITE_PREPARE_PERSISTENT plans, SQLITE_STATIC
// binds (no copy of text/blob values), column text read in place. The connection is
// opened with SQLITE_OPEN_NOMUTEX: the pool hands it to one thread at a time.

#include <sqlite3.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

#include "drivers.hpp"
#include "retort/engine/error.hpp"

namespace retort::detail {
namespace {

constexpr int default_busy_timeout_ms = 5000;

std::string sql_suffix(std::string_view sql) {
    return " (SQL: " + sql_excerpt(sql) + ")";
}

/// What SQLite names after "... constraint failed: " ("users.email"), or "".
std::string constraint_from_message(std::string_view message) {
    constexpr std::string_view marker = "constraint failed: ";
    const auto pos = message.find(marker);
    return pos == std::string_view::npos ? std::string() : std::string(message.substr(pos + marker.size()));
}

/// Maps an extended SQLite result code and its message to a retort exception.
[[noreturn]] void throw_sqlite_error(int code, std::string_view message, std::string_view sql) {
    const std::string text = std::string(message) + sql_suffix(sql);
    switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
        throw integrity_error("retort: " + text, constraint_kind::unique, constraint_from_message(message));
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        throw integrity_error("retort: " + text, constraint_kind::primary_key, constraint_from_message(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        throw integrity_error("retort: " + text, constraint_kind::foreign_key, constraint_from_message(message));
    case SQLITE_CONSTRAINT_NOTNULL:
        throw integrity_error("retort: " + text, constraint_kind::not_null, constraint_from_message(message));
    case SQLITE_CONSTRAINT_CHECK:
        throw integrity_error("retort: " + text, constraint_kind::check, constraint_from_message(message));
    default:
        break;
    }
    switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
        throw integrity_error("retort: " + text, constraint_kind::other, constraint_from_message(message));
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
        throw data_error("retort: " + text);
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_FULL:
        throw connection_error("retort: " + text);
    case SQLITE_READONLY:
        throw programming_error("retort: database is read-only: " + text +
                                "; make the SQLite file and its directory writable by this process (or drop "
                                "?mode=ro from the URL) to write to it");
    default:
        throw programming_error("retort: " + text);
    }
}

[[noreturn]] void throw_last_error(sqlite3* db, std::string_view sql) {
    throw_sqlite_error(sqlite3_extended_errcode(db), sqlite3_errmsg(db), sql);
}

const char* type_name(int type) {
    switch (type) {
    case SQLITE_INTEGER: return "INTEGER";
    case SQLITE_FLOAT: return "REAL";
    case SQLITE_TEXT: return "TEXT";
    case SQLITE_BLOB: return "BLOB";
    default: return "NULL";
    }
}

/// A non-null pointer for empty text/blob values: SQLite binds NULL for a null pointer.
const char empty_value[1] = {};

/// Text for an observed parameter value ('...' quoted, long values cut).
std::string quoted_for_log(std::string_view v) {
    std::string out = "'";
    for (char c : v.substr(0, 200)) {
        if (c == '\'') out += '\'';
        out += c;
    }
    if (v.size() > 200) out += "...";
    out += '\'';
    return out;
}

class sqlite_statement final : public driver::statement {
public:
    sqlite_statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view sql, const driver::observer* events)
        : db_(db), stmt_(stmt), sql_(sql), events_(events) {
        // The inline fast path binds without telling the driver: not when binds are logged.
        if (!events) {
            sqlite_direct_ = stmt;
            sqlite_db_ = db;
        }
    }
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;
    ~sqlite_statement() override { sqlite3_finalize(stmt_); }

    void bind_null(int index) override {
        if (events_) [[unlikely]]
            note(index, "NULL");
        check_bind(sqlite3_bind_null(prepare_bind(), index + 1));
    }
    void bind_int64(int index, std::int64_t value) override {
        if (events_) [[unlikely]]
            note(index, std::to_string(value));
        check_bind(sqlite3_bind_int64(prepare_bind(), index + 1, value));
    }
    void bind_double(int index, double value) override {
        if (events_) [[unlikely]]
            note(index, std::to_string(value));
        check_bind(sqlite3_bind_double(prepare_bind(), index + 1, value));
    }
    void bind_bool(int index, bool value) override {
        if (events_) [[unlikely]]
            note(index, value ? "1" : "0");
        check_bind(sqlite3_bind_int(prepare_bind(), index + 1, value ? 1 : 0));
    }
    void bind_text(int index, std::string_view value) override {
        if (events_) [[unlikely]]
            note(index, quoted_for_log(value));
        const char* data = value.empty() ? empty_value : value.data();
        check_bind(sqlite3_bind_text64(prepare_bind(), index + 1, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    void bind_blob(int index, std::span<const std::byte> value) override {
        if (events_) [[unlikely]]
            note(index, "<blob " + std::to_string(value.size()) + " bytes>");
        const void* data = value.empty() ? static_cast<const void*>(empty_value) : value.data();
        check_bind(sqlite3_bind_blob64(prepare_bind(), index + 1, data, value.size(), SQLITE_STATIC));
    }
    void bind_text_copy(int index, std::string_view value) override {
        if (events_) [[unlikely]]
            note(index, quoted_for_log(value));
        const char* data = value.empty() ? empty_value : value.data();
        check_bind(sqlite3_bind_text64(prepare_bind(), index + 1, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    }
    void bind_interval(int index, std::chrono::microseconds value) override { bind_int64(index, value.count()); }
    void bind_blob_copy(int index, std::span<const std::byte> value) override {
        if (events_) [[unlikely]]
            note(index, "<blob " + std::to_string(value.size()) + " bytes>");
        const void* data = value.empty() ? static_cast<const void*>(empty_value) : value.data();
        check_bind(sqlite3_bind_blob64(prepare_bind(), index + 1, data, value.size(), SQLITE_TRANSIENT));
    }

    // With no observer, step() and reset() run inline (driver::statement); these serve
    // statements whose executions are observed.
    bool step_impl() override {
        if (events_ && !sqlite_running_ && !sqlite_done_) [[unlikely]]
            return observed(*events_, db_, sql_, params_, [this] { return sqlite_step(stmt_); });
        return sqlite_step(stmt_);
    }

    /// Keeps the message, then resets so the statement can be executed again.
    void sqlite_step_failed(int rc) override {
        (void)rc;  // the extended code says more
        const int code = sqlite3_extended_errcode(db_);
        const std::string message = sqlite3_errmsg(db_);
        reset();
        throw_sqlite_error(code, message, sql_);
    }

    void reset_impl() noexcept override { sqlite_reset(stmt_); }

    int column_count() const override { return sqlite3_column_count(stmt_); }
    std::string_view column_name(int column) const override {
        check_column(column);
        return sqlite3_column_name(stmt_, column);
    }
    bool is_null(int column) const override { return checked_type(column) == SQLITE_NULL; }

    // Values are read through the column's sqlite3_value (one API call per column, then
    // plain accessors): cheaper than sqlite3_column_type + sqlite3_column_xxx, which each
    // enter the connection. The value is "unprotected", which is fine here: a connection
    // is used by one thread at a time.
    std::int64_t get_int64(int column) const override {
        const int type = checked_type(column);
        if (type == SQLITE_INTEGER) return sqlite3_value_int64(typed_value_);
        if (type == SQLITE_FLOAT) {
            // An integral REAL (e.g. 3.0 from an expression) is accepted; 2^63 is out of range.
            const double value = sqlite3_value_double(typed_value_);
            if (std::trunc(value) == value && value >= -9223372036854775808.0 && value < 9223372036854775808.0)
                return static_cast<std::int64_t>(value);
        }
        throw_type_mismatch(column, type, "an integer");
    }

    double get_double(int column) const override {
        const int type = checked_type(column);
        if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) return sqlite3_value_double(typed_value_);
        throw_type_mismatch(column, type, "a floating-point number");
    }

    bool get_bool(int column) const override {
        const int type = checked_type(column);
        if (type == SQLITE_INTEGER) {
            const auto value = sqlite3_value_int64(typed_value_);
            if (value == 0 || value == 1) return value == 1;
        }
        throw_type_mismatch(column, type, "a boolean (INTEGER 0 or 1)");
    }

    std::string_view get_text(int column) const override {
        const int type = checked_type(column);
        if (type == SQLITE_TEXT || type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
            // text first (it may convert), then bytes (the converted length).
            const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(typed_value_));
            return {text, static_cast<std::size_t>(sqlite3_value_bytes(typed_value_))};
        }
        throw_type_mismatch(column, type, "text");
    }

    std::chrono::microseconds get_interval(int column) const override {
        return std::chrono::microseconds{get_int64(column)};  // INTEGER microseconds
    }

    std::span<const std::byte> get_blob(int column) const override {
        const int type = checked_type(column);
        if (type == SQLITE_BLOB || type == SQLITE_TEXT) {
            const auto* data = static_cast<const std::byte*>(sqlite3_value_blob(typed_value_));
            return {data, static_cast<std::size_t>(sqlite3_value_bytes(typed_value_))};
        }
        throw_type_mismatch(column, type, "a blob");
    }

    std::int64_t affected_rows() const override { return sqlite3_changes64(db_); }
    std::int64_t last_insert_id() const override { return sqlite3_last_insert_rowid(db_); }
    std::string_view sql() const noexcept override { return sql_; }

private:
    /// A statement that already ran must be reset before SQLite accepts new bindings.
    sqlite3_stmt* prepare_bind() noexcept {
        if (sqlite_running_) reset();
        return stmt_;
    }

    void check_bind(int rc) const {
        if (rc == SQLITE_RANGE)
            throw data_error("retort: parameter index out of range (statement has " +
                             std::to_string(sqlite3_bind_parameter_count(stmt_)) + " parameters)" + sql_suffix(sql_));
        if (rc != SQLITE_OK) throw_sqlite_error(rc, sqlite3_errstr(rc), sql_);
    }

    void check_column(int column) const {
        const int count = sqlite3_column_count(stmt_);  // (a re-prepare may change it)
        if (static_cast<unsigned>(column) >= static_cast<unsigned>(count)) [[unlikely]]
            throw_bad_column(column, count);
    }

    [[noreturn, gnu::cold, gnu::noinline]] void throw_bad_column(int column, int count) const {
        throw programming_error("retort: column index " + std::to_string(column) + " out of range (result has " +
                                std::to_string(count) + " columns)" + sql_suffix(sql_));
    }

    /// The column's type in the current row; its value is left in typed_value_ for the
    /// accessor that asked. (The common reads do not come here: see sqlite_direct.hpp.)
    int checked_type(int column) const {
        check_column(column);
        typed_value_ = sqlite3_column_value(stmt_, column);
        return sqlite3_value_type(typed_value_);
    }

    [[noreturn]] void throw_type_mismatch(int column, int type, std::string_view wanted) const {
        std::string message = "retort: column " + std::to_string(column) + " ('" + sqlite3_column_name(stmt_, column) +
                              "') holds " + type_name(type);
        if (type == SQLITE_TEXT || type == SQLITE_FLOAT || type == SQLITE_INTEGER)
            message += " '" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column))) + "'";
        throw data_error(message + ", cannot read it as " + std::string(wanted) + sql_suffix(sql_));
    }

    void note(int index, std::string text) {
        if (index < 0) return;
        if (static_cast<std::size_t>(index) >= params_.size()) params_.resize(static_cast<std::size_t>(index) + 1);
        params_[static_cast<std::size_t>(index)] = events_->parameters ? std::move(text) : std::string("?");
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_;
    std::string_view sql_;
    const driver::observer* events_;
    std::vector<std::string> params_;  // rendered bound values, only while observed
    mutable sqlite3_value* typed_value_ = nullptr;  // the value checked_type() looked at
};

class sqlite_connection final : public driver::connection {
public:
    explicit sqlite_connection(SQLite::Database db) : db_(std::move(db)), handle_(db_->getHandle()) {}
    /// A borrowed handle (retort::adopt): never closed here, its settings left as they are.
    sqlite_connection(sqlite3* borrowed, driver::observer observer)
        : handle_(borrowed), observer_(std::move(observer)) {
        if (observer_.sink) events = &observer_;
    }

    dialect_id dialect() const noexcept override { return dialect_id::sqlite; }

    std::unique_ptr<driver::statement> prepare(std::string_view sql, std::string_view /*name_hint*/) override {
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw data_error("retort: SQL text too long" + sql_suffix(sql.substr(0, 200)));
        const int rc = sqlite3_prepare_v3(handle(), sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(stmt);
            throw_last_error(handle(), sql);
        }
        if (stmt == nullptr) throw programming_error("retort: no SQL statement to prepare" + sql_suffix(sql));
        auto result = std::make_unique<sqlite_statement>(handle(), stmt, sql, events);
        check_single_statement(sql, tail);
        return result;
    }

    void execute_script(std::string_view sql) override {
        if (events) [[unlikely]]
            return observed(*events, handle(), sql, {}, [&] {
                run_script(sql);
                return 0;
            }), void();
        run_script(sql);
    }

    void run_script(std::string_view sql) {
        const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
        char* message = nullptr;
        const int rc = sqlite3_exec(handle(), text.c_str(), nullptr, nullptr, &message);
        if (rc == SQLITE_OK) return;
        const std::string kept = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw_sqlite_error(sqlite3_extended_errcode(handle()), kept, sql);
    }

    bool ping() noexcept override { return true; }
    bool in_transaction() const noexcept override { return sqlite3_get_autocommit(handle()) == 0; }

private:
    sqlite3* handle() const noexcept { return handle_; }

    /// prepare() runs one statement; text after it must be only whitespace or comments.
    void check_single_statement(std::string_view sql, const char* tail) {
        const auto used = static_cast<std::size_t>(tail - sql.data());
        const auto rest = sql.substr(used);
        if (rest.find_first_not_of(" \t\r\n;") == std::string_view::npos) return;
        sqlite3_stmt* extra = nullptr;
        sqlite3_prepare_v2(handle(), rest.data(), static_cast<int>(rest.size()), &extra, nullptr);
        if (extra == nullptr) return;  // only comments (or an error we report on the real run)
        sqlite3_finalize(extra);
        throw programming_error("retort: prepare() takes one SQL statement, but the text has more after the first "
                                "(use execute_script for several)" +
                                sql_suffix(sql));
    }

    std::optional<SQLite::Database> db_;  // empty for a borrowed handle
    sqlite3* handle_;
    driver::observer observer_;  // a borrowed connection's own (an engine keeps its own)
};

/// Reads the "busy_timeout" option (milliseconds), default 5000.
int busy_timeout_of(const url& u) {
    const auto it = u.query.find("busy_timeout");
    if (it == u.query.end()) return default_busy_timeout_ms;
    int value = 0;
    const auto& s = it->second;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || ptr != s.data() + s.size() || value < 0)
        throw argument_error("retort: SQLite option busy_timeout='" + s +
                             "' is not a number of milliseconds (URL: " + u.redacted() + ")");
    return value;
}

std::string journal_mode_of(const url& u) {
    const auto it = u.query.find("journal_mode");
    if (it == u.query.end()) return {};
    std::string mode;
    for (char c : it->second) mode += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (const char* known : {"delete", "truncate", "persist", "memory", "wal", "off"})
        if (mode == known) return mode;
    throw argument_error("retort: SQLite option journal_mode='" + it->second +
                         "' is not one of delete, truncate, persist, memory, wal, off (URL: " + u.redacted() + ")");
}

/// With SQLITE_USE_URI compiled in (Debian), "file:..." would be read as a URI even
/// without SQLITE_OPEN_URI; "./file:..." is always a plain path.
std::string plain_path(const std::string& database) {
    return database.rfind("file:", 0) == 0 ? "./" + database : database;
}

void check_directory_exists(const url& u) {
    if (u.database == ":memory:") return;
    const auto dir = std::filesystem::path(u.database).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
        throw connection_error("retort: cannot open SQLite database '" + u.database + "': directory '" +
                               dir.string() + "' does not exist");
}

/// "mode=ro" opens the file read-only; "mode=rw" (the default) creates it when missing.
bool read_only_of(const url& u) {
    const auto it = u.query.find("mode");
    if (it == u.query.end() || it->second == "rwc" || it->second == "rw") return false;
    if (it->second == "ro") return true;
    throw argument_error("retort: SQLite option mode='" + it->second + "' is not one of ro, rw (URL: " +
                         u.redacted() + ")");
}

std::string synchronous_of(const url& u) {
    const auto it = u.query.find("synchronous");
    if (it == u.query.end()) return {};
    for (const char* known : {"off", "normal", "full", "extra"})
        if (it->second == known) return it->second;
    throw argument_error("retort: SQLite option synchronous='" + it->second +
                         "' is not one of off, normal, full, extra (URL: " + u.redacted() + ")");
}

bool foreign_keys_of(const url& u) {
    const auto it = u.query.find("foreign_keys");
    if (it == u.query.end() || it->second == "on" || it->second == "true" || it->second == "1") return true;
    if (it->second == "off" || it->second == "false" || it->second == "0") return false;
    throw argument_error("retort: SQLite option foreign_keys='" + it->second + "' is not on or off (URL: " +
                         u.redacted() + ")");
}

}  // namespace

std::unique_ptr<driver::connection> borrow_sqlite(sqlite3* handle, driver::observer observer) {
    if (handle == nullptr)
        throw argument_error("retort: adopt() was given a null sqlite3 handle; pass an open database "
                             "(SQLite::Database::getHandle(), or the handle sqlite3_open_v2 returned)");
    return std::make_unique<sqlite_connection>(handle, std::move(observer));
}

void check_sqlite_options(const url& u) {
    for (const auto& [key, value] : u.query)
        if (key != "busy_timeout" && key != "journal_mode" && key != "mode" && key != "foreign_keys" &&
            key != "synchronous")
            throw argument_error("retort: unknown SQLite option '" + key +
                                 "' (known: busy_timeout, journal_mode, synchronous, mode, foreign_keys, and the engine's "
                                 "pool options) in URL " +
                                 u.redacted());
    busy_timeout_of(u);
    journal_mode_of(u);
    read_only_of(u);
    foreign_keys_of(u);
    synchronous_of(u);
}

std::unique_ptr<driver::connection> open_sqlite(const url& u, const driver_options&) {
    check_sqlite_options(u);
    check_directory_exists(u);
    const bool read_only = read_only_of(u);
    const int flags =
        (read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    std::unique_ptr<sqlite_connection> conn;
    try {
        conn = std::make_unique<sqlite_connection>(SQLite::Database(plain_path(u.database), flags, busy_timeout_of(u)));
    } catch (const SQLite::Exception& e) {
        throw connection_error("retort: cannot open SQLite database '" + u.database + "': " + e.what());
    }
    // SQLite reads the file lazily: read the schema now so a file that is not a
    // database fails here, as a connection_error, rather than at the first statement.
    try {
        conn->execute_script("SELECT 1 FROM sqlite_master LIMIT 1");
    } catch (const error& e) {
        throw connection_error("retort: cannot open SQLite database '" + u.database + "': " +
                               std::string(e.what()).substr(8));
    }
    if (foreign_keys_of(u)) conn->execute_script("PRAGMA foreign_keys = ON");
    if (const auto mode = journal_mode_of(u); !mode.empty() && !read_only)
        conn->execute_script("PRAGMA journal_mode = " + mode);
    if (const auto sync = synchronous_of(u); !sync.empty()) conn->execute_script("PRAGMA synchronous = " + sync);
    return conn;
}

}  // namespace retort::detail
