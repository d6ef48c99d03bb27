// src/postgresql_driver.cpp — the PostgreSQL driver, over raw libpq.
//
// Statements are server-side prepared statements (PQprepare / PQexecPrepared) with the
// parameter types left for the server to infer. Parameters go as text, except blobs,
// which go in binary format without a copy. Results come back as text and are parsed
// on read. libpqxx 6.4 is not used: it cannot run a prepared statement whose parameter
// count is only known at run time without its deprecated API.

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "drivers.hpp"
#include "retort/engine/error.hpp"

namespace retort::detail {
namespace {

constexpr Oid bytea_oid = 17;

/// An interval as PostgreSQL reads it whatever its IntervalStyle: "[-]H:MM:SS[.ffffff]",
/// every microsecond in the time field (hours may pass 24; days and months stay 0).
std::string format_interval(std::chrono::microseconds v) {
    const bool negative = v.count() < 0;
    std::uint64_t left = negative ? 0 - static_cast<std::uint64_t>(v.count()) : static_cast<std::uint64_t>(v.count());
    const std::uint64_t micros = left % 1'000'000;
    left /= 1'000'000;
    const std::uint64_t secs = left % 60, mins = left / 60 % 60, hours = left / 3600;
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%s%llu:%02llu:%02llu", negative ? "-" : "",
                          static_cast<unsigned long long>(hours), static_cast<unsigned long long>(mins),
                          static_cast<unsigned long long>(secs));
    if (micros) n += std::snprintf(buf + n, sizeof buf - n, ".%06llu", static_cast<unsigned long long>(micros));
    return std::string(buf, static_cast<std::size_t>(n));
}

/// PostgreSQL's interval output in IntervalStyle postgres (its default): "1 day -02:03:04.5",
/// "-3 days", "100:00:00"; days are 24 hours. False (with the reason) for months or
/// years, which have no fixed length, and for other styles.
bool parse_interval(std::string_view text, std::chrono::microseconds& out, std::string& why) {
    constexpr std::int64_t day = 86'400'000'000;
    std::int64_t total = 0;
    std::size_t i = 0;
    const auto add = [&](std::int64_t v) { return !__builtin_add_overflow(total, v, &total); };
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i == text.size()) break;
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view token = text.substr(i, end - i);
        i = end;
        if (token.find(':') != std::string_view::npos) {  // [+-]H:MM:SS[.ffffff]
            std::size_t k = 0;
            const bool negative = token[0] == '-';
            if (token[0] == '-' || token[0] == '+') ++k;
            std::int64_t fields[3] = {0, 0, 0};
            for (int f = 0; f < 3; ++f) {
                const char* first = token.data() + k;
                const auto [p, ec] = std::from_chars(first, token.data() + token.size(), fields[f]);
                if (ec != std::errc{} || p == first) return why = "unreadable time '" + std::string(token) + "'", false;
                k = static_cast<std::size_t>(p - token.data());
                if (f < 2) {
                    if (k >= token.size() || token[k] != ':') return why = "unreadable time '" + std::string(token) + "'", false;
                    ++k;
                }
            }
            std::int64_t micros = 0;
            if (k < token.size() && token[k] == '.') {
                std::int64_t scale = 100000;
                for (++k; k < token.size() && token[k] >= '0' && token[k] <= '9'; ++k, scale /= 10)
                    micros += (token[k] - '0') * scale;
            }
            if (k != token.size()) return why = "unreadable time '" + std::string(token) + "'", false;
            std::int64_t v = 0;
            if (__builtin_mul_overflow(fields[0], std::int64_t{3'600'000'000}, &v) ||
                !add(negative ? -v : v) || !add((negative ? -1 : 1) * (fields[1] * 60'000'000 + fields[2] * 1'000'000 + micros)))
                return why = "beyond 64-bit microseconds", false;
            continue;
        }
        std::int64_t n = 0;
        const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
        if (ec != std::errc{} || p != token.data() + token.size())
            return why = "written in another IntervalStyle than postgres (its default)", false;
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t unit_end = text.find(' ', i);
        if (unit_end == std::string_view::npos) unit_end = text.size();
        const std::string_view unit = text.substr(i, unit_end - i);
        i = unit_end;
        if (unit == "day" || unit == "days") {
            std::int64_t v = 0;
            if (__builtin_mul_overflow(n, day, &v) || !add(v)) return why = "beyond 64-bit microseconds", false;
        } else if (unit == "mon" || unit == "mons" || unit == "year" || unit == "years") {
            return why = "it has months or years, which have no fixed length; read it as text, or store durations "
                         "(justify_hours / a days-and-time interval)",
                   false;
        } else {
            return why = "written in another IntervalStyle than postgres (its default)", false;
        }
    }
    out = std::chrono::microseconds{total};
    return true;
}

/// Owns one PGresult.
struct result_ptr {
    PGresult* res = nullptr;

    result_ptr() = default;
    explicit result_ptr(PGresult* r) : res(r) {}
    result_ptr(result_ptr&& other) noexcept : res(other.res) { other.res = nullptr; }
    result_ptr& operator=(result_ptr&& other) noexcept {
        if (this != &other) {
            if (res) PQclear(res);
            res = other.res;
            other.res = nullptr;
        }
        return *this;
    }
    ~result_ptr() {
        if (res) PQclear(res);  // (most are null: a call to PQclear costs even then)
    }

