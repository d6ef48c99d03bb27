// tests/integration/integration_connections.cpp — transactions, the per-connection statement cache, several connections.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

// =======================================================================================
// 7. Transactions
// =======================================================================================

struct TxAccount {
    std::int64_t id;
    std::string owner;
    std::int64_t balance;
};
template <>
inline constexpr auto retort::table_of<TxAccount> =
    retort::table<TxAccount>("tx_accounts", retort::primary_key<&TxAccount::id>, retort::unique<&TxAccount::owner>);

void reset_tx_tables(retort::connection& conn) {
    retort::drop_all<TxAccount>(conn);
    retort::create_all<TxAccount>(conn);
    conn.execute(retort::insert(TxAccount{0, "ann", 100}));
    conn.execute(retort::insert(TxAccount{0, "bob", 50}));
}

std::string accounts(retort::connection& conn) {
    std::vector<std::string> out;
    for (const auto& [owner, balance] :
         conn.execute(retort::select(c<&TxAccount::owner>, c<&TxAccount::balance>).order_by(c<&TxAccount::owner>)))
        out.push_back(owner + '=' + std::to_string(balance));
    return joined(out);
}

TEST_CASE("a committed transaction persists") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    {
        auto tx = conn.begin();
        CHECK(conn.in_transaction());
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{70})
                         .where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{80})
                         .where(c<&TxAccount::owner> == "bob"));
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        tx.commit();
        CHECK_FALSE(tx.active());
        CHECK_FALSE(conn.in_transaction());
        CHECK_THROWS_AS(tx.commit(), retort::programming_error);
    }
    CHECK(accounts(conn) == "ann=70,bob=80,cid=1");
    // Seen from a fresh connection as well.
    auto other = retort::create_engine(test_url()).connect();
    CHECK(accounts(other) == "ann=70,bob=80,cid=1");
}

