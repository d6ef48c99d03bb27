// retort/orm/loading_impl.hpp — relationship access, links, cascades and the flush steps
// that keep foreign keys and association rows in step.
#pragma once

#include "retort/detail/std_function.hpp"
#include "retort/orm/joined.hpp"
#include "retort/orm/loading.hpp"

namespace retort::orm::detail {

template <class T, std::size_t I>
consteval loading declared_strategy() {
    return relation_value<T, I>().strategy;
}

template <class T, std::size_t I>
loading effective_strategy(const relation_slot& slot) {
    return slot.strategy == 0xff ? declared_strategy<T, I>() : static_cast<loading>(slot.strategy);
}

/// The relationship of Other that is the other direction of relationship I of T (the same
/// foreign key), or relation_count<Other>() when none is declared.
template <class T, std::size_t I>
consteval std::size_t reverse_index() {
    using R = relation_at<T, I>;
    using Other = typename related_model<T, R>::type;
    return []<std::size_t... J>(std::index_sequence<J...>) {
        std::size_t found = sizeof...(J);
        auto one = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
            using Q = relation_at<Other, K>;
            bool match = false;
            if constexpr (R::kind == relation_kind::belongs_to)
                match = (Q::kind == relation_kind::has_many || Q::kind == relation_kind::has_one) &&
                        same_member<Q::fk, R::fk>();
            else if constexpr (R::kind == relation_kind::many_to_many)
                match = Q::kind == relation_kind::many_to_many && same_member<Q::fk, R::fk2>() &&
                        same_member<Q::fk2, R::fk>();
            else
                match = Q::kind == relation_kind::belongs_to && same_member<Q::fk, R::fk>();
            if (match && found == sizeof...(J)) found = K;
        };
        (void)one;
        (one(std::integral_constant<std::size_t, J>{}), ...);
        return found;
    }(std::make_index_sequence<relation_count<Other>()>{});
}

inline void erase_item(relation_slot& slot, const entry_base* e) {
    auto it = std::find(slot.items.begin(), slot.items.end(), e);
    if (it != slot.items.end()) slot.items.erase(it);
}

[[noreturn]] void throw_raise(std::string_view table, std::string_view relation);

template <class T, std::size_t I>
std::string relation_name() {
    return std::string(meta<T>.name) + "." + std::string(relation_at<T, I>::name);
}

template <class T, std::size_t I>
decltype(auto) access_relation(session& s, entry<T>& e) {
    using R = relation_at<T, I>;
    using Other = typename related_model<T, R>::type;
    auto& slot = e.rel[I];
    if constexpr (R::kind == relation_kind::belongs_to) {
        if (!slot.items.empty()) return &entry_cast<Other>(slot.items.front())->object;
        auto k = fk_value<R::fk>(e.object);
        if (!k) return static_cast<Other*>(nullptr);
        if (auto* o = s.store_for<Other>().find(*k))
            return o->state == object_state::deleted ? static_cast<Other*>(nullptr) : &o->object;
        if (effective_strategy<T, I>(slot) == loading::raise) throw_raise(meta<T>.name, R::name);
        return s.get<Other>(*k);
    } else {
        if (!slot.loaded) {
            if (e.state == object_state::pending) {
                slot.loaded = true;  // a new object has no related rows yet
            } else {
                if (effective_strategy<T, I>(slot) == loading::raise) throw_raise(meta<T>.name, R::name);
                entry_base* one = &e;
                load_relation<T, I>(s, std::span<entry_base* const>(&one, 1));
            }
        }
        if constexpr (R::kind == relation_kind::has_one)
            return slot.items.empty() ? static_cast<Other*>(nullptr)
                                      : &entry_cast<Other>(slot.items.front())->object;
        else
            return collection<T, I>(s, e);
    }
}

/// Sets belongs_to relationship I of `e` to `target` (null: none), keeping the reverse
/// collection in step.
template <class T, std::size_t I, class U>
void set_parent(session& s, entry<T>& e, entry<U>* target) {
    using R = relation_at<T, I>;
    constexpr std::size_t RI = reverse_index<T, I>();
    auto& slot = e.rel[I];
    if constexpr (RI < relation_count<U>()) {
        entry<U>* old = slot.items.empty() ? nullptr : entry_cast<U>(slot.items.front());
        if (!old)
            if (auto k = fk_value<R::fk>(e.object)) old = s.store_for<U>().find(*k);
        if (old && old != target) erase_item(old->rel[RI], &e);
    }
    if (!target) {
        clear_fk<R::fk>(e.object);
        slot.items.clear();
        return;
    }
    if (target->state == object_state::persistent) {
        set_fk<R::fk>(e.object, key_of(target->object));
        slot.items.clear();
    } else {
        slot.items.assign(1, target);  // the key is written when the flush has inserted target
    }
    if constexpr (RI < relation_count<U>())
        if (target->rel[RI].loaded || target->state == object_state::pending) append_unique(target->rel[RI], &e);
}