    PGresult* get() const noexcept { return res; }
    explicit operator bool() const noexcept { return res != nullptr; }
};

std::string trimmed(const char* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::string field(const PGresult* res, int code) {
    const char* value = res ? PQresultErrorField(res, code) : nullptr;
    return value ? value : "";
}

bool ok_status(const PGresult* res) {
    const auto status = PQresultStatus(res);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

constraint_kind kind_of(std::string_view sqlstate, std::string_view constraint) {
    if (sqlstate == "23505")
        return constraint.ends_with("_pkey") ? constraint_kind::primary_key : constraint_kind::unique;
    if (sqlstate == "23503") return constraint_kind::foreign_key;
    if (sqlstate == "23502") return constraint_kind::not_null;
    if (sqlstate == "23514") return constraint_kind::check;
    return constraint_kind::other;
}

/// Maps a failed result (or a failure with no result at all) to a retort exception.
[[noreturn]] void throw_pg_error(PGconn* conn, const PGresult* res, std::string_view sql) {
    const std::string sqlstate = field(res, PG_DIAG_SQLSTATE);
    std::string primary = field(res, PG_DIAG_MESSAGE_PRIMARY);
    if (primary.empty()) primary = trimmed(res ? PQresultErrorMessage(res) : nullptr);
    if (primary.empty()) primary = trimmed(PQerrorMessage(conn));
    std::string message = "retort: " + primary;
    if (const auto detail = field(res, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) message += " (" + detail + ")";
    if (!sql.empty()) message += " (SQL: " + sql_excerpt(sql) + ")";
    if (!sqlstate.empty()) message += " [SQLSTATE " + sqlstate + "]";
    if (sqlstate == "25P02")  // in_failed_sql_transaction
        message += "; an earlier statement in this transaction failed, and PostgreSQL runs nothing more in it: "
                   "roll it back (conn.rollback() with autobegin, the guard's rollback(), or a savepoint's "
                   "rollback() to keep what ran before the savepoint)";

    const std::string_view cls = std::string_view(sqlstate).substr(0, std::min<std::size_t>(2, sqlstate.size()));
    if (PQstatus(conn) == CONNECTION_BAD || cls == "08" || sqlstate == "57P01" || sqlstate == "57P02" ||
        sqlstate == "57P03")
        throw connection_error(message);
    if (sqlstate == "40001" || sqlstate == "40P01") throw serialization_error(message);
    if (cls == "23") {
        auto constraint = field(res, PG_DIAG_CONSTRAINT_NAME);
        const auto kind = kind_of(sqlstate, constraint);
        throw integrity_error(message, kind, std::move(constraint));
    }
    if (cls == "22") throw data_error(message);
    throw programming_error(message);
}

/// What the statements of one connection share. PostgreSQL keeps one unnamed prepared
/// statement per connection, replaced by the next unnamed prepare and destroyed by any
/// simple query (PQexec); the generation counts those events, so a one-off statement
/// can tell whether its server-side plan is still there.
struct pg_session {
    PGconn* conn = nullptr;
    std::uint64_t unnamed_generation = 0;
    bool server_prepared = true;  // false: every execution is PQexecParams (pgbouncer)
    const driver::observer* events = nullptr;
    /// A borrowed connection (retort::adopt): the PGconn belongs to someone else.
    bool borrowed = false;
    /// Its owner (a libpqxx connection), asked before each use which server process it
    /// talks to now: a different one means it reconnected and our PGconn is gone.
    postgresql_owner owner{};
    int adopted_pid = 0;
    /// Borrowed: the server-side statements we prepared, deallocated when we go.
    std::vector<std::string> names;

    /// Throws the error of a failed result. Borrowed: when it left the owner's
    /// transaction failed, the owner is told first (libpqxx: its commit() must not report
    /// success for a transaction the server rolled back).
    [[noreturn]] void fail(const PGresult* res, std::string_view sql) const {
        if (owner.transaction_failed != nullptr && PQtransactionStatus(conn) == PQTRANS_INERROR) {
            try {
                throw_pg_error(conn, res, sql);
            } catch (const error& e) {
                owner.transaction_failed(owner.transaction, e.what());
                throw;
            }
        }
        throw_pg_error(conn, res, sql);
    }

    void check_owner() const {
        if (owner.backend_pid != nullptr) [[unlikely]]
            if (owner.backend_pid(owner.owner) != adopted_pid)
                throw connection_error(
                    "retort: the connection this retort::connection was adopted from was closed or reconnected "
                    "(libpqxx reconnects after a lost connection); destroy this retort::connection and adopt the "
                    "connection again");
    }
};

/// The number of parameters in SQL text: the highest $N outside quotes.
int count_parameters(std::string_view sql) {
    int highest = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '1' && sql[i + 1] <= '9') {
            int n = 0;
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9' && n < 100000) n = n * 10 + (sql[j++] - '0');
            highest = std::max(highest, n);
            i = j - 1;
        }
    }
    return highest;
}

/// Rows executed per pipeline round trip in execute_many.
constexpr int pipeline_chunk = 1000;

/// A non-null pointer for empty blobs: libpq sends NULL for a null value pointer.
const char empty_value[1] = {};

class pg_statement final : public driver::statement {
public:
    pg_statement(pg_session& session, std::string name, std::string_view sql, result_ptr description)
        : pg_statement(session, std::move(name), sql, std::move(description), !session.server_prepared) {}
    pg_statement(pg_session& session, std::string name, std::string_view sql, result_ptr description, bool direct)
        : session_(&session), conn_(session.conn), name_(std::move(name)), sql_(sql), text_sql_(sql),
          description_(std::move(description)), generation_(session.unnamed_generation),
          direct_(direct) {
        const int n = description_ ? PQnparams(description_.get()) : count_parameters(sql);
        text_.resize(n);
        numbers_.resize(n);
        values_.assign(n, nullptr);
        lengths_.assign(n, 0);
        formats_.assign(n, 0);
    }

    void bind_null(int index) override { set(index, nullptr, 0, 0); }
    void bind_int64(int index, std::int64_t value) override { bind_number(index, value); }
    void bind_double(int index, double value) override {
        if (std::isnan(value)) return bind_literal(index, "NaN");
        if (std::isinf(value)) return bind_literal(index, value > 0 ? "Infinity" : "-Infinity");
        bind_number(index, value);  // shortest text that reads back to the same double
    }
    void bind_bool(int index, bool value) override { bind_literal(index, value ? "t" : "f"); }
    void bind_text(int index, std::string_view value) override {
        // Text parameters must be NUL-terminated for libpq: keep a copy. PostgreSQL text
        // cannot hold U+0000, so a NUL would silently cut the value short: refuse it.
        check_index(index);
        if (value.find('\0') != std::string_view::npos)
            throw data_error("retort: text parameter " + std::to_string(index + 1) +
                             " contains a NUL character, which PostgreSQL text cannot store; use retort::blob "
                             "(BYTEA) for binary data (SQL: " + sql_excerpt(sql_) + ")");
        text_[index].assign(value);
        set_checked(index, text_[index].c_str(), 0, 0);
    }
    void bind_terminated_text(int index, std::string_view value) override {
        // NUL-terminated already (value.data()[value.size()] == '\0'): bound in place, as
        // libpq reads it, without a copy.
        check_index(index);
        if (std::memchr(value.data(), '\0', value.size()) != nullptr) return bind_text(index, value);  // refused there
        set_checked(index, value.data(), 0, 0);
    }
    void bind_blob(int index, std::span<const std::byte> value) override {
        if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw data_error("retort: blob parameter too large for PostgreSQL (SQL: " + sql_excerpt(sql_) + ")");
        const char* data = value.empty() ? empty_value : reinterpret_cast<const char*>(value.data());
        set(index, data, static_cast<int>(value.size()), 1);  // binary format: no escaping, no copy
    }
    void bind_text_copy(int index, std::string_view value) override { bind_text(index, value); }  // copies anyway
    void bind_interval(int index, std::chrono::microseconds value) override { bind_text(index, format_interval(value)); }
    void bind_blob_copy(int index, std::span<const std::byte> value) override {
        check_index(index);
        text_[index].assign(reinterpret_cast<const char*>(value.data()), value.size());
        bind_blob(index, std::span<const std::byte>(reinterpret_cast<const std::byte*>(text_[index].data()), value.size()));
    }

    bool step_impl() override {
        checked_column_ = -1;
        postgresql_row_.result = nullptr;
        if (!executed_) {
            if (session_->events) [[unlikely]]
                observed(*session_->events, conn_, sql_, observed_parameters(), [this] { return execute(), 0; });
            else
                execute();
        }
        if (streaming_) {
            if (!stream_step()) return false;
            postgresql_row_ = {result_.get(), 0};
            return true;
        }
        if (row_ + 1 < rows_) {
            ++row_;
            postgresql_row_ = {result_.get(), row_};
            return true;
        }
        row_ = rows_;
        return false;
    }

    void reset_impl() noexcept override {
        checked_column_ = -1;
        postgresql_row_.result = nullptr;
        if (streaming_ && !stream_done_) abandon_stream();
        result_ = result_ptr();
        executed_ = false;
        streaming_ = false;
        stream_done_ = false;
        stream_next_ = false;
        row_ = -1;
        rows_ = 0;
    }

    void stream_rows() override { stream_next_ = true; }

    void add_to_batch() override {
        if (!in_batch_ && !in_copy_) {
            if (const auto copy = copy_text(); !copy.empty())
                return session_->check_owner(), start_copy(copy), add_copy_row();
        }
        if (in_copy_) return add_copy_row();
        if (!in_batch_) {
            session_->check_owner();
            if (!direct_ && name_.empty() && generation_ != session_->unnamed_generation) prepare_unnamed_again();
            if (PQenterPipelineMode(conn_) != 1) session_->fail(nullptr, sql_);
            in_batch_ = true;
            queued_ = 0;
        }
        const int n = static_cast<int>(values_.size());
        const int sent = direct_ ? PQsendQueryParams(conn_, text_sql_.c_str(), n, nullptr, values_.data(),
                                                     lengths_.data(), formats(), 0)
                                 : PQsendQueryPrepared(conn_, name_.c_str(), n, values_.data(), lengths_.data(),
                                                       formats(), 0);
        if (sent != 1) {
            const std::string message = trimmed(PQerrorMessage(conn_));
            end_batch();
            throw connection_error("retort: sending a row of execute_many failed: " + message +
                                   " (SQL: " + sql_excerpt(sql_) + ")");
        }
        if (++queued_ >= pipeline_chunk) sync_batch();
    }

    std::int64_t finish_batch() override {
        if (in_copy_) return finish_copy();
        if (in_batch_) {
            if (queued_ > 0 && PQstatus(conn_) == CONNECTION_OK) sync_batch();
            end_batch();
        }
        return std::exchange(batch_rows_, 0);
    }

    void abort_batch() noexcept override {
        if (in_copy_) {
            in_copy_ = false;
            copy_buffer_.clear();
            PQputCopyEnd(conn_, "retort: execute_many was abandoned");
            while (PGresult* r = PQgetResult(conn_)) PQclear(r);
        }
        end_batch();
        batch_rows_ = 0;
    }

    void forget() noexcept override {
        if (name_.empty() || direct_ || PQstatus(conn_) != CONNECTION_OK ||
            PQtransactionStatus(conn_) == PQTRANS_ACTIVE)
            return;
        if (session_->borrowed) {
            // Perhaps inside the owner's transaction, where an error would abort it: only a
            // statement we know to exist is deallocated, and never in a failed transaction.
            try {
                session_->check_owner();
            } catch (...) {
                return;
            }
            if (PQtransactionStatus(conn_) == PQTRANS_INERROR) return;
            std::erase(session_->names, name_);
        }
        ++session_->unnamed_generation;
        PQclear(PQexec(conn_, ("DEALLOCATE \"" + name_ + "\"").c_str()));
    }

    int column_count() const override { return PQnfields(shape()); }
    std::string_view column_name(int column) const override {
        check_column(column);
        return PQfname(shape(), column);
    }
    bool is_null(int column) const override {
        check_row(column);
        const bool null = PQgetisnull(result_.get(), row_, column) != 0;
        checked_column_ = null ? -1 : column;  // value() of this column needs no second check
        return null;
    }

    std::int64_t get_int64(int column) const override {
        const auto text = value(column);
        std::int64_t out = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec != std::errc{} || ptr != text.data() + text.size()) throw_mismatch(column, text, "an integer");
        return out;
    }

    double get_double(int column) const override {
        const auto text = value(column);
        if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
        if (text == "Infinity") return std::numeric_limits<double>::infinity();
        if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
        double out = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec != std::errc{} || ptr != text.data() + text.size())
            throw_mismatch(column, text, "a floating-point number");
        return out;
    }