TEST_CASE("a transaction guard destroyed without commit rolls back") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    const auto before = accounts(conn);
    {
        auto tx = conn.begin();
        conn.execute(retort::delete_from<TxAccount>().where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        CHECK(accounts(conn) == "bob=50,cid=1");  // visible inside the transaction
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(accounts(conn) == before);

    SUBCASE("rollback() does the same explicitly, and a second rollback is harmless") {
        auto tx = conn.begin();
        conn.execute(retort::delete_from<TxAccount>());
        tx.rollback();
        CHECK_FALSE(tx.active());
        CHECK_NOTHROW(tx.rollback());
        CHECK(accounts(conn) == before);
    }
    SUBCASE("a moved guard rolls back once, when the last owner dies") {
        {
            auto tx = conn.begin();
            conn.execute(retort::delete_from<TxAccount>());
            auto moved = std::move(tx);
            CHECK_FALSE(tx.active());
            CHECK(moved.active());
        }
        CHECK(accounts(conn) == before);
    }
}

TEST_CASE("an integrity_error inside a transaction leaves the database exactly as before it") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    const auto before = accounts(conn);
    const auto rows_before = row_count<&TxAccount::id>(conn);
    try {
        auto tx = conn.begin();
        conn.execute(retort::insert(TxAccount{0, "cid", 1}));
        conn.execute(retort::update<TxAccount>()
                         .set(c<&TxAccount::balance> = std::int64_t{0})
                         .where(c<&TxAccount::owner> == "ann"));
        conn.execute(retort::insert(TxAccount{0, "bob", 2}));  // duplicate owner
        tx.commit();
        FAIL("the duplicate owner was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::unique);
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(row_count<&TxAccount::id>(conn) == rows_before);
    CHECK(accounts(conn) == before);
    // The connection works normally afterwards.
    auto tx = conn.begin();
    conn.execute(retort::insert(TxAccount{0, "dee", 3}));
    tx.commit();
    CHECK(row_count<&TxAccount::id>(conn) == rows_before + 1);
}

TEST_CASE("commit after a failed statement: SQLite keeps the good statements, PostgreSQL refuses") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    auto tx = conn.begin();
    conn.execute(retort::insert(TxAccount{0, "cid", 1}));
    CHECK_THROWS_AS(conn.execute(retort::insert(TxAccount{0, "ann", 2})), retort::integrity_error);
    if constexpr (on_sqlite) {
        tx.commit();  // SQLite undoes only the failed statement
        CHECK(accounts(conn) == "ann=100,bob=50,cid=1");
    } else {
        CHECK_THROWS_AS(tx.commit(), retort::programming_error);  // the transaction was aborted
        CHECK_FALSE(conn.in_transaction());
        CHECK(accounts(conn) == "ann=100,bob=50");
    }
}

TEST_CASE("begin() while a transaction is open throws programming_error") {
    database db;
    auto& conn = db.conn;
    reset_tx_tables(conn);
    auto tx = conn.begin();
    CHECK_THROWS_AS(conn.begin(), retort::programming_error);
    CHECK(conn.in_transaction());  // the first transaction is untouched
    conn.execute(retort::insert(TxAccount{0, "cid", 1}));
    tx.commit();
    CHECK(accounts(conn) == "ann=100,bob=50,cid=1");
    // create_all inside an open transaction runs in a savepoint of it (the transaction stays open).
    auto tx2 = conn.begin();
    CHECK_NOTHROW(retort::create_all<TxAccount>(conn));
    CHECK(conn.in_transaction());
    tx2.rollback();
    CHECK(accounts(conn) == "ann=100,bob=50,cid=1");
}

// =======================================================================================
// 8. The per-connection statement cache
// =======================================================================================

struct CacheItem {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<CacheItem> =
    retort::table<CacheItem>("cache_items", retort::primary_key<&CacheItem::id>);

void make_cache_items(retort::connection& conn) {
    retort::drop_all<CacheItem>(conn);
    retort::create_all<CacheItem>(conn);
    for (const char* name : {"a", "b", "c"}) conn.execute(retort::insert(CacheItem{0, name}));
}

auto cache_item_by_id(std::int64_t id) {
    return retort::select<CacheItem>().where(c<&CacheItem::id> == id);
}

TEST_CASE("the same statement type executed 100 times is prepared once: 1 miss, 99 hits") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);

    SUBCASE("a select with a different bound value each time") {
        const auto hits = conn.cache_hits();
        const auto misses = conn.cache_misses();
        std::int64_t found = 0;
        for (std::int64_t i = 0; i < 100; ++i)
            if (auto row = conn.execute(cache_item_by_id(i % 5)).first()) {
                CHECK(row->id == i % 5);
                ++found;
            }
        CHECK(found == 60);  // ids 1, 2 and 3 exist
        CHECK(conn.cache_misses() - misses == 1);
        CHECK(conn.cache_hits() - hits == 99);
    }
    SUBCASE("an insert") {
        const auto hits = conn.cache_hits();
        const auto misses = conn.cache_misses();
        // An lvalue insert (key written back) is a statement type of its own, not yet
        // used on this connection (make_cache_items inserted rvalues).
        std::int64_t last = 0;
        for (int i = 0; i < 100; ++i) {
            CacheItem item{0, std::string("n").append(std::to_string(i))};  // not "n" + ...: GCC PR 105329
            conn.execute(retort::insert(item));
            CHECK(item.id > last);
            last = item.id;
        }
        CHECK(conn.cache_misses() - misses == 1);
        CHECK(conn.cache_hits() - hits == 99);
        CHECK(row_count<&CacheItem::id>(conn) == 103);
    }
}