template <class T, std::size_t I>
void collection<T, I>::push_back(Child& child) {
    auto& ce = s_->entry_for(child, "push_back()");
    auto& sl = slot();
    constexpr std::size_t RI = reverse_index<T, I>();
    if constexpr (R::kind == relation_kind::many_to_many) {
        append_unique(sl, &ce);
        if constexpr (RI < relation_count<Child>()) {
            auto& back = ce.rel[RI];
            if (back.loaded) {  // the other side shows it too, without writing the row twice
                append_unique(back, parent_);
                if (std::find(back.original.begin(), back.original.end(), static_cast<entry_base*>(parent_)) ==
                    back.original.end())
                    back.original.push_back(parent_);
            }
        }
    } else {
        // Leaving its old parent's loaded collection, if any.
        entry<T>* old = nullptr;
        if constexpr (RI < relation_count<Child>())
            if (!ce.rel[RI].items.empty()) old = entry_cast<T>(ce.rel[RI].items.front());
        if (!old)
            if (auto k = fk_value<R::fk>(ce.object)) old = s_->template store_for<T>().find(*k);
        if (old && old != parent_) erase_item(old->rel[I], &ce);
        append_unique(sl, &ce);
        if (parent_->state == object_state::persistent) set_fk<R::fk>(ce.object, key_of(parent_->object));
        if constexpr (RI < relation_count<Child>()) {
            if (parent_->state == object_state::persistent) ce.rel[RI].items.clear();
            else ce.rel[RI].items.assign(1, parent_);
        }
    }
}

template <class T, std::size_t I>
void collection<T, I>::erase(Child& child) {
    auto& ce = s_->entry_for(child, "erase()");
    auto& sl = slot();
    constexpr std::size_t RI = reverse_index<T, I>();
    if (std::find(sl.items.begin(), sl.items.end(), static_cast<entry_base*>(&ce)) == sl.items.end())
        throw session_error("retort: erase(): the object is not in " + relation_name<T, I>());
    if constexpr (R::kind == relation_kind::many_to_many) {
        erase_item(sl, &ce);
        if constexpr (RI < relation_count<Child>()) {
            auto& back = ce.rel[RI];
            if (back.loaded) {
                erase_item(back, parent_);
                auto it = std::find(back.original.begin(), back.original.end(), static_cast<entry_base*>(parent_));
                if (it != back.original.end()) back.original.erase(it);
            }
        }
    } else {
        if (has(relation_value<T, I>().cascades, cascade::delete_orphan)) {
            erase_item(sl, &ce);
            s_->remove(child);
        } else {
            clear_fk<R::fk>(ce.object);  // throws for a NOT NULL key, before anything changed
            erase_item(sl, &ce);
        }
        if constexpr (RI < relation_count<Child>()) ce.rel[RI].items.clear();
    }
}