    bool get_bool(int column) const override {
        const auto text = value(column);
        if (text == "t" || text == "1") return true;
        if (text == "f" || text == "0") return false;
        throw_mismatch(column, text, "a boolean");
    }

    std::string_view get_text(int column) const override { return value(column); }

    std::chrono::microseconds get_interval(int column) const override {
        const auto text = value(column);
        std::chrono::microseconds out{0};
        std::string why;
        if (!parse_interval(text, out, why)) throw_mismatch(column, text, "a std::chrono duration (" + why + ")");
        return out;
    }

    std::span<const std::byte> get_blob(int column) const override {
        const auto text = value(column);
        if (PQftype(shape(), column) != bytea_oid) return std::as_bytes(std::span(text.data(), text.size()));
        if (!decode_bytea(text)) throw_mismatch(column, text.substr(0, 40), "bytea");
        return blob_;
    }

    std::int64_t affected_rows() const override {
        const char* tuples = result_ ? PQcmdTuples(result_.get()) : "";
        std::int64_t out = 0;
        std::from_chars(tuples, tuples + std::strlen(tuples), out);
        return out;
    }

    std::string_view sql() const noexcept override { return sql_; }

private:
    /// The parameter formats for libpq, or null while every parameter this statement was
    /// ever bound with is text: libpq then sends one format code for all instead of one
    /// per parameter (measured: ~130 instructions of a six-parameter INSERT).
    const int* formats() const noexcept { return any_binary_ ? formats_.data() : nullptr; }