TEST_CASE("different statement types get different cache slots") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);
    const auto misses = conn.cache_misses();
    const auto hits = conn.cache_hits();

    const auto by_name = [](std::string name) {
        return retort::select(c<&CacheItem::id>).where(c<&CacheItem::name> == std::move(name));
    };
    const auto ids_from = [](std::int64_t id) {
        return retort::select(c<&CacheItem::id>).where(c<&CacheItem::id> >= id).order_by(c<&CacheItem::id>);
    };
    CHECK(conn.execute(by_name("b")).one() == std::tuple<std::int64_t>(2));
    CHECK(conn.execute(ids_from(2)).all().size() == 2);
    CHECK(conn.execute(cache_item_by_id(3)).one().name == "c");
    CHECK(conn.cache_misses() - misses == 3);
    CHECK(conn.cache_hits() - hits == 0);

    // Each again, with other values: every one finds its own prepared statement.
    CHECK(conn.execute(by_name("c")).one() == std::tuple<std::int64_t>(3));
    CHECK(conn.execute(ids_from(3)).all().size() == 1);
    CHECK(conn.execute(cache_item_by_id(1)).one().name == "a");
    CHECK(conn.cache_misses() - misses == 3);
    CHECK(conn.cache_hits() - hits == 3);
}

TEST_CASE("inserts, updates and deletes answer the same through an observer (the driver's path) as without") {
    // One path serves a write in either dialect: on SQLite the INSERT runs without its
    // RETURNING and the key is the rowid (inline, or through the driver when statements
    // are observed); on PostgreSQL the key comes back in the RETURNING row.
    std::vector<std::string> executed;
    retort::engine_options logged;
    logged.on_event = [&](const retort::event& e) {
        if (e.kind == retort::event_kind::after_execute) executed.emplace_back(e.sql);
    };
    for (const bool observed : {false, true}) {
        CAPTURE(observed);
        auto engine = observed ? retort::create_engine(test_url(), logged) : retort::create_engine(test_url());
        auto conn = engine.connect();
        make_cache_items(conn);  // ids 1, 2, 3
        executed.clear();
        CacheItem d{0, "d"};
        CHECK(conn.execute(retort::insert(d)) == 4);
        CHECK(d.id == 4);  // written back
        CHECK(conn.execute(retort::insert(std::as_const(d))) == 5);  // a const row: nothing written back
        CHECK(d.id == 4);
        CHECK(conn.execute(retort::update<CacheItem>().set(c<&CacheItem::name> = "x").where(c<&CacheItem::id> >= 3)) ==
              3);
        CHECK(conn.execute(retort::delete_from<CacheItem>().where(c<&CacheItem::name> == "x")) == 3);
        CHECK(conn.execute(retort::delete_from<CacheItem>().where(c<&CacheItem::name> == "x")) == 0);
        CHECK(row_count<&CacheItem::id>(conn) == 2);
        if (observed) {
            REQUIRE(executed.size() == 6);
            CHECK(executed[0].starts_with("INSERT INTO"));
            CHECK(contains(executed[0], "RETURNING") == !on_sqlite);
        } else {
            CHECK(executed.empty());
        }
    }
}

/// Wider than detail::inline_insert_fields: its fields are bound by one call, not inline.
struct WideRow {
    std::int64_t id;
    std::string f1, f2, f3, f4, f5, f6, f7, f8, f9;
    std::int64_t g1, g2, g3, g4, g5, g6, g7, g8, g9;
    std::optional<double> h;
};
template <>
inline constexpr auto retort::table_of<WideRow> = retort::table<WideRow>("wide_rows", retort::primary_key<&WideRow::id>);
static_assert(retort::reflect::field_count<WideRow> > retort::detail::inline_insert_fields);

