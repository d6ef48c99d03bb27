// The session's code that does not depend on a model type.
#include "retort/orm/session.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <new>
#include <string>

namespace retort {

const char* to_string(object_state s) noexcept {
    switch (s) {
        case object_state::transient: return "transient";
        case object_state::pending: return "pending";
        case object_state::persistent: return "persistent";
        case object_state::deleted: return "deleted";
        case object_state::detached: return "detached";
    }
    return "?";
}

orm::detail::store_base& session::add_store(std::size_t slot, std::unique_ptr<orm::detail::store_base> store) {
    if (slot >= stores_.size()) stores_.resize(slot + 1);
    by_rank_.reserve(by_rank_.size() + 1);  // the insert below cannot throw
    orm::detail::store_base* raw = store.get();
    stores_[slot] = std::move(store);
    by_rank_.insert(std::upper_bound(by_rank_.begin(), by_rank_.end(), raw,
                                     [](const auto* a, const auto* b) { return a->rank() < b->rank(); }),
                    raw);
    return *raw;
}

namespace orm::detail {

std::size_t next_model_slot() noexcept {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1, std::memory_order_relaxed);
}

entry_arena::~entry_arena() {
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        auto* bytes = static_cast<unsigned char*>(blocks_[b]);
        auto* const end = b + 1 == blocks_.size() ? next_ : bytes + block * size_;
        for (; bytes != end; bytes += size_) destroy_(bytes);
        ::operator delete(blocks_[b], std::align_val_t(align_));
    }
}

void entry_arena::grow() {
    // Room first (doubling), so that the inserts below cannot throw.
    if (blocks_.size() == blocks_.capacity()) {
        blocks_.reserve(2 * blocks_.size() + 4);
        by_address_.reserve(blocks_.capacity());
    }
    void* const fresh = ::operator new(block * size_, std::align_val_t(align_));
    blocks_.push_back(fresh);
    by_address_.insert(std::upper_bound(by_address_.begin(), by_address_.end(), fresh, std::less<>{}), fresh);
    next_ = static_cast<unsigned char*>(fresh);
    end_ = next_ + block * size_;
}

const void* entry_arena::slot_of(const void* p) const noexcept {
    // The last block starting at or below p (std::less: a total order on pointers).
    auto it = std::upper_bound(by_address_.begin(), by_address_.end(), p, std::less<>{});
    if (it == by_address_.begin()) return nullptr;
    const auto* start = static_cast<const unsigned char*>(*--it);
    const auto* const end = *it == blocks_.back() ? next_ : start + block * size_;  // constructed entries only
    const auto* const q = static_cast<const unsigned char*>(p);
    if (!std::less<>{}(q, end)) return nullptr;
    return start + static_cast<std::size_t>(q - start) / size_ * size_;
}

store_base::~store_base() = default;

void unlink_entry(entry_list& entries, entry_base& e) noexcept {
    const std::size_t i = e.index;
    if (i + 1 != entries.size()) {
        entries[i] = entries.back();
        entries[i]->index = i;
    }
    entries.pop_back();
    e.index = static_cast<std::size_t>(-1);
}

std::string render_update(std::string_view table, std::span<const retort::detail::column_info> columns,
                          const std::uint64_t* mask, std::size_t version, dialect_id dialect) {
    auto write = [&](retort::detail::sql_writer& w) {
        auto placeholder = [&] {
            if (dialect == dialect_id::sqlite)
                sqlite::placeholder(w);
            else
                postgresql::placeholder(w);
        };
        w.put("UPDATE ");
        w.quoted(table);
        w.put(" SET ");
        bool first = true;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const bool changed = (mask[i / 64] >> (i % 64)) & 1u;
            if (!changed && i != version) continue;
            if (!first) w.put(", ");
            first = false;
            w.quoted(columns[i].name);
            w.put(" = ");
            placeholder();
        }
        w.put(" WHERE ");
        first = true;
        for (const auto& column : columns) {
            if (!column.primary_key) continue;
            if (!first) w.put(" AND ");
            first = false;
            w.quoted(column.name);
            w.put(" = ");
            placeholder();
        }
        if (version < columns.size()) {
            w.put(" AND ");
            w.quoted(columns[version].name);
            w.put(" = ");
            placeholder();
        }
    };
    retort::detail::sql_writer counter{};
    write(counter);
    std::string out(counter.size, '\0');
    retort::detail::sql_writer filler{};
    filler.out = out.data();
    write(filler);
    return out;
}

void use_guard::throw_concurrent() {
    throw session_error(
        "retort: this session is being used by another thread at the same time; a session (and its objects) "
        "belongs to one thread at a time: give each thread its own session");
}

void throw_stale(std::string_view table, std::string_view action, const std::string& key, bool versioned) {
    std::string msg = "retort: the flush's " + std::string(action) + " of '" + std::string(table) + "' key " + key +
                      " matched no row: ";
    msg += versioned ? "another transaction changed or deleted it since this session loaded it (its version "
                       "column no longer matches)"
                     : "another transaction deleted it since this session loaded it";
    msg += "; the transaction was rolled back — reload the object and try again";
    throw stale_data_error(msg);
}