    /// Column names and types: from the description, or (without server-side
    /// prepared statements) from the result.
    const PGresult* shape() const noexcept { return description_ ? description_.get() : result_.get(); }

    std::vector<std::string> observed_parameters() const {
        std::vector<std::string> out;
        out.reserve(values_.size());
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (!session_->events->parameters) out.emplace_back("?");
            else if (values_[i] == nullptr) out.emplace_back("NULL");
            else if (formats_[i] == 1) out.push_back("<blob " + std::to_string(lengths_[i]) + " bytes>");
            else {
                std::string quoted(1, '\'');
                quoted.append(std::string_view(values_[i]).substr(0, 200));
                quoted.push_back('\'');
                out.push_back(std::move(quoted));
            }
        }
        return out;
    }

    void execute() {
        session_->check_owner();
        const int n = static_cast<int>(values_.size());
        if (!direct_ && name_.empty() && generation_ != session_->unnamed_generation) prepare_unnamed_again();
        if (stream_next_) {
            const bool was_in_block = PQtransactionStatus(conn_) != PQTRANS_IDLE;
            const int sent = direct_ ? PQsendQueryParams(conn_, text_sql_.c_str(), n, nullptr, values_.data(),
                                                         lengths_.data(), formats(), 0)
                                     : PQsendQueryPrepared(conn_, name_.c_str(), n, values_.data(), lengths_.data(),
                                                           formats(), 0);
            if (sent != 1) session_->fail(nullptr, sql_);
            PQsetSingleRowMode(conn_);
            stream_cancel_ok_ = PQtransactionStatus(conn_) == PQTRANS_ACTIVE && !was_in_block;
            streaming_ = true;
            stream_done_ = false;
            executed_ = true;
            row_ = -1;
            rows_ = 0;
            return;
        }
        if (direct_)
            result_ = result_ptr(PQexecParams(conn_, text_sql_.c_str(), n, nullptr, values_.data(), lengths_.data(),
                                              formats(), 0));
        else
            result_ = result_ptr(PQexecPrepared(conn_, name_.c_str(), n, values_.data(), lengths_.data(),
                                                formats(), 0));
        if (!result_ || !ok_status(result_.get())) {
            const result_ptr failed = std::move(result_);
            reset();
            session_->fail(failed.get(), sql_);
        }
        executed_ = true;
        row_ = -1;
        rows_ = PQntuples(result_.get());
    }

    /// Single-row mode: the next row, or false at the end (then the result is drained).
    bool stream_step() {
        if (stream_done_) return false;
        result_ = result_ptr(PQgetResult(conn_));
        const auto status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
        if (status == PGRES_SINGLE_TUPLE) {
            row_ = 0;
            rows_ = 1;
            return true;
        }
        result_ptr last = std::move(result_);
        while (PGresult* more = PQgetResult(conn_)) PQclear(more);  // the end marker
        stream_done_ = true;
        row_ = rows_ = 0;
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            result_ = std::move(last);  // zero rows; keeps the column description
            return false;
        }
        reset();
        session_->fail(last.get(), sql_);
    }

    /// The rows of a stream are not wanted: outside a transaction ask the server to
    /// stop; inside one (a cancel would abort it) read and drop the rest.
    void abandon_stream() noexcept {
        result_ = result_ptr();
        if (stream_cancel_ok_) {
            if (PGcancel* cancel = PQgetCancel(conn_)) {
                char buffer[256];
                PQcancel(cancel, buffer, sizeof buffer);
                PQfreeCancel(cancel);
            }
        }
        while (PGresult* more = PQgetResult(conn_)) PQclear(more);
        stream_done_ = true;
    }

    // ---- execute_many through COPY ... FROM STDIN
    //
    // Measured on loopback (scripts/bench): COPY inserts rows ~3x faster than pipelined
    // prepared INSERTs and ~1.4x faster than multi-row VALUES. A plain
    // "INSERT INTO t (a, b) VALUES ($1, $2)" becomes "COPY t (a, b) FROM STDIN" and each
    // row's bound values (already text) become one line of COPY's text format. Anything
    // else (RETURNING, ON CONFLICT, expressions) goes through pipeline mode.

    /// The COPY statement for this INSERT, or "" when it is not a plain one.
    std::string copy_text() const {
        constexpr std::string_view head = "INSERT INTO ";
        constexpr std::string_view middle = ") VALUES (";
        const std::string_view sql = sql_;
        if (!sql.starts_with(head)) return {};
        const auto at = sql.find(middle);
        if (at == std::string_view::npos) return {};
        std::string expected;
        for (std::size_t i = 1; i <= values_.size(); ++i)
            expected += (i > 1 ? ", $" : "$") + std::to_string(i);
        expected += ')';
        if (sql.substr(at + middle.size()) != expected) return {};
        return "COPY " + std::string(sql.substr(head.size(), at + 1 - head.size())) + " FROM STDIN";
    }

    void start_copy(const std::string& copy) {
        copy_sql_ = copy;
        const result_ptr r(PQexec(conn_, copy_sql_.c_str()));
        ++session_->unnamed_generation;
        if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) session_->fail(r.get(), copy_sql_);
        in_copy_ = true;
        copy_buffer_.clear();
    }

    void add_copy_row() {
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (i) copy_buffer_ += '\t';
            const char* v = values_[i];
            if (v == nullptr) {
                copy_buffer_ += "\\N";
            } else if (formats_[i] == 1) {  // a blob: bytea hex input, its backslash escaped for COPY
                static constexpr char hex[] = "0123456789abcdef";
                copy_buffer_ += "\\\\x";
                for (int k = 0; k < lengths_[i]; ++k) {
                    const auto b = static_cast<unsigned char>(v[k]);
                    copy_buffer_ += hex[b >> 4];
                    copy_buffer_ += hex[b & 15];
                }
            } else {
                for (; *v; ++v) {
                    switch (*v) {
                    case '\\': copy_buffer_ += "\\\\"; break;
                    case '\t': copy_buffer_ += "\\t"; break;
                    case '\n': copy_buffer_ += "\\n"; break;
                    case '\r': copy_buffer_ += "\\r"; break;
                    default: copy_buffer_ += *v;
                    }
                }
            }
        }
        copy_buffer_ += '\n';
        if (copy_buffer_.size() >= 256 * 1024) flush_copy();
    }

    void flush_copy() {
        if (copy_buffer_.empty()) return;
        if (PQputCopyData(conn_, copy_buffer_.data(), static_cast<int>(copy_buffer_.size())) != 1) {
            const std::string message = trimmed(PQerrorMessage(conn_));
            abort_batch();
            throw connection_error("retort: sending rows of execute_many (COPY) failed: " + message);
        }
        copy_buffer_.clear();
    }

    std::int64_t finish_copy() {
        auto finish = [this]() -> std::int64_t {
            flush_copy();
            in_copy_ = false;
            if (PQputCopyEnd(conn_, nullptr) != 1) session_->fail(nullptr, copy_sql_);
            result_ptr r(PQgetResult(conn_));
            while (PGresult* more = PQgetResult(conn_)) PQclear(more);
            if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) session_->fail(r.get(), copy_sql_);
            const char* tuples = PQcmdTuples(r.get());
            std::int64_t n = 0;
            std::from_chars(tuples, tuples + std::strlen(tuples), n);
            batch_rows_ = 0;
            return n;
        };
        if (session_->events) [[unlikely]]
            return observed(*session_->events, conn_, copy_sql_, {}, finish);
        return finish();
    }

    /// Reads the outcome of every execution queued since the last sync.
    void sync_batch() {
        if (PQpipelineSync(conn_) != 1) {
            end_batch();
            session_->fail(nullptr, sql_);
        }
        result_ptr first_error;
        for (int i = 0; i < queued_; ++i) {
            bool any = false;
            while (PGresult* r = PQgetResult(conn_)) {
                any = true;
                result_ptr res(r);
                const auto status = PQresultStatus(r);
                if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                    const char* tuples = PQcmdTuples(r);
                    std::int64_t n = 0;
                    std::from_chars(tuples, tuples + std::strlen(tuples), n);
                    batch_rows_ += n;
                } else if (status != PGRES_PIPELINE_ABORTED && !first_error) {
                    first_error = std::move(res);
                }
            }
            if (!any) break;  // connection lost
        }
        queued_ = 0;
        result_ptr sync(PQgetResult(conn_));
        const bool synced = sync && PQresultStatus(sync.get()) == PGRES_PIPELINE_SYNC;
        if (first_error || !synced) {
            end_batch();
            batch_rows_ = 0;
            session_->fail(first_error ? first_error.get() : sync.get(), sql_);
        }
    }

    void end_batch() noexcept {
        if (!in_batch_) return;
        in_batch_ = false;
        queued_ = 0;
        if (PQstatus(conn_) == CONNECTION_OK && PQexitPipelineMode(conn_) != 1) {
            // Results still pending (an error before they were read): drain, then leave.
            PQpipelineSync(conn_);
            for (int guard = 0; guard < 1'000'000; ++guard) {
                PGresult* r = PQgetResult(conn_);
                if (r == nullptr) {
                    if (PQexitPipelineMode(conn_) == 1 || PQstatus(conn_) != CONNECTION_OK) break;
                    continue;
                }
                PQclear(r);
            }
        }
    }

    /// Another one-off statement or a simple query replaced the unnamed statement.
    void prepare_unnamed_again() {
        const std::string& text = text_sql_;
        const result_ptr prepared(PQprepare(conn_, "", text.c_str(), 0, nullptr));
        if (!prepared || !ok_status(prepared.get())) session_->fail(prepared.get(), sql_);
        generation_ = ++session_->unnamed_generation;
    }

    void check_index(int index) const {
        if (static_cast<std::size_t>(index) >= values_.size()) [[unlikely]]  // (a negative index wraps)
            throw_bad_index(index);
    }

    [[noreturn, gnu::cold, gnu::noinline]] void throw_bad_index(int index) const {
        throw data_error("retort: parameter index " + std::to_string(index) + " out of range (statement has " +
                         std::to_string(values_.size()) + " parameters) (SQL: " + sql_excerpt(sql_) + ")");
    }

    void set(int index, const char* data, int length, int format) {
        check_index(index);
        set_checked(index, data, length, format);
    }

    void set_checked(int index, const char* data, int length, int format) {
        if (executed_) reset();  // binding starts the next execution
        values_[index] = data;
        lengths_[index] = length;
        formats_[index] = format;
        if (format != 0) any_binary_ = true;
    }

    void bind_literal(int index, const char* literal) {
        check_index(index);
        text_[index] = literal;
        set(index, text_[index].c_str(), 0, 0);
    }

    template <class Number>
    void bind_number(int index, Number value) {
        check_index(index);
        if (executed_) reset();  // binding starts the next execution
        // The text goes straight into this parameter's own buffer (no string in between).
        char* buffer = numbers_[static_cast<std::size_t>(index)].data();
        const auto [end, ec] = std::to_chars(buffer, buffer + number_size - 1, value);
        *end = '\0';
        values_[index] = buffer;
        lengths_[index] = 0;
        formats_[index] = 0;
    }

    void check_column(int column) const {
        if (column < 0 || column >= PQnfields(shape()))
            throw programming_error("retort: column index " + std::to_string(column) + " out of range (result has " +
                                    std::to_string(PQnfields(shape())) +
                                    " columns) (SQL: " + sql_excerpt(sql_) + ")");
    }

    void check_row(int column) const {
        check_column(column);
        if (!result_ || row_ < 0 || row_ >= rows_)
            throw programming_error("retort: no current row (call step() first) (SQL: " + sql_excerpt(sql_) + ")");
    }

    /// The raw text of a non-NULL value in the current row.
    std::string_view value(int column) const {
        if (column != checked_column_) [[unlikely]]
            check_value(column);
        return {PQgetvalue(result_.get(), row_, column),
                static_cast<std::size_t>(PQgetlength(result_.get(), row_, column))};
    }

    void check_value(int column) const {
        check_row(column);
        if (PQgetisnull(result_.get(), row_, column))
            throw data_error("retort: column " + std::to_string(column) + " ('" + PQfname(result_.get(), column) +
                             "') is NULL (SQL: " + sql_excerpt(sql_) + ")");
    }

    [[noreturn]] void throw_mismatch(int column, std::string_view text, std::string_view wanted) const {
        throw data_error("retort: column " + std::to_string(column) + " ('" + PQfname(result_.get(), column) +
                         "') holds '" + std::string(text) + "', cannot read it as " + std::string(wanted) +
                         " (SQL: " + sql_excerpt(sql_) + ")");
    }

    /// bytea output: hex ("\x4142") or, with bytea_output=escape, backslash escapes.
    bool decode_bytea(std::string_view text) const {
        blob_.clear();
        if (text.starts_with("\\x")) {
            if (text.size() % 2 != 0) return false;
            blob_.reserve((text.size() - 2) / 2);
            for (std::size_t i = 2; i < text.size(); i += 2) {
                const int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
                if (hi < 0 || lo < 0) return false;
                blob_.push_back(static_cast<std::byte>(hi * 16 + lo));
            }
            return true;
        }
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\\') {
                blob_.push_back(static_cast<std::byte>(text[i]));
            } else if (i + 1 < text.size() && text[i + 1] == '\\') {
                blob_.push_back(static_cast<std::byte>('\\'));
                ++i;
            } else if (i + 3 < text.size() && is_octal(text[i + 1]) && is_octal(text[i + 2]) &&
                       is_octal(text[i + 3])) {
                blob_.push_back(static_cast<std::byte>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                                       (text[i + 3] - '0')));
                i += 3;
            } else {
                return false;
            }
        }
        return true;
    }

    static int hex_digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    static bool is_octal(char c) { return c >= '0' && c <= '7'; }

    pg_session* session_;
    PGconn* conn_;
    std::string name_;  // empty: a one-off statement, the connection's unnamed statement
    std::string_view sql_;
    std::string text_sql_;    // NUL-terminated copy for libpq
    result_ptr description_;  // parameter count, column names and types, before any execution (may be null)
    std::uint64_t generation_;  // one-off statements: session_->unnamed_generation when prepared
    bool direct_;             // no server-side prepared statement: PQexecParams every time
    result_ptr result_;
    bool executed_ = false;
    bool stream_next_ = false;  // the next execution streams (single-row mode)
    bool streaming_ = false;
    bool stream_done_ = false;
    bool stream_cancel_ok_ = false;  // the stream started outside a transaction block
    bool in_batch_ = false;     // pipeline mode (execute_many)
    mutable int checked_column_ = -1;  // is_null() found this column of the current row non-NULL
    bool in_copy_ = false;      // COPY ... FROM STDIN (execute_many of a plain INSERT)
    std::string copy_sql_;
    std::string copy_buffer_;
    int queued_ = 0;
    int row_ = -1;
    int rows_ = 0;
    std::vector<std::string> text_;  // storage for text parameters
    static constexpr std::size_t number_size = 40;  // an int64 needs 20 characters, a shortest double 24
    std::vector<std::array<char, number_size>> numbers_;  // storage for numeric parameters
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    bool any_binary_ = false;  // a parameter was bound in binary format (a blob) since prepare
    mutable std::vector<std::byte> blob_;  // decoded bytea of the last get_blob
};