TEST_CASE("an insert of a model wider than the inline binds writes every field and its key") {
    database db;
    retort::drop_all<WideRow>(db.conn);
    retort::create_all<WideRow>(db.conn);
    WideRow a{0, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", 1, 2, 3, 4, 5, 6, 7, 8, 9, 0.5};
    const WideRow b{0, "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", -1, -2, -3, -4, -5, -6, -7, -8, -9, {}};
    CHECK(db.conn.execute(retort::insert(a)) == 1);
    CHECK(a.id == 1);
    CHECK(db.conn.execute(retort::insert(b)) == 2);
    CHECK(db.conn.execute(retort::insert_many(std::vector<WideRow>{b, b})) == 2);
    const auto rows = db.conn.execute(retort::select<WideRow>().order_by(c<&WideRow::id>)).all();
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].f1 == "a1");
    CHECK(rows[0].f9 == "a9");
    CHECK(rows[0].g1 == 1);
    CHECK(rows[0].g9 == 9);
    CHECK(rows[0].h == 0.5);
    CHECK(rows[1].id == 2);
    CHECK(rows[1].f5 == "b5");
    CHECK(rows[1].g5 == -5);
    CHECK(!rows[1].h.has_value());
    CHECK(rows[3].f9 == "b9");
    CHECK(rows[3].g9 == -9);
}

TEST_CASE("nested iteration of the same select while the outer result is open") {
    database db;
    auto& conn = db.conn;
    make_cache_items(conn);
    const auto q = retort::select(c<&CacheItem::name>).order_by(c<&CacheItem::name>);

    std::vector<std::string> pairs;
    for (const auto& [outer] : conn.execute(q))
        for (const auto& [inner] : conn.execute(q)) pairs.push_back(outer + inner);
    CHECK(joined(pairs) == "aa,ab,ac,ba,bb,bc,ca,cb,cc");

    SUBCASE("with different values bound in the inner statement") {
        std::vector<std::string> seen;
        for (const auto& outer : conn.execute(retort::select<CacheItem>().order_by(c<&CacheItem::id>))) {
            auto inner = conn.execute(cache_item_by_id(4 - outer.id)).one();
            seen.push_back(outer.name + inner.name);
        }
        CHECK(joined(seen) == "ac,bb,ca");
    }
    SUBCASE("the cached statement is reusable afterwards, and after an abandoned iteration") {
        CHECK(column_values(conn, q) == "a,b,c");
        for (const auto& [name] : conn.execute(q)) {
            CHECK(name == "a");
            break;  // the result dies with rows left
        }
        CHECK(column_values(conn, q) == "a,b,c");
        auto open = conn.execute(q);  // an unread result keeps the statement busy...
        CHECK(column_values(conn, q) == "a,b,c");  // ...so this one runs on its own statement
        CHECK(joined([&] {
                  std::vector<std::string> v;
                  for (const auto& [name] : open) v.push_back(name);
                  return v;
              }()) == "a,b,c");
    }
}

// =======================================================================================
// 9. Several connections
// =======================================================================================

