// retort/orm/store.hpp — one model's objects inside a session: stable storage, the
// identity map, snapshots, and the statements of its flush.
//
// Every object the session hands out lives in its own heap node (entry<T>) that never
// moves, so a T& stays valid while the session is open, whatever state the object goes
// through (a detached object's memory is kept until close() or the session's end).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "retort/detail/algorithm.hpp"
#include "retort/engine/execute.hpp"
#include "retort/orm/errors.hpp"
#include "retort/orm/model.hpp"
#include "retort/orm/relations.hpp"
#include "retort/stmt/delete.hpp"
#include "retort/stmt/select.hpp"

namespace retort {

/// Where an object stands in a session (SQLAlchemy's object states).
enum class object_state : unsigned char {
    transient,   ///< not in this session (never added, or not a session object at all)
    pending,     ///< added; INSERTed at the next flush
    persistent,  ///< has a row; changes are UPDATEd at the next flush
    deleted,     ///< removed; DELETEd at the next flush (or flushed, until commit)
    detached,    ///< was in this session; no longer tracked (expunge(), rollback of an add)
};

const char* to_string(object_state s) noexcept;

class session;

namespace orm::detail {

/// What the session knows about one tracked object's row, whatever its model. The
/// session's containers (the entry lists, the identity map, the loaders' lists) hold
/// entry_base*, so they are instantiated once for every model, not once per model.
struct entry_base {
    object_state state = object_state::pending;
    bool expired = false;         // reload on the next get/query through the session
    bool inserted_in_tx = false;  // INSERTed by a flush of the open transaction
    bool deleted_in_tx = false;   // DELETEd by a flush of the open transaction
    std::size_t index = 0;        // position in store::entries_ (live entries)
};

/// One tracked object, with what the session knows about its row.
template <class T>
struct entry : entry_base {
    T object;
    T snapshot{};                   // the row as last loaded or flushed (persistent objects)
    std::unique_ptr<T> committed;   // the row at the start of this transaction, kept once a
                                    // flush changed it (restored by rollback)
    relation_slots<T> rel{};        // loaded relationships (orm/relations.hpp)

    explicit entry(T&& o) : object(std::move(o)) {}
    explicit entry(const T& o) : object(o) {}
    /// A row just read: persistent, its snapshot copy-constructed (not assigned over a
    /// default-constructed T, which costs a second pass over every string).
    struct loaded_t {};
    entry(T&& row, loaded_t) : entry_base{object_state::persistent}, object(std::move(row)), snapshot(object) {}
    entry(const T& row, loaded_t) : entry_base{object_state::persistent}, object(row), snapshot(row) {}
};

/// The entry<T> behind an entry_base* of a store<T> (or of a list of T's entries).
template <class T>
entry<T>* entry_cast(entry_base* e) noexcept {
    return static_cast<entry<T>*>(e);
}
template <class T>
const entry<T>* entry_cast(const entry_base* e) noexcept {
    return static_cast<const entry<T>*>(e);
}

/// Entries are never freed one by one (a detached object keeps its memory until the
/// session dies), so they are carved out of blocks: one allocation per 32 objects. The
/// arena knows an entry's size and how to destroy one, not its type (src/orm_session.cpp).
class entry_arena {
public:
    entry_arena(std::size_t size, std::size_t align, void (*destroy)(void*) noexcept) noexcept
        : size_(size), align_(align), destroy_(destroy) {}
    entry_arena(const entry_arena&) = delete;
    entry_arena& operator=(const entry_arena&) = delete;
    ~entry_arena();
    /// The start of the constructed entry whose bytes hold `p`, or null when `p` is not inside
    /// this arena (O(log blocks); how the session finds an object's entry by its address).
    const void* slot_of(const void* p) const noexcept;
    /// Memory for one more entry (constructed there by the caller, who then calls commit()).
    void* next() {
        if (next_ == end_) [[unlikely]]
            grow();
        return next_;
    }
    void commit() noexcept { next_ += size_; }

private:
    static constexpr std::size_t block = 32;
    void grow();
    std::size_t size_;
    std::size_t align_;
    void (*destroy_)(void*) noexcept;
    std::vector<void*> blocks_;      // in allocation order: the last one is being filled
    std::vector<void*> by_address_;  // the same blocks, sorted by address
    unsigned char* next_ = nullptr;  // in the last block
    unsigned char* end_ = nullptr;
};

template <class E>
void destroy_entry(void* p) noexcept {
    std::destroy_at(static_cast<E*>(p));
}

/// Takes `e` out of `entries` (the last entry takes its place); e.index becomes -1.
void unlink_entry(entry_list& entries, entry_base& e) noexcept;

/// What the session does with a model without knowing its type, and what a model's store
/// keeps that does not depend on the model (one copy of its code for every model).
class store_base {
public:
    store_base(int rank, std::size_t entry_size, std::size_t entry_align, void (*destroy)(void*) noexcept) noexcept
        : arena_(entry_size, entry_align, destroy), rank_(rank) {}
    store_base(const store_base&) = delete;
    store_base& operator=(const store_base&) = delete;
    virtual ~store_base();  // src/orm_session.cpp
    int rank() const noexcept { return rank_; }
    std::size_t tracked() const noexcept { return entries_.size(); }
    /// The live entries (each an entry<T> of the store's model: entry_cast<T>).
    const entry_list& entries() const noexcept { return entries_; }

