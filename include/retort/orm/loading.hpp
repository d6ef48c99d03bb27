// retort/orm/loading.hpp — loading and keeping relationships in step: the strategies
// (lazy, selectin, raise), per-query options, collections, key propagation at flush and
// cascades; their definitions are in orm/loading_impl.hpp.
//
//     s.query<Author>().options(retort::selectin<"books">, retort::selectin<"books.tags">).all();
//     for (Book& b : s.related<"books">(author)) ...        // loaded: no statement here
//     s.related<"books">(author).push_back(Book{.title = "Draft"});   // author_id set at flush
#pragma once

#include <span>
#include <unordered_map>
#include <vector>

#include "retort/detail/algorithm.hpp"
#include "retort/orm/relations.hpp"
#include "retort/orm/session_decl.hpp"
#include "retort/orm/store.hpp"

namespace retort {

class session;

/// Per-query loading options: `retort::selectin<"posts">`, `retort::selectin<"posts.tags">`
/// (a path: posts, then their tags), `retort::lazyload<"posts">`, `retort::raiseload<"posts">`.
template <fixed_string Path, loading Strategy>
struct load_option {
    static constexpr auto fixed_path = Path;
    static constexpr std::string_view path = Path;
    static constexpr loading strategy = Strategy;
};
template <fixed_string Path>
inline constexpr load_option<Path, loading::selectin> selectin{};
template <fixed_string Path>
inline constexpr load_option<Path, loading::lazy> lazyload{};
template <fixed_string Path>
inline constexpr load_option<Path, loading::raise> raiseload{};
/// A LEFT JOIN of the relationship's table in the parents' own statement (one statement in
/// all; not with limit()/offset(), which would count joined rows). One per query.
template <fixed_string Path>
inline constexpr load_option<Path, loading::joined> joinedload{};

namespace orm::detail {

// ---- compile-time paths ------------------------------------------------------------

// A plain loop: GCC 12 under -fsanitize does not evaluate string_view::find at compile time.
consteval std::size_t dot_in(std::string_view p) {
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] == '.') return i;
    return p.size();
}

template <fixed_string Path>
struct path_parts {
    static constexpr std::size_t cut = dot_in(Path.view());
    static constexpr fixed_string<cut> head{Path.view().substr(0, cut)};
    static constexpr bool has_tail = cut < Path.size();
    static constexpr fixed_string<has_tail ? Path.size() - cut - 1 : 0> tail{
        has_tail ? Path.view().substr(cut + 1) : std::string_view{}};
};

// ---- keys ---------------------------------------------------------------------------

template <class T>
using single_key = std::remove_cvref_t<key_t<T>>;

template <auto FK, class Object>
auto fk_value(const Object& o) {
    using V = std::remove_cvref_t<reflect::value_of<FK>>;
    using K = typename remove_optional<V>::type;
    if constexpr (std::is_same_v<V, K>) return std::optional<K>(o.*FK);
    else return o.*FK;
}

template <auto FK, class Object, class K>
void set_fk(Object& o, const K& key) {
    o.*FK = key;
}

template <auto FK, class Object>
void clear_fk(Object& o) {
    using V = std::remove_cvref_t<reflect::value_of<FK>>;
    if constexpr (std::is_same_v<V, typename remove_optional<V>::type>) {
        throw session_error("retort: cannot unlink: the foreign key '" +
                            std::string(meta<reflect::class_of<FK>>.name) + "." +
                            std::string(meta<reflect::class_of<FK>>.columns[reflect::member_index<FK>].name) +
                            "' is NOT NULL (not std::optional); delete the object (cascade::delete_orphan) or give "
                            "it another parent");
    } else {
        o.*FK = std::nullopt;
    }
}

template <auto FK>
consteval fk_action fk_on_delete() {
    using Model = reflect::class_of<FK>;
    fk_action out = fk_action::no_action;
    std::apply(
        [&](const auto&... o) {
            auto one = [&]<class O>(const O& opt) {
                if constexpr (requires { []<auto F, auto To>(foreign_key_t<F, To>) {}(opt); }) {
                    [&]<auto F, auto To>(foreign_key_t<F, To> fk) {
                        if (same_member<F, FK>()) out = fk.on_delete;
                    }(opt);
                }
            };
            (void)one;
            (one(o), ...);
        },
        table_of<Model>.options);
    return out;
}

/// Pads an IN list to a power of two (repeating its last key), so that loading N parents
/// prepares at most log2(chunk) statement shapes instead of one per distinct N.
inline constexpr std::size_t in_chunk = 512;