struct MultiNote {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<MultiNote> =
    retort::table<MultiNote>("multi_notes", retort::primary_key<&MultiNote::id>);

TEST_CASE("a second connection from the same engine sees committed data, not uncommitted") {
    auto engine = retort::create_engine(test_url());
    {
        auto writer = engine.connect();
        auto reader = engine.connect();
        retort::drop_all<MultiNote>(writer);
        retort::create_all<MultiNote>(writer);

        writer.execute(retort::insert(MultiNote{0, "autocommitted"}));
        CHECK(column_values(reader, retort::select(c<&MultiNote::text>)) == "autocommitted");

        auto tx = writer.begin();
        writer.execute(retort::insert(MultiNote{0, "pending"}));
        CHECK(row_count<&MultiNote::id>(writer) == 2);
        CHECK(row_count<&MultiNote::id>(reader) == 1);
        tx.commit();
        CHECK(column_values(reader, retort::select(c<&MultiNote::text>).order_by(c<&MultiNote::id>)) ==
              "autocommitted,pending");
    }
    CHECK(engine.idle_count() == 2);  // both connections went back to the pool

    SUBCASE("a pooled connection keeps its prepared statements") {
        auto again = engine.connect();
        CHECK(engine.idle_count() == 1);
        const auto misses = again.cache_misses();
        CHECK(misses > 0);
        CHECK(row_count<&MultiNote::id>(again) == 2);
        CHECK(again.cache_misses() == misses);
    }
    SUBCASE("another engine on the same database sees the data too") {
        auto other = retort::create_engine(test_url()).connect();
        CHECK(row_count<&MultiNote::id>(other) == 2);
    }
    SUBCASE("an uncommitted transaction is rolled back when its connection goes back to the pool") {
        {
            auto conn = engine.connect();
            conn.execute_script("BEGIN");  // no guard: the connection itself must clean up
            conn.execute(retort::delete_from<MultiNote>());
            CHECK(row_count<&MultiNote::id>(conn) == 0);
        }  // back to the pool mid-transaction
        auto conn = engine.connect();
        CHECK_FALSE(conn.in_transaction());
        CHECK(row_count<&MultiNote::id>(conn) == 2);
    }
}

// ---- SQLite's inline read/bind path (engine/sqlite_direct.hpp) against the driver's ------

#if defined(RETORT_TEST_SQLITE)

// One loosely typed SQLite table, read through models that want different C++ types.
template <class V>
struct FastLoose {
    std::int64_t id;
    V v;
};
template <class V>
inline constexpr auto retort::table_of<FastLoose<V>> =
    retort::table<FastLoose<V>>("fast_loose", retort::primary_key<&FastLoose<V>::id>, retort::assigned_key);

template <class V>
std::string describe(const V& v) {
    if constexpr (retort::is_optional_v<V>) {
        return v ? describe(*v) : std::string("nullopt");
    } else if constexpr (std::is_same_v<V, std::string>) {
        return "'" + v + "'";
    } else if constexpr (std::is_same_v<V, retort::blob>) {
        std::string out = "x'";
        for (std::byte b : v) out += "0123456789abcdef"[std::to_integer<int>(b) >> 4], out += "0123456789abcdef"[std::to_integer<int>(b) & 15];
        return out + "'";
    } else if constexpr (std::is_same_v<V, bool>) {
        return v ? "true" : "false";
    } else {
        return std::to_string(v);
    }
}

/// What reading each row of fast_loose as V gives: the value, or the error's message.
template <class V>
std::vector<std::string> read_loose(retort::connection& conn) {
    std::vector<std::string> out;
    for (std::int64_t id = 1; id <= 13; ++id) {
        try {
            const auto row = conn.execute(retort::select<FastLoose<V>>().where(c<&FastLoose<V>::id> == id)).one();
            out.push_back(describe(row.v));
        } catch (const retort::data_error& e) {
            out.push_back(std::string("data_error: ") + e.what());
        }
    }
    return out;
}

TEST_CASE("SQLite: the inline read path and the driver's checked path agree on every storage class") {
    // Without an observer, SQLite statements bind and read the expected storage class
    // inline; with one (echo), everything goes through the driver. Same answers, same errors.
    std::vector<retort::event_kind> seen;
    retort::engine_options logged;
    logged.on_event = [&](const retort::event& e) { seen.push_back(e.kind); };
    auto fast_engine = retort::create_engine(test_url());
    auto checked_engine = retort::create_engine(test_url(), logged);
    auto fast = fast_engine.connect();
    auto checked = checked_engine.connect();

    const auto probe_fast = fast.raw().prepare("SELECT 1", {});
    const auto probe_checked = checked.raw().prepare("SELECT 1", {});
    CHECK(probe_fast->sqlite_direct() != nullptr);
    CHECK(probe_checked->sqlite_direct() == nullptr);

    fast.execute_script("DROP TABLE IF EXISTS fast_loose");
    fast.execute_script("CREATE TABLE fast_loose (id INTEGER PRIMARY KEY, v)");  // no type: any storage class
    fast.execute_script(
        "INSERT INTO fast_loose (id, v) VALUES (1, 42), (2, 3.0), (3, 3.5), (4, 'text'), (5, '12'), (6, NULL), "
        "(7, x'00ff'), (8, 300), (9, -1), (10, 1), (11, ''), (12, 9223372036854775807), (13, -0.0)");

    auto both = [&]<class V>(std::type_identity<V>) {
        const auto a = read_loose<V>(fast);
        const auto b = read_loose<V>(checked);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CAPTURE(i + 1);
            CHECK(a[i] == b[i]);
        }
        return a;
    };
    const auto as_int = both(std::type_identity<std::int64_t>{});
    CHECK(as_int[0] == "42");
    CHECK(as_int[1] == "3");  // an integral REAL is accepted
    CHECK(as_int[2].starts_with("data_error"));
    CHECK(as_int[3].starts_with("data_error"));
    CHECK(as_int[5].starts_with("data_error"));  // NULL into a non-optional
    CHECK(contains(as_int[5], "'v'"));
    const auto as_i8 = both(std::type_identity<std::int8_t>{});
    CHECK(as_i8[0] == "42");
    CHECK(as_i8[7].starts_with("data_error"));  // 300 does not fit
    const auto as_u32 = both(std::type_identity<std::uint32_t>{});
    CHECK(as_u32[8].starts_with("data_error"));  // -1 is not unsigned
    const auto as_bool = both(std::type_identity<bool>{});
    CHECK(as_bool[9] == "true");
    CHECK(as_bool[0].starts_with("data_error"));  // 42 is not 0 or 1
    const auto as_double = both(std::type_identity<double>{});
    CHECK(as_double[0] == "42.000000");
    CHECK(as_double[2] == "3.500000");
    const auto as_text = both(std::type_identity<std::string>{});
    CHECK(as_text[3] == "'text'");
    CHECK(as_text[0] == "'42'");  // numbers read as text are converted, as the driver does
    CHECK(as_text[10] == "''");
    CHECK(as_text[6].starts_with("data_error"));  // a blob is not text
    const auto as_blob = both(std::type_identity<retort::blob>{});
    CHECK(as_blob[6] == "x'00ff'");
    CHECK(as_blob[3] == "x'74657874'");  // text read as bytes
    const auto as_opt_int = both(std::type_identity<std::optional<std::int64_t>>{});
    CHECK(as_opt_int[5] == "nullopt");
    CHECK(as_opt_int[0] == "42");
    const auto as_opt_text = both(std::type_identity<std::optional<std::string>>{});
    CHECK(as_opt_text[5] == "nullopt");
    CHECK(as_opt_text[10] == "''");
    CHECK_FALSE(seen.empty());

