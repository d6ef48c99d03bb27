// retort/orm/store.hpp — one model's objects inside a session: stable storage, the
// identity map, snapshots, and the statements of its flush.
//
// Every object the session hands out lives in its own heap node (entry<T>) that never
// moves, so a T& stays valid while the session is open, whatever state the object goes
// through (a detached object's memory is kept until close() or the session's end).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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

/// One tracked object, with what the session knows about its row.
template <class T>
struct entry {
    T object;
    T snapshot{};                   // the row as last loaded or flushed (persistent objects)
    std::unique_ptr<T> committed;   // the row at the start of this transaction, kept once a
                                    // flush changed it (restored by rollback)
    object_state state = object_state::pending;
    bool expired = false;           // reload on the next get/query through the session
    bool inserted_in_tx = false;    // INSERTed by a flush of the open transaction
    bool deleted_in_tx = false;     // DELETEd by a flush of the open transaction
    std::size_t index = 0;          // position in store::entries_ (live entries)
    relation_slots<T> rel{};        // loaded relationships (orm/relations.hpp)

    explicit entry(T&& o) : object(std::move(o)) {}
    explicit entry(const T& o) : object(o) {}
    /// A row just read: persistent, its snapshot copy-constructed (not assigned over a
    /// default-constructed T, which costs a second pass over every string).
    struct loaded_t {};
    entry(T&& row, loaded_t) : object(std::move(row)), snapshot(object), state(object_state::persistent) {}
    entry(const T& row, loaded_t) : object(row), snapshot(row), state(object_state::persistent) {}
};

/// Entries are never freed one by one (a detached object keeps its memory until the
/// session dies), so they are carved out of blocks: one allocation per 32 objects.
struct no_delete {
    template <class E>
    void operator()(E*) const noexcept {}
};

template <class E>
class entry_arena {
public:
    entry_arena() = default;
    entry_arena(const entry_arena&) = delete;
    entry_arena& operator=(const entry_arena&) = delete;
    ~entry_arena() {
        for (std::size_t b = 0; b < blocks_.size(); ++b) {
            const std::size_t n = b + 1 == blocks_.size() ? used_ : block;
            for (std::size_t i = 0; i < n; ++i) std::destroy_at(std::launder(reinterpret_cast<E*>(blocks_[b][i].bytes)));
        }
    }
    template <class... A>
    std::unique_ptr<E, no_delete> make(A&&... args) {
        if (used_ == block) {
            blocks_.push_back(std::make_unique_for_overwrite<slot[]>(block));
            used_ = 0;
        }
        E* p = std::construct_at(reinterpret_cast<E*>(blocks_.back()[used_].bytes), std::forward<A>(args)...);
        ++used_;
        return std::unique_ptr<E, no_delete>(p);
    }

private:
    static constexpr std::size_t block = 32;
    struct slot {
        alignas(E) unsigned char bytes[sizeof(E)];
    };
    std::vector<std::unique_ptr<slot[]>> blocks_;
    std::size_t used_ = block;
};

template <class T>
using entry_ptr = std::unique_ptr<entry<T>, no_delete>;

/// What the session does with a model without knowing its type.
class store_base {
public:
    explicit store_base(int rank) : rank_(rank) {}
    virtual ~store_base() = default;
    int rank() const noexcept { return rank_; }