    virtual bool has_work() const = 0;
    virtual void flush_inserts(session& s, connection& conn) = 0;
    virtual void flush_updates(session& s, connection& conn) = 0;
    virtual void flush_associations(connection& conn) = 0;
    virtual void flush_deletes(connection& conn) = 0;
    virtual void after_commit(bool expire) = 0;
    virtual void after_rollback() = 0;
    virtual void expire_all() noexcept = 0;
    virtual void release_all() noexcept = 0;  // close(): detach everything (memory kept)

protected:
    void push(entry_base& e) {
        e.index = entries_.size();
        entries_.push_back(&e);
    }
    void unlink(entry_base& e) noexcept { unlink_entry(entries_, e); }

    entry_arena arena_;    // owns every entry (declared first: destroyed last)
    entry_list entries_;   // pending, persistent, deleted
    entry_list detached_;  // memory kept until the session dies
    std::string update_key_;
    std::size_t pending_ = 0;
    std::size_t deleted_ = 0;  // marked, not yet flushed

private:
    int rank_;
};

/// `c<M1> == std::get<0>(key) && c<M2> == std::get<1>(key) ...` (a function, not a lambda:
/// clang 19 rejects the pack of member pointers expanded inside a generic lambda).
template <auto... Ms, class K, std::size_t... I>
auto composite_pk_condition(const K& key, std::index_sequence<I...>) {
    return ((c<Ms> == std::get<I>(key)) && ...);
}

/// `c<M1> == k1 && c<M2> == k2 ...` for the primary key of T.
template <class T, auto... Ms, class K>
auto pk_condition(primary_key_t<Ms...>, const K& key) {
    if constexpr (sizeof...(Ms) == 1)
        return ((c<Ms> == key) && ...);
    else
        return composite_pk_condition<Ms...>(key, std::make_index_sequence<sizeof...(Ms)>{});
}

template <class T>
auto where_key(const key_t<T>& key) {
    return pk_condition<T>(pk_option<T>{}, key);
}

/// The session's UPDATE for one set of changed columns: `UPDATE t SET <changed> = ?, ...
/// WHERE <key> = ? [AND <version> = ?]`, rendered once per (model, column set) and
/// connection and prepared once (engine/shape_cache.hpp). `mask` has a bit per column;
/// `version` is the version column's index, or columns.size() when none. One function for
/// every model and dialect (src/orm_session.cpp).
std::string render_update(std::string_view table, std::span<const retort::detail::column_info> columns,
                          const std::uint64_t* mask, std::size_t version, dialect_id dialect);

/// The shape cache's slot for T's session UPDATEs.
template <class T>
struct update_key {};

template <class T>
std::string describe_key(const key_t<T>& key);

template <class T>
class store;
template <class T>
void relations_before_update(session& s, store<T>& st);  // orm/loading_impl.hpp

[[noreturn]] void throw_stale(std::string_view table, std::string_view action, const std::string& key, bool versioned);
[[noreturn]] void throw_key_changed(std::string_view table);

/// A loaded many-to-many collection of `e` differs from its association rows.
template <class T>
bool associations_changed(const entry<T>& e) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return (false || ... ||
                (relation_at<T, I>::kind == relation_kind::many_to_many && e.rel[I].loaded &&
                 e.rel[I].items != e.rel[I].original));
    }(std::make_index_sequence<relation_count<T>()>{});
}