template <class K>
std::vector<K> padded(std::span<const K> keys) {
    std::vector<K> out(keys.begin(), keys.end());
    std::size_t n = 1;
    while (n < out.size()) n *= 2;
    out.resize(n, out.back());
    return out;
}

template <class K, class Fn>
void in_chunks(std::vector<K>& keys, Fn&& fn) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (std::size_t at = 0; at < keys.size(); at += in_chunk) {
        const auto part = std::span<const K>(keys).subspan(at, std::min(in_chunk, keys.size() - at));
        fn(padded(part));
    }
}

// ---- loading one relationship for many parents -------------------------------------

template <class T>
void load_default_relations(session& s, std::span<entry_base* const> parents);

template <class T, std::size_t I>
void load_relation(session& s, std::span<entry_base* const> parents);

template <class T, std::size_t I>
relation_slot& slot_of(entry<T>& e) {
    return e.rel[I];
}

/// Relationship I of the entry<T> behind `e`.
template <class T, std::size_t I>
relation_slot& slot_of(entry_base* e) {
    return entry_cast<T>(e)->rel[I];
}

inline void append_unique(relation_slot& slot, entry_base* c) {
    if (std::find(slot.items.begin(), slot.items.end(), c) == slot.items.end()) slot.items.push_back(c);
}

template <class T, std::size_t I>
void load_relation(session& s, std::span<entry_base* const> parents) {
    using R = relation_at<T, I>;
    using Other = typename related_model<T, R>::type;
    entry_list unloaded;
    for (entry_base* p : parents)
        if (p && !slot_of<T, I>(p).loaded && p->state != object_state::pending) unloaded.push_back(p);
    if (unloaded.empty()) return;
    auto& conn = s.conn_for_query();
    auto& others = s.store_for<Other>();
    if constexpr (R::kind == relation_kind::belongs_to) {
        using K = single_key<Other>;
        std::vector<K> keys;
        for (entry_base* p : unloaded)
            if (auto k = fk_value<R::fk>(entry_cast<T>(p)->object); k && !others.find(*k)) keys.push_back(*k);
        entry_list loaded;
        in_chunks(keys, [&](const std::vector<K>& chunk) {
            constexpr auto PK = foreign_key_of<R::fk>::target;
            for (const Other& row : conn.execute(select<Other>().where(in(c<PK>, chunk))))
                loaded.push_back(&others.absorb(row, false));
        });
        for (entry_base* p : unloaded) slot_of<T, I>(p).loaded = true;
        load_default_relations<Other>(s, loaded);
    } else if constexpr (R::kind == relation_kind::many_to_many) {
        using Assoc = reflect::class_of<R::fk>;
        using K = single_key<T>;
        using OK = single_key<Other>;
        std::vector<K> keys;
        for (entry_base* p : unloaded) keys.push_back(key_of(entry_cast<T>(p)->object));
        std::vector<std::pair<K, OK>> pairs;
        in_chunks(keys, [&](const std::vector<K>& chunk) {
            for (const Assoc& a : conn.execute(select<Assoc>().where(in(c<R::fk>, chunk)))) {
                auto l = fk_value<R::fk>(a);
                auto r = fk_value<R::fk2>(a);
                if (l && r) pairs.emplace_back(*l, *r);
            }
        });
        std::vector<OK> missing;
        for (const auto& pr : pairs)
            if (!others.find(pr.second)) missing.push_back(pr.second);
        entry_list loaded;
        in_chunks(missing, [&](const std::vector<OK>& chunk) {
            constexpr auto PK = foreign_key_of<R::fk2>::target;
            for (const Other& row : conn.execute(select<Other>().where(in(c<PK>, chunk))))
                loaded.push_back(&others.absorb(row, false));
        });
        auto& mine = s.store_for<T>();
        for (entry_base* p : unloaded) slot_of<T, I>(p).loaded = true;
        for (const auto& [l, r] : pairs) {
            entry_base* parent = mine.find(l);
            entry_base* other = others.find(r);
            if (!parent || !other || !slot_of<T, I>(parent).loaded) continue;
            if (std::find(unloaded.begin(), unloaded.end(), parent) == unloaded.end()) continue;
            append_unique(slot_of<T, I>(parent), other);
        }
        for (entry_base* p : unloaded) slot_of<T, I>(p).original = slot_of<T, I>(p).items;
        load_default_relations<Other>(s, loaded);
    } else {  // has_many, has_one: children whose foreign key points at the parents
        using K = single_key<T>;
        std::vector<K> keys;
        for (entry_base* p : unloaded) keys.push_back(key_of(entry_cast<T>(p)->object));
        entry_list loaded;
        in_chunks(keys, [&](const std::vector<K>& chunk) {
            for (const Other& row : conn.execute(select<Other>().where(in(c<R::fk>, chunk))))
                loaded.push_back(&others.absorb(row, false));
        });
        auto& mine = s.store_for<T>();
        // Items appended before the load stay, after the loaded ones.
        std::vector<entry_list> appended;
        appended.reserve(unloaded.size());
        for (entry_base* p : unloaded) {
            auto& slot = slot_of<T, I>(p);
            appended.push_back(std::move(slot.items));
            slot.items.clear();
            slot.loaded = true;
        }
        for (entry_base* child : loaded) {
            if (child->state != object_state::persistent) continue;
            // in-memory value: a moved child follows its new parent
            auto k = fk_value<R::fk>(entry_cast<Other>(child)->object);
            if (!k) continue;
            auto* parent = mine.find(*k);
            if (parent && parent->rel[I].loaded) append_unique(parent->rel[I], child);
        }
        for (std::size_t i = 0; i < unloaded.size(); ++i)
            for (entry_base* c : appended[i]) append_unique(slot_of<T, I>(unloaded[i]), c);
        load_default_relations<Other>(s, loaded);
    }
}