bool is_commit(std::string_view sql) {
    while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
    while (!sql.empty() && (sql.back() == ' ' || sql.back() == ';' || sql.back() == '\n')) sql.remove_suffix(1);
    if (sql.size() != 6 && sql.size() != 3) return false;
    std::string upper;
    for (char c : sql) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return upper == "COMMIT" || upper == "END";
}

class pg_connection final : public driver::connection {
public:
    pg_connection(PGconn* conn, bool server_prepared) : conn_(conn) {
        session_.conn = conn;
        session_.server_prepared = server_prepared;
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    /// A borrowed PGconn (retort::adopt): never closed here, its notice processor and
    /// settings left alone; its server-side statements get names of their own
    /// ("retort_a<N>_s<slot>") and are deallocated when this connection goes.
    pg_connection(PGconn* conn, postgresql_owner owner, driver::observer observer)
        : conn_(conn), observer_(std::move(observer)) {
        static std::atomic<std::uint64_t> adoptions{0};
        session_.conn = conn;
        session_.borrowed = true;
        session_.owner = owner;
        session_.adopted_pid = PQbackendPID(conn);
        name_prefix_ = "retort_a" + std::to_string(adoptions.fetch_add(1, std::memory_order_relaxed) + 1) + "_";
        if (observer_.sink) events = &observer_;
    }
    pg_connection(const pg_connection&) = delete;
    pg_connection& operator=(const pg_connection&) = delete;
    ~pg_connection() override {
        if (!session_.borrowed) {
            PQfinish(conn_);
            return;
        }
        release_borrowed_names();
    }

    dialect_id dialect() const noexcept override { return dialect_id::postgresql; }

    std::unique_ptr<driver::statement> prepare(std::string_view sql, std::string_view name_hint) override {
        session_.events = events;
        if (!session_.server_prepared)  // nothing on the server: sent with its parameters at each execution
            return std::make_unique<pg_statement>(session_, std::string(), sql, result_ptr());
        if (session_.borrowed) return prepare_borrowed(sql, name_hint);
        std::string name(name_hint);
        const std::string text(sql);  // PQprepare wants a NUL-terminated string
        result_ptr prepared(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
        if (!name.empty() && prepared && field(prepared.get(), PG_DIAG_SQLSTATE) == "42P05") {
            // A statement of that name survives from a statement object destroyed earlier
            // on this connection (names are unique per live statement): replace it.
            execute_script("DEALLOCATE \"" + name + "\"");
            prepared = result_ptr(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
        }
        if (!prepared || !ok_status(prepared.get())) session_.fail(prepared.get(), sql);
        if (name.empty()) ++session_.unnamed_generation;
        result_ptr description(PQdescribePrepared(conn_, name.c_str()));
        if (!description || !ok_status(description.get())) session_.fail(description.get(), sql);
        return std::make_unique<pg_statement>(session_, std::move(name), sql, std::move(description));
    }

    void execute_script(std::string_view sql) override {
        session_.check_owner();
        if (events) [[unlikely]]
            return observed(*events, conn_, sql, {}, [&] { return run_script(sql), 0; }), void();
        run_script(sql);
    }

    void run_script(std::string_view sql) {
        const std::string text(sql);
        ++session_.unnamed_generation;  // a simple query drops the unnamed statement
        const result_ptr res(PQexec(conn_, text.c_str()));
        if (!res || !ok_status(res.get())) session_.fail(res.get(), sql);
        // COMMIT of a transaction aborted by an earlier error "succeeds" as ROLLBACK.
        if (is_commit(sql) && std::string_view(PQcmdStatus(res.get())) == "ROLLBACK")
            throw programming_error("retort: COMMIT rolled back: the transaction had been aborted by an earlier "
                                    "error (SQL: " +
                                    text + ")");
    }

    bool ping() noexcept override {
        if (PQstatus(conn_) != CONNECTION_OK) return false;
        ++session_.unnamed_generation;
        const result_ptr res(PQexec(conn_, "SELECT 1"));
        return res && PQresultStatus(res.get()) == PGRES_TUPLES_OK;
    }

    bool in_transaction() const noexcept override {
        const auto status = PQtransactionStatus(conn_);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
    }

private:
    /// Borrowed: the owner's own code also runs simple queries (which drop the unnamed
    /// statement behind our back), so a one-off statement is sent with its parameters
    /// (PQexecParams); a named one gets this connection's prefix and is remembered.
    std::unique_ptr<driver::statement> prepare_borrowed(std::string_view sql, std::string_view name_hint) {
        session_.check_owner();
        if (name_hint.empty()) return std::make_unique<pg_statement>(session_, std::string(), sql, result_ptr(), true);
        if (name_hint.starts_with("retort_")) name_hint.remove_prefix(7);
        std::string name = name_prefix_ + std::string(name_hint);
        const std::string text(sql);
        const result_ptr prepared(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
        if (!prepared || !ok_status(prepared.get())) session_.fail(prepared.get(), sql);
        session_.names.push_back(name);
        result_ptr description(PQdescribePrepared(conn_, name.c_str()));
        if (!description || !ok_status(description.get())) session_.fail(description.get(), sql);
        return std::make_unique<pg_statement>(session_, std::move(name), sql, std::move(description));
    }

    /// One round trip for all of them; skipped (they stay until the session ends) when the
    /// owner's transaction has failed, where any statement would fail too, or when the
    /// owner reconnected.
    void release_borrowed_names() noexcept {
        if (session_.names.empty()) return;
        try {
            session_.check_owner();
            const auto status = PQtransactionStatus(conn_);
            if (PQstatus(conn_) != CONNECTION_OK || (status != PQTRANS_IDLE && status != PQTRANS_INTRANS)) return;
            std::string text;
            for (const auto& name : session_.names) text += "DEALLOCATE \"" + name + "\";";
            PQclear(PQexec(conn_, text.c_str()));
        } catch (...) {
        }
    }

    PGconn* conn_;
    pg_session session_;  // statements point here: a connection is never moved
    driver::observer observer_;  // a borrowed connection's own (an engine keeps its own)
    std::string name_prefix_;    // borrowed: "retort_a<N>_"
};

/// "host:port/db as user" for messages; never the password.
std::string describe_target(const url& u) {
    std::string out = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
    out += ':' + std::to_string(u.port.value_or(5432)) + '/' + u.database;
    if (!u.username.empty()) out += " as " + u.username;
    return out;
}

}  // namespace

void check_postgresql_options(const url& u) {
    PQconninfoOption* defaults = PQconndefaults();
    if (defaults == nullptr) return;  // out of memory: let the connection attempt report problems
    for (const auto& [key, value] : u.query) {
        bool known = false;
        for (const PQconninfoOption* option = defaults; option->keyword != nullptr; ++option)
            known = known || key == option->keyword;
        if (!known) {
            PQconninfoFree(defaults);
            throw argument_error("retort: unknown PostgreSQL connection option '" + key + "' in URL " +
                                 u.redacted());
        }
    }
    PQconninfoFree(defaults);
}

std::unique_ptr<driver::connection> borrow_postgresql(PGconn* conn, postgresql_owner owner,
                                                     driver::observer observer) {
    if (conn == nullptr)
        throw argument_error("retort: adopt() was given a null PGconn; pass an open connection");
    if (PQstatus(conn) != CONNECTION_OK)
        throw connection_error("retort: adopt() was given a PostgreSQL connection that is not open (" +
                               trimmed(PQerrorMessage(conn)) + ")");
    if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF || PQisBusy(conn))
        throw programming_error("retort: adopt() was given a PostgreSQL connection that is busy (pipeline mode "
                                "or a query in progress); adopt it between statements");
    return std::make_unique<pg_connection>(conn, owner, std::move(observer));
}

std::unique_ptr<driver::connection> open_postgresql(const url& u, const driver_options& o) {
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    auto add = [&](const char* keyword, const std::string& value) {
        keywords.push_back(keyword);
        values.push_back(value.c_str());
    };
    const std::string port = u.port ? std::to_string(*u.port) : std::string();
    // Never wait to connect longer than the pool would wait for a connection (libpq's
    // minimum is 2 s); 10 s at most unless the URL says otherwise.
    const auto timeout_s = std::clamp<std::int64_t>((o.connect_timeout.count() + 999) / 1000, 2, 10);
    const std::string default_timeout = std::to_string(timeout_s), default_encoding = "UTF8";
    add("host", u.host);
    if (u.port) add("port", port);
    if (!u.username.empty()) add("user", u.username);
    if (!u.password.empty()) add("password", u.password);
    if (!u.database.empty()) add("dbname", u.database);
    if (!u.query.contains("connect_timeout")) add("connect_timeout", default_timeout);
    if (!u.query.contains("client_encoding")) add("client_encoding", default_encoding);
    for (const auto& [key, value] : u.query) add(key.c_str(), value);
    keywords.push_back(nullptr);
    values.push_back(nullptr);

    // expand_dbname = 0: a database name is never read as a connection string.
    PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), 0);
    if (conn == nullptr)
        throw connection_error("retort: cannot connect to PostgreSQL at " + describe_target(u) + ": out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = trimmed(PQerrorMessage(conn));
        PQfinish(conn);
        throw connection_error("retort: cannot connect to PostgreSQL at " + describe_target(u) + ": " + message);
    }
    return std::make_unique<pg_connection>(conn, o.server_prepared);
}

}  // namespace retort::detail