template <class T>
class store final : public store_base {
public:
    using key = key_t<T>;

    store() : store_base(flush_rank<T>, sizeof(entry<T>), alignof(entry<T>), &destroy_entry<entry<T>>) {}
    ~store() override = default;

    entry<T>* find(const key& k) const {
        auto it = identity_.find(k);
        return it == identity_.end() ? nullptr : entry_cast<T>(it->second);
    }

    /// The entry holding `obj` (by address), or null when `obj` is not this session's.
    entry<T>* entry_of(const T& obj) const {
        if (auto* e = find(key_of(obj)); e && &e->object == &obj) [[likely]]
            return e;
        // A pending object, a persistent one whose key fields were changed, or none of ours.
        entry<T>* e = stored(obj);
        return e && e->state != object_state::detached ? e : nullptr;
    }

    bool is_detached(const T& obj) const {
        const entry<T>* e = stored(obj);
        return e && e->state == object_state::detached;
    }

    entry<T>& add_pending(T&& obj) {
        auto& e = make(std::move(obj));
        push(e);
        e.state = object_state::pending;
        ++pending_;
        return e;
    }

    /// A row read from the database: the identity map's object for its key (kept as it is,
    /// unless expired or `overwrite`), or a new persistent object.
    template <class Row>  // T&& (moved from) or const T& (copied only when it is new or overwrites)
    entry<T>& absorb(Row&& row, bool overwrite) {
        // One lookup: the slot for the key is made here and filled below.
        auto [it, fresh] = identity_.try_emplace(key_of(row), nullptr);
        if (!fresh) {
            entry<T>* e = entry_cast<T>(it->second);
            if (overwrite || e->expired) {
                e->snapshot = row;
                e->object = std::forward<Row>(row);
                e->expired = false;
            }
            return *e;
        }
        try {
            auto& e = make(std::forward<Row>(row), typename entry<T>::loaded_t{});
            push(e);
            it->second = &e;
            return e;
        } catch (...) {
            identity_.erase(it);
            throw;
        }
    }

    void mark_deleted(entry<T>& e) {
        if (e.state == object_state::pending) {
            detach(e);
            return;
        }
        if (e.state == object_state::persistent) {
            e.state = object_state::deleted;
            ++deleted_;
        }
    }

    void detach(entry<T>& e) {
        if (e.state == object_state::pending) --pending_;
        if (e.state == object_state::deleted && !e.deleted_in_tx) --deleted_;
        if (e.state == object_state::persistent || (e.state == object_state::deleted && !e.deleted_in_tx))
            identity_.erase(key_of(e.snapshot));
        e.state = object_state::detached;
        e.rel = {};
        unlink(e);
        detached_.push_back(&e);
    }

    /// Reloads `e` from its row; false when the row is gone.
    bool reload(connection& conn, entry<T>& e) {
        auto row = conn.execute(select<T>().where(where_key<T>(key_of(e.snapshot)))).first();
        if (!row) return false;
        e.snapshot = *row;
        e.object = std::move(*row);
        e.expired = false;
        return true;
    }

    bool has_work() const override {
        if (pending_ || deleted_) return true;
        for (entry_base* p : entries_) {
            const entry<T>& e = *entry_cast<T>(p);
            if (e.state == object_state::persistent &&
                (any<T>(changed_fields(e.object, e.snapshot)) || associations_changed(e)))
                return true;
        }
        return false;
    }

    void flush_inserts(session& s, connection& conn) override;
    void flush_associations(connection& conn) override;