/// Loads the relationships of T whose declared strategy is selectin.
template <class T>
void load_default_relations(session& s, std::span<entry_base* const> parents) {
    if (parents.empty()) return;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            constexpr auto strategy = relation_value<T, J>().strategy;
            if constexpr (strategy == loading::selectin) {
                // Parents whose query asked for lazyload / raiseload keep their relationship unloaded.
                entry_list wanted;
                for (entry_base* p : parents) {
                    const unsigned char chosen = slot_of<T, J>(p).strategy;
                    if (chosen == 0xff || chosen == static_cast<unsigned char>(loading::selectin)) wanted.push_back(p);
                }
                load_relation<T, J>(s, wanted);
            }
        };
        (void)one;
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<relation_count<T>()>{});
}

template <class T, fixed_string Path, loading Strategy>
void apply_option(session& s, std::span<entry_base* const> parents) {
    using parts = path_parts<Path>;
    constexpr std::size_t I = relation_index<T, parts::head>();
    static_assert(I < relation_count<T>(),
                  "retort: a loading option names a relationship that the model does not declare in relations_of");
    if constexpr (I < relation_count<T>()) {
        using R = relation_at<T, I>;
        using Other = typename related_model<T, R>::type;
        if constexpr (!parts::has_tail) {
            if constexpr (Strategy == loading::selectin) load_relation<T, I>(s, parents);
            // joinedload<> was done by the query's own statement
        } else {
            load_relation<T, I>(s, parents);  // the path's earlier steps are loaded
            entry_list next;
            std::unordered_map<const void*, entry_base*> seen;  // the type the stores' maps have
            auto& others = s.store_for<Other>();
            for (entry_base* p : parents) {
                if constexpr (R::kind == relation_kind::belongs_to) {
                    if (auto k = fk_value<R::fk>(entry_cast<T>(p)->object))
                        if (entry_base* o = others.find(*k); o && seen.emplace(o, o).second) next.push_back(o);
                } else {
                    for (entry_base* v : slot_of<T, I>(p).items)
                        if (seen.emplace(v, v).second) next.push_back(v);
                }
            }
            apply_option<Other, parts::tail, Strategy>(s, next);
        }
    }
}

/// Per-query strategies that are not loads (raise, lazy) are remembered on the objects.
template <class T, fixed_string Path, loading Strategy>
void mark_option(std::span<entry_base* const> parents) {
    using parts = path_parts<Path>;
    if constexpr (!parts::has_tail && Strategy != loading::selectin && Strategy != loading::joined) {
        constexpr std::size_t I = relation_index<T, parts::head>();
        if constexpr (I < relation_count<T>())
            for (entry_base* p : parents) slot_of<T, I>(p).strategy = static_cast<unsigned char>(Strategy);
    }
}

// ---- the session query ---------------------------------------------------------------

template <class T, class Select, class... Opts>
class query_t {
public:
    query_t(session* s, Select q) : s_(s), q_(std::move(q)) {}