    // Binding: the same values written both ways read back the same.
    fast.execute_script("DELETE FROM fast_loose");
    const std::string empty;
    fast.execute(retort::insert(FastLoose<std::string>{1, empty}));
    checked.execute(retort::insert(FastLoose<std::string>{2, empty}));
    fast.execute(retort::insert(FastLoose<std::optional<double>>{3, std::nullopt}));
    checked.execute(retort::insert(FastLoose<std::optional<double>>{4, std::nullopt}));
    CHECK_THROWS_AS(fast.execute(retort::insert(FastLoose<std::uint64_t>{5, 18446744073709551615u})), retort::data_error);
    CHECK_THROWS_AS(checked.execute(retort::insert(FastLoose<std::uint64_t>{5, 18446744073709551615u})), retort::data_error);
    fast.execute(retort::insert(FastLoose<std::uint64_t>{5, 9223372036854775807u}));
    fast.execute(retort::insert(FastLoose<bool>{6, true}));
    checked.execute(retort::insert(FastLoose<bool>{7, true}));
    const auto stored = fast.execute(retort::select(c<&FastLoose<std::optional<std::string>>::id>,
                                                    retort::func<"typeof", std::string>(c<&FastLoose<std::optional<std::string>>::v>))
                                         .order_by(c<&FastLoose<std::optional<std::string>>::id>))
                            .all();
    REQUIRE(stored.size() == 7);
    CHECK(std::get<1>(stored[0]) == "text");  // "" is text, never NULL
    CHECK(std::get<1>(stored[1]) == "text");
    CHECK(std::get<1>(stored[2]) == "null");
    CHECK(std::get<1>(stored[3]) == "null");
    CHECK(std::get<1>(stored[4]) == "integer");
    CHECK(std::get<1>(stored[5]) == "integer");
    CHECK(std::get<1>(stored[6]) == "integer");
}