    void flush_updates(session& s, connection& conn) override {
        relations_before_update<T>(s, *this);
        update_all(conn);
    }

    void flush_deletes(connection& conn) override {
        if (!deleted_) return;
        for (std::size_t i = 0; i < entries_.size();) {
            entry<T>& e = *entry_cast<T>(entries_[i]);
            if (e.state != object_state::deleted || e.deleted_in_tx) {
                ++i;
                continue;
            }
            const key k = key_of(e.snapshot);
            std::int64_t n;
            if constexpr (version_of<T>::present) {
                constexpr auto V = version_of<T>::member;
                n = conn.execute(delete_from<T>().where(where_key<T>(k) && c<V> == e.snapshot.*V));
            } else {
                n = conn.execute(delete_from<T>().where(where_key<T>(k)));
            }
            if (n != 1) throw_stale(meta<T>.name, "DELETE", describe_key<T>(k), version_of<T>::present);
            if (!e.committed) e.committed = std::make_unique<T>(e.snapshot);
            e.deleted_in_tx = true;
            --deleted_;
            identity_.erase(k);
            ++i;
        }
    }

    void after_commit(bool expire) override {
        for (std::size_t i = 0; i < entries_.size();) {
            entry<T>& e = *entry_cast<T>(entries_[i]);
            if (e.state == object_state::deleted && e.deleted_in_tx) {
                e.deleted_in_tx = false;
                e.committed.reset();
                e.state = object_state::detached;
                unlink(e);  // the entry at i is now another one
                detached_.push_back(&e);
                continue;
            }
            e.inserted_in_tx = false;
            e.committed.reset();
            if (expire && e.state == object_state::persistent) {
                e.expired = true;
                e.rel = {};  // collections reload too
            }
            ++i;
        }
    }

    void after_rollback() override {
        for (std::size_t i = 0; i < entries_.size();) {
            entry<T>& e = *entry_cast<T>(entries_[i]);
            if (e.state == object_state::pending || e.inserted_in_tx) {
                // Added since the last commit: the database never kept it.
                if (e.inserted_in_tx) identity_.erase(key_of(e.snapshot));
                if (e.state == object_state::pending) --pending_;
                if constexpr (meta<T>.has_generated()) {
                    auto& field = reflect::get<meta<T>.generated_index>(e.object);
                    field = {};
                }
                e.inserted_in_tx = false;
                e.state = object_state::detached;
                e.rel = {};
                unlink(e);
                detached_.push_back(&e);
                continue;
            }
            if (e.committed) {
                e.snapshot = std::move(*e.committed);
                e.committed.reset();
            }
            e.object = e.snapshot;  // changes not committed are discarded, in memory too
            if (e.state == object_state::deleted) {
                if (e.deleted_in_tx) identity_.emplace(key_of(e.snapshot), &e);
                else --deleted_;
                e.deleted_in_tx = false;
                e.state = object_state::persistent;
            }
            e.expired = false;
            e.rel = {};
            ++i;
        }
    }

    void expire_all() noexcept override {
        for (entry_base* p : entries_)
            if (p->state == object_state::persistent) {
                entry<T>& e = *entry_cast<T>(p);
                e.object = e.snapshot;  // unflushed changes are discarded now
                e.expired = true;
            }
    }

    void release_all() noexcept override {
        // close(): every object becomes detached; its memory stays until the session dies, so
        // a reference the program still holds reads its last values and is refused by the
        // session with a sentence instead of undefined behaviour.
        identity_.clear();
        for (entry_base* p : entries_) {
            entry<T>& e = *entry_cast<T>(p);
            e.state = object_state::detached;
            e.rel = {};
            e.committed.reset();
            e.index = static_cast<std::size_t>(-1);
            detached_.push_back(p);
        }
        entries_.clear();
        pending_ = deleted_ = 0;
    }


    /// Called when a flush INSERTed `e`: the key is known now.
    void inserted(entry<T>& e) {
        --pending_;
        e.state = object_state::persistent;
        e.inserted_in_tx = true;
        e.snapshot = e.object;
        identity_.emplace(key_of(e.object), &e);
    }

private:
    /// The entry whose object is `obj`, in whatever state, or null.
    entry<T>* stored(const T& obj) const {
        auto* e = static_cast<entry<T>*>(const_cast<void*>(arena_.slot_of(&obj)));
        return e && &e->object == &obj ? e : nullptr;
    }

