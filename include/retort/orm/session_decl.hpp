// retort/orm/session_decl.hpp — the session class (its templates: orm/session_impl.hpp;
// include retort/orm/session.hpp or retort/orm.hpp).
//
// The unit of work: identity map, change tracking, flush.
//
//     retort::session s{engine};
//     User& ann = s.get_one<User>(1);        // one SELECT; a second get<User>(1) runs nothing
//     ann.age = 32;                          // found at flush by comparing with the snapshot
//     Post& p = s.add(Post{.user_id = ann.id, .title = "hello"});
//     s.commit();                            // UPDATE users SET age ..., INSERT INTO posts ...
//
// A session owns one connection and one transaction at a time, begun at the first statement
// and ended by commit() or rollback() (destroying a session with a transaction open rolls
// it back). Objects are owned by the session: a T& it hands out stays valid until the
// session is destroyed, whatever state the object moves through (close() and expunge()
// detach objects but keep their memory).
//
// After commit() objects keep their values (expire_on_commit = false, the default: nothing
// is reloaded behind your back) or are marked expired (true: the next get/query through the
// session reloads them). After rollback() every persistent object has its last committed
// values again — in memory too — objects added since the last commit are detached (their
// generated keys reset) and objects removed since are persistent again: no object claims a
// state the database does not have.
//
// One thread at a time: using a session from two threads at once raises session_error.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/engine/connection_use.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/execute.hpp"
#include "retort/orm/errors.hpp"
#include "retort/orm/model.hpp"
#include "retort/orm/relations.hpp"
#include "retort/orm/store.hpp"

namespace retort {

struct session_options {
    /// Flush pending changes before every query the session runs, so queries see them.
    bool autoflush = true;
    /// Mark every object expired after commit(): the next get/query reloads it.
    bool expire_on_commit = false;
};

/// A field's value in the database (as last loaded or flushed) and in memory.
template <class V>
struct field_history {
    V old_value;
    V new_value;
    bool changed = false;
};

/// Objects returned by a session query: iterate as T&. It holds the session's entries (one
/// container type for every model); the objects stay where the session keeps them.
template <class T>
class objects {
public:
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = T&;
        using pointer = T*;
        iterator() = default;
        explicit iterator(orm::detail::entry_base* const* p) : p_(p) {}
        T& operator*() const { return orm::detail::entry_cast<T>(*p_)->object; }
        T* operator->() const { return &**this; }
        T& operator[](difference_type n) const { return *(*this + n); }
        iterator& operator++() {
            ++p_;
            return *this;
        }
        iterator operator++(int) {
            auto old = *this;
            ++p_;
            return old;
        }
        iterator& operator--() {
            --p_;
            return *this;
        }
        iterator operator--(int) {
            auto old = *this;
            --p_;
            return old;
        }
        iterator& operator+=(difference_type n) {
            p_ += n;
            return *this;
        }
        iterator& operator-=(difference_type n) {
            p_ -= n;
            return *this;
        }
        friend iterator operator+(iterator i, difference_type n) { return i += n; }
        friend iterator operator+(difference_type n, iterator i) { return i += n; }
        friend iterator operator-(iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const iterator& a, const iterator& b) { return a.p_ - b.p_; }
        bool operator==(const iterator&) const = default;
        auto operator<=>(const iterator&) const = default;

    private:
        orm::detail::entry_base* const* p_ = nullptr;
    };

    objects() = default;
    explicit objects(orm::detail::entry_list entries) : items_(std::move(entries)) {}
    iterator begin() const { return iterator{items_.data()}; }
    iterator end() const { return iterator{items_.data() + items_.size()}; }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }
    T& operator[](std::size_t i) const { return orm::detail::entry_cast<T>(items_[i])->object; }
    T& front() const { return orm::detail::entry_cast<T>(items_.front())->object; }
    T& back() const { return orm::detail::entry_cast<T>(items_.back())->object; }

private:
    orm::detail::entry_list items_;
};

namespace orm::detail {
std::size_t next_model_slot() noexcept;
template <class T>
std::size_t model_slot() noexcept {
    static const std::size_t slot = next_model_slot();
    return slot;
}
template <class T, class Load>
struct query;
struct load_plan;
}  // namespace orm::detail

class session {
public:
    /// A session over connections of `e`: one is checked out at the first statement and
    /// returned at commit(), rollback() and close().
    explicit session(retort::engine& e, session_options options = {});
    /// A session on a connection the caller keeps owning. When that connection is already
    /// inside a transaction, the session works inside a SAVEPOINT of it: commit() releases
    /// the savepoint, rollback() rolls back to it; the caller's transaction decides the rest.
    explicit session(retort::connection& c, session_options options = {});
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session();

    // ---- identity map -------------------------------------------------------------

    /// The session's object for primary key `key...` (composite keys: every part, in the
    /// declaration's order): from the identity map without a statement, else one SELECT.
    /// Null when there is no such row (or it was removed in this session).
    template <orm::detail::Mapped T, class... K>
    T* get(K&&... key);
    /// As get(), but a missing row is a data_error naming the table and key.
    template <orm::detail::Mapped T, class... K>
    T& get_one(K&&... key);

    /// Adds a new object (pending: INSERTed at the next flush) and returns the session's copy.
    template <class T>
    T& add(T&& object);
    template <class T>
    T& add(const T& object) {
        return add(T(object));
    }

