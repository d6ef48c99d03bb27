// retort/engine/result.hpp — typed rows read step by step from a prepared statement.
//
//   for (const auto& [name, age] : conn.execute(q)) ...     // rows are read as you iterate
//   std::vector<User> users = conn.execute(select<User>()).all();
//   std::optional<User> u = conn.execute(q).first();
//   if (conn.execute(q).first_into(u)) ...                  // into an existing object (its buffers reused)
//   std::optional<User> u = conn.execute(q).one_or_none();   // multiple_results_error on two rows
//   std::optional<std::int64_t> n = conn.execute(select(count()).from<User>()).scalar();
//   std::int64_t n = conn.execute(select(count()).from<User>()).scalar_one();
#pragma once


#include <iterator>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "retort/engine/bind.hpp"
#include "retort/engine/connection_use.hpp"
#include "retort/engine/driver.hpp"
#include "retort/detail/type_name.hpp"
#include "retort/engine/value_io.hpp"
#include "retort/reflect/fields.hpp"

namespace retort {

namespace detail {

/// Field I of a row: a tuple's element, a model's field.
template <std::size_t I, class Row>
decltype(auto) row_field(Row& row) {
    if constexpr (requires { std::tuple_size<Row>::value; } && !std::is_aggregate_v<Row>)
        return std::get<I>(row);
    else
        return reflect::get<I>(row);
}

// One function per path, the handle, statement and row in parameters (kept in registers
// across the client library's calls, where a lambda's captures are reloaded per column).
// (Each path its own function, called from an inlined dispatch: a function holding all
// three saves and sets up registers for the busiest of them on every row.)
template <class Row, std::size_t... I>
[[gnu::noinline]] void read_row_sqlite(sqlite3_stmt* h, const driver::statement& st, Row& row,
                                       std::index_sequence<I...>) {
    (read_value_direct(h, st, static_cast<int>(I), row_field<I>(row)), ...);
}
template <class Row, std::size_t... I>
[[gnu::noinline]] void read_row_postgresql(const PGresult* r, int at, const driver::statement& st, Row& row,
                                           std::index_sequence<I...>) {
    (read_value_direct(r, at, st, static_cast<int>(I), row_field<I>(row)), ...);
}
template <class Row, std::size_t... I>
[[gnu::noinline]] void read_row_driver(const driver::statement& st, Row& row, std::index_sequence<I...>) {
    (read_value(st, static_cast<int>(I), row_field<I>(row)), ...);
}

template <class Row>
[[gnu::always_inline]] inline void read_row(const driver::statement& st, Row& row) {
    constexpr auto fields = [] {
        if constexpr (requires { std::tuple_size<Row>::value; } && !std::is_aggregate_v<Row>)
            return std::make_index_sequence<std::tuple_size_v<Row>>{};
        else
            return std::make_index_sequence<reflect::field_count<Row>>{};
    }();
    if (sqlite3_stmt* h = st.sqlite_direct())
        read_row_sqlite(h, st, row, fields);
    else if (const PGresult* r = st.postgresql_direct().result)
        read_row_postgresql(r, st.postgresql_direct().row, st, row, fields);
    else
        read_row_driver(st, row, fields);
}

}  // namespace detail

struct no_statement_kept {};

/// The rows of one executed SELECT, whatever statement produced them: everything a
/// result does except keeping the statement object. Its code is instantiated once per
/// row type, not once per statement type (many statements share a row type).
template <class Row>
class basic_result {
public:
    basic_result(basic_result&&) = delete;
    basic_result& operator=(basic_result&&) = delete;
    basic_result(const basic_result&) = delete;
    [[gnu::always_inline]] ~basic_result() {
        release_on_exit();
        if (row_made_) std::destroy_at(&slot_.row);
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const Row*;
        using reference = const Row&;

        iterator() = default;
        explicit iterator(basic_result* r) : r_(r) {}
        const Row& operator*() const { return r_->slot_.row; }
        const Row* operator->() const { return &r_->slot_.row; }
        iterator& operator++() {
            r_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return !it.r_ || !it.r_->row_ready(); }

    private:
        basic_result* r_ = nullptr;
    };

    iterator begin() {
        if (state_ == state::fresh) advance();
        return iterator{this};
    }
    std::default_sentinel_t end() const noexcept { return {}; }

    bool row_ready() const noexcept { return state_ == state::row; }

    /// Every remaining row.
    std::vector<Row> all() {
        std::vector<Row> rows;
        if (state_ == state::fresh && st_) {
            // Nothing read yet: read every row straight into the vector (no copy of a row).
            read_all_now([&] {
                while (st_->step()) detail::read_row(*st_, rows.emplace_back());
            });
            return rows;
        }
        if (state_ == state::fresh) advance();
        while (has_row()) {
            rows.push_back(std::move(slot_.row));
            advance();
        }
        return rows;
    }