    template <class... A>
    auto where(A&&... a) && {
        return wrap(std::move(q_).where(std::forward<A>(a)...));
    }
    template <class... A>
    auto order_by(A&&... a) && {
        return wrap(std::move(q_).order_by(std::forward<A>(a)...));
    }
    template <class... A>
    auto limit(A&&... a) && {
        return wrap(std::move(q_).limit(std::forward<A>(a)...));
    }
    template <class... A>
    auto offset(A&&... a) && {
        return wrap(std::move(q_).offset(std::forward<A>(a)...));
    }
    template <class R, class... A>
    auto join(A&&... a) && {
        return wrap(std::move(q_).template join<R>(std::forward<A>(a)...));
    }
    template <class R, class... A>
    auto left_join(A&&... a) && {
        return wrap(std::move(q_).template left_join<R>(std::forward<A>(a)...));
    }
    auto distinct() && { return wrap(std::move(q_).distinct()); }
    /// Loading options for this query's objects: selectin<"path">, lazyload<...>, raiseload<...>.
    template <class... O>
    auto options(O...) && {
        return query_t<T, Select, Opts..., O...>{s_, std::move(q_), populate_};
    }
    /// Rows already in the identity map overwrite the in-memory objects (and their pending
    /// changes); by default those objects are returned as they are.
    auto populate_existing() && {
        populate_ = true;
        return std::move(*this);
    }

    /// The Core statement underneath (for retort::sql<> or s.connection().execute()).
    const Select& statement() const noexcept { return q_; }

    objects<T> all() &&;
    T* first() && {
        auto all = std::move(*this).limit(1).all();
        return all.empty() ? nullptr : &all.front();
    }
    /// Exactly one object; data_error when there are none or several.
    T& one() && {
        auto all = std::move(*this).all();
        if (all.size() != 1)
            throw data_error(std::string("retort: one() expected exactly one row, the query returned ") +
                             (all.empty() ? "none" : "several"));
        return all.front();
    }

    query_t(session* s, Select q, bool populate) : s_(s), q_(std::move(q)), populate_(populate) {}

private:
    template <class Q>
    auto wrap(Q&& q) {
        return query_t<T, std::remove_cvref_t<Q>, Opts...>{s_, std::forward<Q>(q), populate_};
    }

    session* s_;
    Select q_;
    bool populate_ = false;
};

template <class T, class Select>
struct query : query_t<T, Select> {
    using query_t<T, Select>::query_t;
};

// ---- collections ------------------------------------------------------------------------

template <class T, std::size_t I>
class collection {
    using R = relation_at<T, I>;

public:
    using value_type = typename related_model<T, R>::type;
    using Child = value_type;

    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Child;
        using difference_type = std::ptrdiff_t;
        using reference = Child&;
        using pointer = Child*;
        iterator() = default;
        explicit iterator(entry_base* const* p) : p_(p) {}
        Child& operator*() const { return entry_cast<Child>(*p_)->object; }
        Child* operator->() const { return &**this; }
        iterator& operator++() {
            ++p_;
            return *this;
        }
        iterator operator++(int) {
            auto old = *this;
            ++p_;
            return old;
        }
        bool operator==(const iterator&) const = default;

    private:
        entry_base* const* p_ = nullptr;
    };

    collection(session& s, entry<T>& parent) : s_(&s), parent_(&parent) {}

    iterator begin() const { return iterator{slot().items.data()}; }
    iterator end() const { return iterator{slot().items.data() + slot().items.size()}; }
    std::size_t size() const noexcept { return slot().items.size(); }
    bool empty() const noexcept { return slot().items.empty(); }
    Child& operator[](std::size_t i) const { return entry_cast<Child>(slot().items[i])->object; }
    bool contains(const Child& c) const {
        for (entry_base* v : slot().items)
            if (&entry_cast<Child>(v)->object == &c) return true;
        return false;
    }

    /// Adds a new object to the session and to this collection; its foreign key (or the
    /// association row) is written at the next flush.
    Child& push_back(Child&& child) {
        Child& added = s_->add(std::move(child));
        push_back(added);
        return added;
    }
    /// Links an object the session already has.
    void push_back(Child& child);
    /// Takes an object out of the collection: with cascade::delete_orphan it is removed
    /// from the database; otherwise its foreign key becomes NULL (many_to_many: the
    /// association row goes).
    void erase(Child& child);

private:
    relation_slot& slot() const { return parent_->rel[I]; }
    session* s_;
    entry<T>* parent_;
};

// ---- declared in orm/loading_impl.hpp ----------------------------------------------------

template <class T, std::size_t I>
decltype(auto) access_relation(session& s, entry<T>& e);
template <class T, std::size_t I, class U>
void set_parent(session& s, entry<T>& e, entry<U>* target);
template <class T>
void cascade_remove(session& s, entry<T>& e);
template <class T>
void leave_collections(session& s, entry<T>& e);

}  // namespace orm::detail
}  // namespace retort