    /// Marks a persistent object for DELETE at the next flush (a pending one is simply
    /// forgotten). Relationships with cascade::delete_ take their loaded and unloaded
    /// related objects along.
    template <class T>
    void remove(T& object);
    /// Stops tracking the object: it keeps its values and its memory (until close()), and
    /// nothing about it is flushed.
    template <class T>
    void expunge(T& object);
    /// Copies the state of `object` (a detached or plain value) onto the session's object
    /// with the same key, loading it if needed; adds a copy when no row has that key. With a
    /// version_id column, a copy of an older version raises stale_data_error.
    template <orm::detail::Mapped T>
    T& merge(const T& object);
    /// Reloads the object's row now (its unflushed changes are discarded). stale_data_error
    /// when the row is gone.
    template <class T>
    void refresh(T& object);
    /// Discards the object's unflushed changes now and marks it expired: the next get/query
    /// that meets it reloads it (changes made after expire() are flushed first, like any other).
    template <class T>
    void expire(T& object);
    void expire_all() noexcept;

    template <class T>
    object_state state_of(const T& object) const;
    template <class T>
    bool contains(const T& object) const {
        auto st = state_of(object);
        return st == object_state::pending || st == object_state::persistent || st == object_state::deleted;
    }
    template <class T>
    bool is_expired(const T& object) const;
    /// True when a flush would UPDATE the object (some field differs from its snapshot).
    template <class T>
    bool is_modified(const T& object) const;
    /// The SQL names of the columns a flush would write for this object.
    template <class T>
    std::vector<std::string_view> changed_columns(const T& object) const;
    /// One field's database and in-memory value: `s.history<&User::age>(u)`.
    template <auto Member>
    auto history(const reflect::class_of<Member>& object) const
        -> field_history<std::remove_cvref_t<reflect::value_of<Member>>>;

    // ---- queries ------------------------------------------------------------------

    /// `s.query<User>().where(...).order_by(...).limit(n).all()`: Core's vocabulary, objects out.
    template <orm::detail::Mapped T>
    auto query();
    /// Runs a Core select whose rows are a mapped model (select<T>()...); returns the
    /// session's objects (rows already in the identity map keep their in-memory state).
    /// Also runs a Core UPDATE / DELETE after a flush, then expires the objects of its table
    /// so that the next get/query sees what it did.
    template <class Statement>
    auto execute(Statement&& statement);

    // ---- relationships ------------------------------------------------------------

    /// The related object(s) of relationship `Name` of `object`: a collection for
    /// has_many / many_to_many (loaded on first access, unless the strategy is raise), a
    /// pointer for belongs_to / has_one (null when there is none).
    template <fixed_string Name, class T>
    decltype(auto) related(T& object);
    /// Sets a belongs_to relationship: `object`'s foreign key takes `target`'s key (at the
    /// next flush when `target` is pending). nullptr clears a nullable foreign key.
    template <fixed_string Name, class T, class U>
    void link(T& object, U* target);

    // ---- unit of work -------------------------------------------------------------

    /// Sends every pending INSERT, UPDATE and DELETE in foreign-key order. A failure rolls
    /// the whole transaction back (see rollback()) and rethrows Core's typed error.
    void flush();
    void commit();
    void rollback();
    /// Rolls back what is open and detaches every object (their memory stays valid until the
    /// session is destroyed). The session can be used again afterwards.
    void close();

    /// The connection the session runs on (its transaction begun): Core statements run
    /// here see the session's flushed changes and commit with it.
    retort::connection& connection();
    bool in_transaction() const noexcept { return tx_.has_value() || sp_.has_value(); }
    const session_options& options() const noexcept { return options_; }
    /// Objects tracked now (pending, persistent, removed), all models.
    std::size_t size() const noexcept;

    // Internal, used by queries and relationship loading.
    template <orm::detail::Mapped T>
    orm::detail::store<T>& store_for();
    template <orm::detail::Mapped T>
    orm::detail::store<T>* find_store() const;
    template <class T>
    orm::detail::entry<T>& entry_for(const T& object, const char* operation) const;
    void autoflush();
    retort::connection& conn_for_query();
    std::atomic<retort::detail::thread_mark>& user() noexcept { return user_; }

private:
    /// Keeps the store of the model in `slot` (made by store_for<T>()), in flush order too.
    orm::detail::store_base& add_store(std::size_t slot, std::unique_ptr<orm::detail::store_base> store);
    void begin_if_needed();
    void end_transaction(bool commit);
    void rollback_state() noexcept;
    [[noreturn]] static void not_in_session(const char* operation, std::string_view table, object_state st);

    retort::engine* engine_ = nullptr;
    retort::connection* borrowed_ = nullptr;
    std::optional<retort::connection> owned_;
    std::optional<retort::transaction> tx_;
    std::optional<retort::savepoint> sp_;
    std::vector<std::unique_ptr<orm::detail::store_base>> stores_;  // by model slot
    std::vector<orm::detail::store_base*> by_rank_;                  // flush order
    session_options options_;
    std::atomic<retort::detail::thread_mark> user_{};
    bool flushing_ = false;
};

namespace orm::detail {

/// Marks a session as used by this thread for the duration of one public call; a second
/// thread entering meanwhile gets session_error instead of corrupting it.
class use_guard {
public:
    explicit use_guard(session& s) : s_(s) {
        const auto me = retort::detail::this_thread();
        retort::detail::thread_mark expected{};
        if (s_.user().compare_exchange_strong(expected, me, std::memory_order_acquire)) {
            outermost_ = true;
        } else if (expected != me) {
            throw_concurrent();
        }
    }
    ~use_guard() {
        if (outermost_) s_.user().store(retort::detail::thread_mark{}, std::memory_order_release);
    }
    use_guard(const use_guard&) = delete;
    use_guard& operator=(const use_guard&) = delete;

private:
    [[noreturn]] static void throw_concurrent();
    session& s_;
    bool outermost_ = false;
};

}  // namespace orm::detail
}  // namespace retort