template <class T>
void cascade_remove(session& s, entry<T>& e) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            using Other = typename related_model<T, R>::type;
            if constexpr (R::kind == relation_kind::has_many || R::kind == relation_kind::has_one) {
                auto& slot = e.rel[J];
                constexpr bool del = has(relation_value<T, J>().cascades, cascade::delete_);
                constexpr fk_action db = fk_on_delete<R::fk>();
                constexpr bool nullable = is_optional_v<std::remove_cvref_t<reflect::value_of<R::fk>>>;
                const bool load = del || (db != fk_action::cascade && db != fk_action::set_null && nullable);
                if (load && !slot.loaded && e.state == object_state::persistent) {
                    entry_base* p = &e;
                    load_relation<T, J>(s, std::span<entry_base* const>(&p, 1));
                }
                const entry_list children = slot.items;
                for (entry_base* v : children) {
                    auto* c = entry_cast<Other>(v);
                    if (c->state == object_state::deleted || c->state == object_state::detached) continue;
                    if (del || db == fk_action::cascade)
                        s.remove(c->object);
                    else if (nullable)
                        clear_fk<R::fk>(c->object);
                }
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

/// A removed object leaves the loaded collections that show it (its parents' has_many /
/// has_one, the other side of its many_to_many).
template <class T>
void leave_collections(session& s, entry<T>& e) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            using Other = typename related_model<T, R>::type;
            constexpr std::size_t RI = reverse_index<T, J>();
            if constexpr (RI < relation_count<Other>()) {
                if constexpr (R::kind == relation_kind::belongs_to) {
                    entry<Other>* parent = e.rel[J].items.empty() ? nullptr
                                                                  : entry_cast<Other>(e.rel[J].items.front());
                    if (!parent)
                        if (auto k = fk_value<R::fk>(e.object)) parent = s.store_for<Other>().find(*k);
                    if (parent) erase_item(parent->rel[RI], &e);
                } else if constexpr (R::kind == relation_kind::many_to_many) {
                    for (entry_base* v : e.rel[J].items) {
                        auto& back = entry_cast<Other>(v)->rel[RI];
                        erase_item(back, &e);
                        auto it = std::find(back.original.begin(), back.original.end(), static_cast<entry_base*>(&e));
                        if (it != back.original.end()) back.original.erase(it);
                    }
                }
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

// ---- flush steps --------------------------------------------------------------------------

/// Before e's INSERT or UPDATE: belongs_to links to objects that have a key now.
template <class T>
void pull_keys(entry<T>& e) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            if constexpr (R::kind == relation_kind::belongs_to) {
                using Other = typename related_model<T, R>::type;
                auto& slot = e.rel[J];
                if (!slot.items.empty()) {
                    auto* t = entry_cast<Other>(slot.items.front());
                    if (t->state == object_state::persistent) {
                        set_fk<R::fk>(e.object, key_of(t->object));
                        slot.items.clear();
                    }
                }
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

/// After e has a key: its collections' children point at it.
template <class T>
void push_keys(entry<T>& e) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            if constexpr (R::kind == relation_kind::has_many || R::kind == relation_kind::has_one) {
                using Other = typename related_model<T, R>::type;
                for (entry_base* v : e.rel[J].items) {
                    auto* c = entry_cast<Other>(v);
                    if (c->state == object_state::pending || c->state == object_state::persistent)
                        set_fk<R::fk>(c->object, key_of(e.object));
                }
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

template <class T>
void relations_before_update(session&, store<T>& st) {
    if constexpr (relation_count<T>() > 0) {
        for (entry_base* p : st.entries()) {
            if (p->state != object_state::persistent) continue;
            pull_keys(*entry_cast<T>(p));
            push_keys(*entry_cast<T>(p));
        }
    }
}

/// Does T have a relationship to itself (rows of one table must be ordered at flush)?
template <class T>
consteval bool self_referential() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return (std::is_same_v<typename related_model<T, relation_at<T, I>>::type, T> || ... || false);
    }(std::make_index_sequence<relation_count<T>()>{});
}

/// Are the foreign keys of T's relationships to itself all nullable?
template <class T>
consteval bool self_keys_nullable() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        auto one = []<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            if constexpr (std::is_same_v<typename related_model<T, R>::type, T> &&
                          R::kind != relation_kind::many_to_many)
                return is_optional_v<std::remove_cvref_t<reflect::value_of<R::fk>>>;
            else
                return true;
        };
        (void)one;
        return (one(std::integral_constant<std::size_t, I>{}) && ... && true);
    }(std::make_index_sequence<relation_count<T>()>{});
}

/// The pending entries of one self-referential table, parents first.
template <class T>
entry_list insert_order(const entry_list& entries) {
    entry_list pending;
    for (entry_base* p : entries)
        if (p->state == object_state::pending) pending.push_back(p);
    if constexpr (!self_referential<T>()) {
        return pending;
    } else {
        std::unordered_map<entry_base*, entry_list> parents;  // child → pending parents
        for (entry_base* e : pending) {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
                    using R = relation_at<T, J>;
                    if constexpr (std::is_same_v<typename related_model<T, R>::type, T>) {
                        if constexpr (R::kind == relation_kind::belongs_to) {
                            for (entry_base* v : slot_of<T, J>(e).items)
                                if (v->state == object_state::pending) parents[e].push_back(v);
                        } else if constexpr (R::kind != relation_kind::many_to_many) {
                            for (entry_base* v : slot_of<T, J>(e).items)
                                if (v->state == object_state::pending) parents[v].push_back(e);
                        }
                    }
                };
                (void)one;
                (one(std::integral_constant<std::size_t, I>{}), ...);
            }(std::make_index_sequence<relation_count<T>()>{});
        }
        entry_list out;
        std::unordered_map<entry_base*, int> mark;  // 1: visiting, 2: done
        std::function<void(entry_base*)> visit = [&](entry_base* e) {
            int& m = mark[e];
            if (m == 2) return;
            if (m == 1) {
                // A true cycle among new rows. With nullable keys, break it as SQLAlchemy's
                // post_update does: this row is inserted with the key NULL, and the UPDATE
                // step of the same flush writes it once its parent has a key.
                if constexpr (self_keys_nullable<T>()) return;
                throw session_error("retort: the new '" + std::string(meta<T>.name) +
                                    "' objects point at each other in a cycle and the foreign key is NOT NULL, so "
                                    "no INSERT order exists; make the key std::optional, or insert one first");
            }
            m = 1;
            if (auto it = parents.find(e); it != parents.end())
                for (auto* p : it->second) visit(p);
            mark[e] = 2;
            out.push_back(e);
        };
        for (auto* e : pending) visit(e);
        return out;
    }
}

}  // namespace retort::orm::detail