    /// The first row, or nullopt when there is none; the rest is discarded.
    std::optional<Row> first() {
        std::optional<Row> out;
        if (state_ == state::fresh && st_) {
            // Nothing read yet: read the row straight into the answer (no copy of a row).
            read_all_now([&] {
                if (st_->step()) detail::read_row(*st_, out.emplace());
            });
            return out;
        }
        if (state_ == state::fresh) advance();
        if (has_row()) out.emplace(std::move(slot_.row));
        state_ = state::done;
        release();
        return out;
    }

    /// The first row read into `row`, an object the caller keeps: true when there was one,
    /// false (and `row` untouched) when there was none; the rest is discarded. What
    /// first() does without making a new row: each field is assigned in place, so strings
    /// and vectors reuse the buffers they have (a loop of point selects into one object
    /// allocates only when a value outgrows its field's buffer), and an optional field
    /// becomes empty on NULL. If reading fails (a data_error: a value that does not fit
    /// its field), the fields before the failing one hold the new row's values.
    [[gnu::always_inline]] bool first_into(Row& row) {
        bool found = false;
        if (state_ == state::fresh) {  // (a fresh result has its statement)
            read_all_now([&] {
                if (st_->step()) {
                    detail::read_row(*st_, row);
                    found = true;
                }
            });
            return found;
        }
        if (state_ == state::fresh) advance();
        if (has_row()) {
            row = std::move(slot_.row);
            found = true;
        }
        state_ = state::done;
        release();
        return found;
    }
    /// Anything but a non-const object of the row type: one message, nothing read.
    template <class Other>
    bool first_into(Other&&) {
        static_assert(detail::always_false<Other>,
                      "retort: first_into(row) reads into a non-const object you keep whose type is the result's "
                      "row type (the model for select<T>(), a std::tuple of the selected columns' types for "
                      "select(c<...>, ...)); declare it as retort::row_of<decltype(statement)>, or use first() "
                      "for a new row");
        return false;
    }

    /// Exactly one row; no_result_error when there is none, multiple_results_error when
    /// there are several (both are data_errors).
    Row one() {
        if (state_ == state::fresh) advance();
        if (!has_row()) throw no_result_error("retort: one() expected exactly one row, the query returned none");
        Row r = std::move(slot_.row);
        advance();
        if (has_row()) {
            release();
            throw multiple_results_error("retort: one() expected exactly one row, the query returned several");
        }
        release();
        return r;
    }

    /// The only row, or nullopt when there is none; multiple_results_error when there are
    /// several (first() takes the first of several instead).
    std::optional<Row> one_or_none() {
        if (state_ == state::fresh) advance();
        std::optional<Row> out;
        if (!has_row()) return out;
        out.emplace(std::move(slot_.row));
        advance();
        if (has_row()) {
            release();
            throw multiple_results_error(
                "retort: one_or_none() expected at most one row, the query returned several; narrow the WHERE "
                "clause to one row, or use first() to take the first of several");
        }
        release();
        return out;
    }

    /// The first column of the first row, or nullopt when there is no row or the value is
    /// NULL; the rest is discarded.
    auto scalar() {
        using V = unwrap_optional_t<std::remove_cvref_t<decltype(first_item(std::declval<Row&>()))>>;
        std::optional<V> out;
        if (std::optional<Row> row = first()) {
            if constexpr (is_optional_v<std::remove_cvref_t<decltype(first_item(*row))>>) {
                if (auto& v = first_item(*row)) out.emplace(std::move(*v));
            } else {
                out.emplace(std::move(first_item(*row)));
            }
        }
        return out;
    }

    /// The first column of the only row (std::optional when the column can be NULL);
    /// no_result_error when there is no row, multiple_results_error when there are several.
    auto scalar_one() {
        if (state_ == state::fresh) advance();
        if (!has_row())
            throw no_result_error(
                "retort: scalar_one() expected exactly one row, the query returned none; use scalar() when no "
                "row is a valid answer (it returns std::nullopt)");
        auto value = std::move(first_item(slot_.row));
        advance();
        if (has_row()) {
            release();
            throw multiple_results_error(
                "retort: scalar_one() expected exactly one row, the query returned several; narrow the WHERE "
                "clause to one row, or use scalar() to take the first row's value");
        }
        release();
        return value;
    }

protected:
    /// `hold`: the operation's hold on the connection (execute's), which the result takes.
    /// `owned`: `st` is a statement of this result's own (prepared again while the cached one
    /// is in use), deleted with it.
    [[gnu::always_inline]] basic_result(driver::statement& st, bool owned,
                                        detail::handover_guard& hold)
        : st_(&st), owned_(owned ? &st : nullptr), use_(&hold.hand_over()) {
        st_->in_use = true;
    }

    void open_stream() noexcept {
        use_->set_stream_open(true);
        stream_ = true;
    }

private:
    enum class state : unsigned char { fresh, row, done };