#endif

// ---- PostgreSQL's inline read path (engine/postgresql_direct.hpp) against the driver's ---

#if defined(RETORT_TEST_POSTGRESQL)

/// Reads column 0 of the single row of `sql` as V twice, through the inline path and
/// through the driver's checked path; each outcome is the value or the error's message.
template <class V>
std::pair<std::string, std::string> read_both_ways(retort::connection& conn, const std::string& sql) {
    auto outcome = [&](bool direct) {
        const auto st = conn.raw().prepare(sql, {});
        REQUIRE(st->step());
        REQUIRE(st->postgresql_direct().result != nullptr);
        V v{};
        try {
            if (direct)
                retort::detail::read_value_direct(st->postgresql_direct().result, st->postgresql_direct().row, *st, 0, v);
            else
                retort::detail::read_value(*st, 0, v);
        } catch (const retort::data_error& e) {
            return std::string("data_error: ") + e.what();
        }
        if constexpr (retort::is_optional_v<V>)
            return v ? std::string("some") : std::string("nullopt");
        else if constexpr (std::is_same_v<V, std::string>)
            return "'" + v + "'";
        else
            return std::to_string(v);
    };
    return {outcome(true), outcome(false)};
}

TEST_CASE("PostgreSQL: the inline read path and the driver's checked path agree on odd values") {
    database db;
    auto& conn = db.conn;
    const char* texts[] = {"'42'",   "'3.0'", "'3.5'",   "'text'", "''",     "NULL",  "'300'",
                           "'-1'",   "'t'",   "'NaN'",   "'Infinity'", "' 42'", "'+5'", "'9223372036854775808'",
                           "'1e3'",  "'0x10'", "'-0'"};
    for (const char* t : texts) {
        const std::string sql = std::string("SELECT ") + t + "::text AS v";
        CAPTURE(sql);
        auto check = [&]<class V>(std::type_identity<V>) {
            const auto [direct, checked] = read_both_ways<V>(conn, sql);
            CHECK(direct == checked);
        };
        check(std::type_identity<std::int64_t>{});
        check(std::type_identity<std::int8_t>{});
        check(std::type_identity<std::uint32_t>{});
        check(std::type_identity<double>{});
        check(std::type_identity<float>{});
        check(std::type_identity<bool>{});
        check(std::type_identity<std::string>{});
        check(std::type_identity<std::optional<std::int64_t>>{});
        check(std::type_identity<std::optional<std::string>>{});
    }
    // The outcomes themselves, for a few: the paths agreeing on a wrong answer would not do.
    CHECK(read_both_ways<std::int64_t>(conn, "SELECT '42'::text").first == "42");
    CHECK(read_both_ways<std::int64_t>(conn, "SELECT NULL::bigint").first.starts_with("data_error"));
    CHECK(read_both_ways<std::int8_t>(conn, "SELECT 300").first.starts_with("data_error"));
    CHECK(read_both_ways<std::string>(conn, "SELECT ''::text").first == "''");
    CHECK(read_both_ways<std::optional<std::string>>(conn, "SELECT ''::text").first == "some");
    CHECK(read_both_ways<std::optional<std::string>>(conn, "SELECT NULL::text").first == "nullopt");
    CHECK(read_both_ways<double>(conn, "SELECT 'NaN'::float8").first == std::to_string(std::numeric_limits<double>::quiet_NaN()));
    CHECK(read_both_ways<bool>(conn, "SELECT true").first == "1");
}

#endif