namespace retort::orm::detail {

template <class T>
void store<T>::flush_inserts(session&, connection& conn) {
    if (!pending_) return;
    for (entry_base* p : insert_order<T>(entries_)) {
        entry<T>* e = entry_cast<T>(p);
        pull_keys(*e);
        if constexpr (!meta<T>.has_generated())
            if (find(key_of(e->object)))
                throw session_error("retort: flush(): the session has two '" + std::string(meta<T>.name) +
                                    "' objects with the key " + describe_key<T>(key_of(e->object)) +
                                    "; add() a row once, or merge() a copy onto the session's object");
        conn.execute(insert(e->object));
        inserted(*e);
        push_keys(*e);
    }
}

template <class T>
void store<T>::flush_associations(connection& conn) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using R = relation_at<T, J>;
            if constexpr (R::kind == relation_kind::many_to_many) {
                using Assoc = reflect::class_of<R::fk>;
                using Other = typename related_model<T, R>::type;
                for (entry_base* p : entries_) {
                    entry<T>& e = *entry_cast<T>(p);
                    auto& slot = e.rel[J];
                    if (e.state == object_state::deleted && !e.deleted_in_tx) {
                        conn.execute(delete_from<Assoc>().where(c<R::fk> == key_of(e.snapshot)));
                        slot.items.clear();
                        slot.original.clear();
                        continue;
                    }
                    if (e.state != object_state::persistent || !slot.loaded) continue;
                    for (entry_base* v : slot.items) {
                        if (std::find(slot.original.begin(), slot.original.end(), v) != slot.original.end()) continue;
                        auto* o = entry_cast<Other>(v);
                        if (o->state != object_state::persistent)
                            throw session_error("retort: " + relation_name<T, J>() +
                                                " holds an object that is not in the database (removed or detached)");
                        Assoc a{};
                        a.*(R::fk) = key_of(e.object);
                        a.*(R::fk2) = key_of(o->object);
                        conn.execute(insert(a));
                    }
                    for (entry_base* v : slot.original) {
                        if (std::find(slot.items.begin(), slot.items.end(), v) != slot.items.end()) continue;
                        auto* o = entry_cast<Other>(v);
                        conn.execute(delete_from<Assoc>().where(c<R::fk> == key_of(e.object) &&
                                                                c<R::fk2> == key_of(o->snapshot)));
                    }
                    slot.original = slot.items;
                }
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

template <class T, class Select, class... Opts>
objects<T> query_t<T, Select, Opts...>::all() && {
    use_guard guard{*s_};
    auto& conn = s_->conn_for_query();
    auto& st = s_->template store_for<T>();
    entry_list es;
    constexpr std::size_t joined = (0 + ... + (Opts::strategy == loading::joined ? 1 : 0));
    static_assert(joined <= 1, "retort: one joinedload<> per query (each LEFT JOIN multiplies the rows); load the "
                               "other relationships with selectin<>");
    if constexpr (joined == 1) {
        constexpr auto path = [] {
            std::string_view p;
            ((Opts::strategy == loading::joined ? void(p = Opts::path) : void()), ...);
            return p;
        }();
        static_assert(dot_in(path) == path.size(),
                      "retort: joinedload<> takes one relationship name, not a path; chain with selectin<\"a.b\">");
        constexpr std::size_t I = [] {
            std::size_t found = relation_count<T>();
            ((Opts::strategy == loading::joined ? void(found = relation_index<T, Opts::fixed_path>()) : void()), ...);
            return found;
        }();
        static_assert(I < relation_count<T>(),
                      "retort: joinedload<\"name\"> names a relationship that the model does not declare");
        if constexpr (I < relation_count<T>()) {
            if (conn.dialect() == dialect_id::sqlite)
                es = run_joined<T, I, sqlite>(*s_, conn, st, q_, populate_);
            else
                es = run_joined<T, I, postgresql>(*s_, conn, st, q_, populate_);
        }
    } else {
        // Row by row from the result (one row buffer, reused): a row already in the identity
        // map is not copied at all, a new one is copied once into its entry.
        for (const T& r : conn.execute(std::move(q_))) es.push_back(&st.absorb(r, populate_));
    }
    (mark_option<T, Opts::fixed_path, Opts::strategy>(es), ...);
    load_default_relations<T>(*s_, es);
    (apply_option<T, Opts::fixed_path, Opts::strategy>(*s_, es), ...);
    return objects<T>(std::move(es));
}

}  // namespace retort::orm::detail