    /// The first item of a row: a tuple's first element, a model's first field.
    static decltype(auto) first_item(Row& row) {
        if constexpr (requires { std::tuple_size<Row>::value; } && !std::is_aggregate_v<Row>)
            return std::get<0>(row);
        else
            return boost::pfr::get<0>(row);
    }

    bool has_row() const noexcept { return state_ == state::row; }

    /// Runs `read` (which steps the statement itself), then releases the statement, also
    /// when `read` throws; the result is done either way.
    template <class Read>
    [[gnu::always_inline]] void read_all_now(Read&& read) {
        try {
            read();
        } catch (...) {
            state_ = state::done;
            release();
            throw;
        }
        state_ = state::done;
        release();
    }

    void advance() {
        if (!st_) {
            state_ = state::done;
            return;
        }
        try {
            if (st_->step()) {
                if (!row_made_) {
                    std::construct_at(&slot_.row);
                    row_made_ = true;
                }
                detail::read_row(*st_, slot_.row);
                state_ = state::row;
            } else {
                state_ = state::done;
                release();
            }
        } catch (...) {
            state_ = state::done;
            release();
            throw;
        }
    }

protected:
    /// Resets the statement and lets go of the connection; once only (the result holds
    /// the connection from construction until here, so `use_` says whether it is due).
    [[gnu::always_inline]] void release() noexcept {
        if (use_) release_now();
    }
    /// release() on a failure path: out of line (one copy per row type, not one inlined
    /// into each statement's execute).
    [[gnu::cold, gnu::noinline]] void release_cold() noexcept { release(); }
    /// release() where a result dies: rarely due (a result read to its end, or by first(),
    /// all(), one() ..., has released already), so the release itself is out of line, not
    /// inlined where each result goes out of scope.
    [[gnu::always_inline]] void release_on_exit() noexcept {
        if (use_) [[unlikely]]
            release_cold();
    }

private:
    [[gnu::always_inline]] void release_now() noexcept {
        if (st_) {
            st_->reset();
            st_->in_use = false;
            st_ = nullptr;
        }
        owned_.reset();
        if (stream_) use_->set_stream_open(false);
        use_->leave();
        use_ = nullptr;
    }

private:
    driver::statement* st_;
    std::unique_ptr<driver::statement> owned_;
    detail::connection_use* use_ = nullptr;
    bool stream_ = false;
    bool row_made_ = false;  // slot_.row is constructed (by the first row read step by step)
    state state_ = state::fresh;
    /// The current row while rows are read step by step; first() and all() read straight
    /// into their answer and never construct it.
    union row_slot {
        row_slot() noexcept {}
        ~row_slot() {}
        Row row;
    } slot_;
};

/// The rows of one executed SELECT. Reading is lazy (one row per step); the statement
/// is reset (and returned to the connection's cache) when the result dies.
///
/// `Kept` is the statement object, owned by the result (moved from a temporary, copied
/// from a named statement): the database reads bound values on every step, so they live
/// here, in place (a result cannot be moved). Values the statement only refers to (a
/// named container given to in()) are copied by the database when bound.
///
/// Until it is read to the end or destroyed, a result holds its connection for its
/// thread (engine/connection_use.hpp).
template <class Row, class Kept = no_statement_kept>
class result : public basic_result<Row> {
public:
    /// Takes `kept` (the statement, moved or copied in) and binds its values from here;
    /// a failure resets the statement. `hold`: the connection's check, which the caller
    /// (execute) holds now; the result takes it over and holds it until release.
    /// `stream`: a PostgreSQL stream, which blocks the connection until it ends.
    template <class K>
    [[gnu::always_inline]] result(driver::statement& st, bool owned, K&& kept,
                                  detail::handover_guard& hold, bool stream)
        : basic_result<Row>(st, owned, hold), kept_(static_cast<K&&>(kept)) {
        try {
            detail::bind_kept(st, kept_);
        } catch (...) {
            this->release_cold();
            throw;
        }
        if (stream) this->open_stream();
    }
    /// For a statement that cannot be kept (not copyable): its values are bound from
    /// `source`, copied by the database.
    template <class Source>
    [[gnu::always_inline]] result(driver::statement& st, bool owned,
                                  detail::copied_from<Source> source, detail::handover_guard& hold, bool stream)
        : basic_result<Row>(st, owned, hold) {
        try {
            detail::bind_copied(st, source.statement);
        } catch (...) {
            this->release_cold();
            throw;
        }
        if (stream) this->open_stream();
    }
    /// The statement is reset before the values it was bound with are destroyed.
    [[gnu::always_inline]] ~result() { this->release_on_exit(); }

    /// The statement object kept by this result (bind from here, after construction).
    const Kept& kept() const noexcept { return kept_; }

private:
    [[no_unique_address]] Kept kept_;
};

}  // namespace retort