    virtual bool has_work() const = 0;
    virtual void flush_inserts(session& s, connection& conn) = 0;
    virtual void flush_updates(session& s, connection& conn) = 0;
    virtual void flush_associations(connection& conn) = 0;
    virtual void flush_deletes(connection& conn) = 0;
    virtual void after_commit(bool expire) = 0;
    virtual void after_rollback() = 0;
    virtual void expire_all() noexcept = 0;
    virtual void release_all() noexcept = 0;  // close(): detach everything (memory kept)
    virtual std::size_t tracked() const noexcept = 0;

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

/// The session's UPDATE for one set of changed columns: rendered once per (model, dialect,
/// column set) and prepared once per connection (engine/shape_cache.hpp).
template <class T, class D>
struct update_key {};

template <class T, class D>
std::string render_update(const change_mask<T>& mask) {
    constexpr auto& m = meta<T>;
    using V = version_of<T>;
    auto write = [&](retort::detail::sql_writer& w) {
        w.put("UPDATE ");
        w.quoted(m.name);
        w.put(" SET ");
        bool first = true;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            const bool changed = (mask[i / 64] >> (i % 64)) & 1u;
            bool version = false;
            if constexpr (V::present) version = i == V::index;
            if (!changed && !version) continue;
            if (!first) w.put(", ");
            first = false;
            w.quoted(m.columns[i].name);
            w.put(" = ");
            D::placeholder(w);
        }
        w.put(" WHERE ");
        first = true;
        for (std::size_t i = 0; i < m.columns.size(); ++i) {
            if (!m.columns[i].primary_key) continue;
            if (!first) w.put(" AND ");
            first = false;
            w.quoted(m.columns[i].name);
            w.put(" = ");
            D::placeholder(w);
        }
        if constexpr (V::present) {
            w.put(" AND ");
            w.quoted(m.columns[V::index].name);
            w.put(" = ");
            D::placeholder(w);
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

    store() : store_base(flush_rank<T>) {}
    ~store() override = default;

    entry<T>* find(const key& k) const {
        auto it = identity_.find(k);
        return it == identity_.end() ? nullptr : it->second;
    }

    /// The entry holding `obj` (by address), or null when `obj` is not this session's.
    entry<T>* entry_of(const T& obj) const {
        if (auto* e = find(key_of(obj)); e && &e->object == &obj) [[likely]]
            return e;
        if (auto it = pending_by_address_.find(&obj); it != pending_by_address_.end()) return it->second;
        // A persistent object whose key fields were changed, or no object of ours.
        for (const auto& p : entries_)
            if (&p->object == &obj) return p.get();
        return nullptr;
    }

    bool is_detached(const T& obj) const {
        for (const auto& e : detached_)
            if (&e->object == &obj) return true;
        return false;
    }

    entry<T>& add_pending(T&& obj) {
        auto& e = push(arena_.make(std::move(obj)));
        e.state = object_state::pending;
        ++pending_;
        pending_by_address_.emplace(&e.object, &e);
        return e;
    }

    /// A row read from the database: the identity map's object for its key (kept as it is,
    /// unless expired or `overwrite`), or a new persistent object.
    template <class Row>  // T&& (moved from) or const T& (copied only when it is new or overwrites)
    entry<T>& absorb(Row&& row, bool overwrite) {
        // One lookup: the slot for the key is made here and filled below.
        auto [it, fresh] = identity_.try_emplace(key_of(row), nullptr);
        if (!fresh) {
            entry<T>* e = it->second;
            if (overwrite || e->expired) {
                e->snapshot = row;
                e->object = std::forward<Row>(row);
                e->expired = false;
            }
            return *e;
        }
        try {
            auto& e = push(arena_.make(std::forward<Row>(row), typename entry<T>::loaded_t{}));
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
        if (e.state == object_state::pending) {
            --pending_;
            pending_by_address_.erase(&e.object);
        }
        if (e.state == object_state::deleted && !e.deleted_in_tx) --deleted_;
        if (e.state == object_state::persistent || (e.state == object_state::deleted && !e.deleted_in_tx))
            identity_.erase(key_of(e.snapshot));
        e.state = object_state::detached;
        e.rel = {};
        auto owned = unlink(e);
        detached_.push_back(std::move(owned));
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
        for (const auto& e : entries_)
            if (e->state == object_state::persistent &&
                (any<T>(changed_fields(e->object, e->snapshot)) || associations_changed(*e)))
                return true;
        return false;
    }

    void flush_inserts(session& s, connection& conn) override;
    void flush_associations(connection& conn) override;

    void flush_updates(session& s, connection& conn) override {
        relations_before_update<T>(s, *this);
        if (conn.dialect() == dialect_id::sqlite)
            update_all<sqlite>(conn);
        else
            update_all<postgresql>(conn);
    }

    void flush_deletes(connection& conn) override {
        if (!deleted_) return;
        for (std::size_t i = 0; i < entries_.size();) {
            entry<T>& e = *entries_[i];
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
            entry<T>& e = *entries_[i];
            if (e.state == object_state::deleted && e.deleted_in_tx) {
                e.deleted_in_tx = false;
                e.committed.reset();
                e.state = object_state::detached;
                detached_.push_back(unlink(e));  // the entry at i is now another one
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
            entry<T>& e = *entries_[i];
            if (e.state == object_state::pending || e.inserted_in_tx) {
                // Added since the last commit: the database never kept it.
                if (e.inserted_in_tx) identity_.erase(key_of(e.snapshot));
                if (e.state == object_state::pending) {
                    --pending_;
                    pending_by_address_.erase(&e.object);
                }
                if constexpr (meta<T>.has_generated()) {
                    auto& field = reflect::get<meta<T>.generated_index>(e.object);
                    field = {};
                }
                e.inserted_in_tx = false;
                e.state = object_state::detached;
                e.rel = {};
                detached_.push_back(unlink(e));
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
        for (auto& e : entries_)
            if (e->state == object_state::persistent) {
                e->object = e->snapshot;  // unflushed changes are discarded now
                e->expired = true;
            }
    }

    void release_all() noexcept override {
        // close(): every object becomes detached; its memory stays until the session dies, so
        // a reference the program still holds reads its last values and is refused by the
        // session with a sentence instead of undefined behaviour.
        identity_.clear();
        pending_by_address_.clear();
        for (auto& e : entries_) {
            e->state = object_state::detached;
            e->rel = {};
            e->committed.reset();
            e->index = static_cast<std::size_t>(-1);
            detached_.push_back(std::move(e));
        }
        entries_.clear();
        pending_ = deleted_ = 0;
    }

    std::size_t tracked() const noexcept override { return entries_.size(); }

    const std::vector<entry_ptr<T>>& entries() const noexcept { return entries_; }

    /// Called when a flush INSERTed `e`: the key is known now.
    void inserted(entry<T>& e) {
        --pending_;
        pending_by_address_.erase(&e.object);
        e.state = object_state::persistent;
        e.inserted_in_tx = true;
        e.snapshot = e.object;
        identity_.emplace(key_of(e.object), &e);
    }

private:
    entry<T>& push(entry_ptr<T> p) {
        p->index = entries_.size();
        entries_.push_back(std::move(p));
        return *entries_.back();
    }

    entry_ptr<T> unlink(entry<T>& e) {
        const std::size_t i = e.index;
        entry_ptr<T> owned = std::move(entries_[i]);
        if (i + 1 != entries_.size()) {
            entries_[i] = std::move(entries_.back());
            entries_[i]->index = i;
        }
        entries_.pop_back();
        owned->index = static_cast<std::size_t>(-1);
        return owned;
    }

    template <class D>
    void update_all(connection& conn) {
        using V = version_of<T>;
        for (auto& p : entries_) {
            entry<T>& e = *p;
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
            const std::size_t slot = retort::detail::statement_slot<update_key<T, D>>();
            std::string& shape = update_key_;  // reused: no allocation per object
            shape.assign(sizeof slot + sizeof mask, '\0');
            std::memcpy(shape.data(), &slot, sizeof slot);
            std::memcpy(shape.data() + sizeof slot, mask.data(), sizeof mask);
            driver::statement& st =
                conn.shapes().get(conn.raw(), shape, [&] { return render_update<T, D>(mask); });
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

    entry_arena<entry<T>> arena_;         // owns every entry (declared first: destroyed last)
    std::vector<entry_ptr<T>> entries_;   // pending, persistent, deleted
    std::vector<entry_ptr<T>> detached_;  // memory kept until the session dies
    std::string update_key_;
    std::unordered_map<key, entry<T>*, key_hash> identity_;
    std::unordered_map<const T*, entry<T>*> pending_by_address_;
    std::size_t pending_ = 0;
    std::size_t deleted_ = 0;  // marked, not yet flushed
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