    template <class... A>
    entry<T>& make(A&&... args) {
        auto* e = ::new (arena_.next()) entry<T>(std::forward<A>(args)...);
        arena_.commit();
        return *e;
    }



    void update_all(connection& conn) {
        using V = version_of<T>;
        for (entry_base* p : entries_) {
            entry<T>& e = *entry_cast<T>(p);
            if (e.state != object_state::persistent) continue;
            const change_mask<T> mask = changed_fields(e.object, e.snapshot);
            if (!any<T>(mask)) continue;
            const key k = key_of(e.snapshot);
            if (!same_value(key_of(e.object), k)) throw_key_changed(meta<T>.name);
            if constexpr (V::present) {
                if ((mask[V::index / 64] >> (V::index % 64)) & 1u)
                    throw session_error("retort: the version column '" + std::string(meta<T>.name) + "." +
                                        std::string(meta<T>.columns[V::index].name) +
                                        "' is set by the session at each UPDATE; do not assign it");
            }
            // The shape cache's key: this model's update slot, then the changed-column mask.
            const std::size_t slot = retort::detail::statement_slot<update_key<T>>();
            std::string& shape = update_key_;  // reused: no allocation per object
            shape.assign(sizeof slot + sizeof mask, '\0');
            std::memcpy(shape.data(), &slot, sizeof slot);
            std::memcpy(shape.data() + sizeof slot, mask.data(), sizeof mask);
            driver::statement& st = conn.shapes().get(conn.raw(), shape, [&] {
                constexpr std::size_t version = V::present ? V::index : meta<T>.columns.size();
                return render_update(meta<T>.name, meta<T>.columns, mask.data(), version, conn.dialect());
            });
            int index = 0;
            auto next_version = [&] {
                if constexpr (V::present) return e.snapshot.*(V::member) + 1;
                else return 0;
            }();
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
                    if constexpr (V::present && J == V::index)
                        retort::detail::bind_value(st, index++, next_version);
                    else if ((mask[J / 64] >> (J % 64)) & 1u)
                        retort::detail::bind_value(st, index++, reflect::get<J>(e.object));
                };
                (one(std::integral_constant<std::size_t, I>{}), ...);
            }(std::make_index_sequence<reflect::field_count<T>>{});
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((meta<T>.columns[I].primary_key ? retort::detail::bind_value(st, index++, reflect::get<I>(e.snapshot))
                                                 : void()),
                 ...);
            }(std::make_index_sequence<reflect::field_count<T>>{});
            if constexpr (V::present) retort::detail::bind_value(st, index++, e.snapshot.*(V::member));
            const std::int64_t n = retort::detail::run_and_reset(st, [&] {
                while (st.step()) {
                }
                return st.affected_rows();
            });
            if (n != 1) throw_stale(meta<T>.name, "UPDATE", describe_key<T>(k), V::present);
            if (!e.committed) e.committed = std::make_unique<T>(e.snapshot);
            if constexpr (V::present) e.object.*(V::member) = next_version;
            e.snapshot = e.object;
        }
    }

    std::unordered_map<key, entry_base*, key_hash> identity_;
};

template <class V>
void describe_value(std::string& out, const V& v) {
    if constexpr (std::is_arithmetic_v<V>) {
        out += std::to_string(v);
    } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
        out += '\'';
        out += std::string_view(v);
        out += '\'';
    } else {
        out += "...";
    }
}

template <class T>
std::string describe_key(const key_t<T>& key) {
    std::string out;
    if constexpr (requires { std::tuple_size<key_t<T>>::value; }) {
        out += '(';
        std::apply(
            [&](const auto&... v) {
                bool first = true;
                ((out += first ? "" : ", ", first = false, describe_value(out, v)), ...);
            },
            key);
        out += ')';
    } else {
        describe_value(out, key);
    }
    return out;
}

}  // namespace orm::detail
}  // namespace retort