void throw_key_changed(std::string_view table) {
    throw session_error("retort: a persistent '" + std::string(table) +
                        "' object's primary key was changed; the session identifies rows by their key, so "
                        "remove() the object and add() a new one instead");
}

void throw_raise(std::string_view table, std::string_view relation) {
    throw session_error("retort: relationship '" + std::string(table) + "." + std::string(relation) +
                        "' is not loaded and its loading strategy is raise; load it with the query, e.g. "
                        ".options(retort::selectin<\"" + std::string(relation) + "\">)");
}

}  // namespace orm::detail

session::session(retort::engine& e, session_options options) : engine_(&e), options_(options) {}

session::session(retort::connection& c, session_options options) : borrowed_(&c), options_(options) {}

session::~session() {
    try {
        if (in_transaction()) end_transaction(false);
    } catch (...) {
    }
}

void session::not_in_session(const char* operation, std::string_view table, object_state st) {
    std::string msg = std::string("retort: ") + operation + ": this '" + std::string(table) + "' object ";
    if (st == object_state::detached)
        msg += "was detached from the session (expunge(), or rollback() of its add); merge() it to track it again";
    else
        msg += "is not one of this session's objects (use the reference that add(), get() or a query returned, "
               "or merge() a copy)";
    throw session_error(msg);
}

retort::connection& session::connection() {
    orm::detail::use_guard guard{*this};
    begin_if_needed();
    return borrowed_ ? *borrowed_ : *owned_;
}

retort::connection& session::conn_for_query() {
    begin_if_needed();
    autoflush();
    return borrowed_ ? *borrowed_ : *owned_;
}

void session::autoflush() {
    if (options_.autoflush && !flushing_) flush();
}

void session::begin_if_needed() {
    if (in_transaction()) return;
    if (borrowed_) {
        if (borrowed_->in_transaction())
            sp_.emplace(borrowed_->begin_nested());
        else
            tx_.emplace(borrowed_->begin());
        return;
    }
    if (!owned_) owned_.emplace(engine_->connect());
    tx_.emplace(owned_->begin());
}

std::size_t session::size() const noexcept {
    std::size_t n = 0;
    for (const auto& s : stores_)
        if (s) n += s->tracked();
    return n;
}

void session::expire_all() noexcept {
    for (const auto& s : stores_)
        if (s) s->expire_all();
}

void session::flush() {
    orm::detail::use_guard guard{*this};
    if (flushing_) return;
    bool work = false;
    for (auto* s : by_rank_)
        if (s->has_work()) {
            work = true;
            break;
        }
    if (!work) return;
    begin_if_needed();
    auto& conn = borrowed_ ? *borrowed_ : *owned_;
    flushing_ = true;
    try {
        for (auto* s : by_rank_) {
            s->flush_inserts(*this, conn);
            s->flush_updates(*this, conn);
        }
        for (auto* s : by_rank_) s->flush_associations(conn);
        for (auto it = by_rank_.rbegin(); it != by_rank_.rend(); ++it) (*it)->flush_deletes(conn);
    } catch (...) {
        flushing_ = false;
        // Nothing of a failed flush may stay: the database and the objects go back to the
        // last commit, so the session is usable at once.
        try {
            end_transaction(false);
        } catch (...) {
        }
        rollback_state();
        throw;
    }
    flushing_ = false;
}

void session::commit() {
    orm::detail::use_guard guard{*this};
    flush();
    if (in_transaction()) {
        try {
            end_transaction(true);
        } catch (...) {
            rollback_state();  // COMMIT failed: the database kept nothing of this transaction
            throw;
        }
    }
    for (auto* s : by_rank_) s->after_commit(options_.expire_on_commit);
}

void session::rollback() {
    orm::detail::use_guard guard{*this};
    if (in_transaction()) end_transaction(false);
    rollback_state();
}

void session::rollback_state() noexcept {
    for (auto* s : by_rank_) s->after_rollback();
}

void session::end_transaction(bool commit) {
    struct release {
        session& s;
        ~release() {
            s.tx_.reset();
            s.sp_.reset();
            if (s.engine_) s.owned_.reset();  // back to the pool
        }
    } done{*this};
    if (sp_) {
        if (!sp_->active()) {
            // The caller ended the transaction this session's savepoint was in.
            if (commit)
                throw session_error("retort: commit(): the transaction this session was working in (a SAVEPOINT of the "
                                    "caller's transaction) has already ended; the session's changes were not kept");
        } else if (commit) {
            sp_->commit();
        } else {
            sp_->rollback();
        }
    } else if (tx_) {
        if (commit) tx_->commit();
        else tx_->rollback();
    }
}

void session::close() {
    orm::detail::use_guard guard{*this};
    if (in_transaction()) {
        try {
            end_transaction(false);
        } catch (...) {
        }
    }
    for (auto* s : by_rank_) s->release_all();
}

}  // namespace retort
