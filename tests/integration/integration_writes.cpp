// tests/integration/integration_writes.cpp — INSERT and keys, UPDATE and DELETE.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

// =======================================================================================
// 2. INSERT and keys
// =======================================================================================

struct InsPerson {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<InsPerson> =
    retort::table<InsPerson>("ins_people", retort::primary_key<&InsPerson::id>);

struct InsSmallKey {
    std::int32_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<InsSmallKey> =
    retort::table<InsSmallKey>("ins_small_keys", retort::primary_key<&InsSmallKey::id>);

struct InsCode {
    std::int64_t code;
    std::string label;
};
template <>
inline constexpr auto retort::table_of<InsCode> =
    retort::table<InsCode>("ins_codes", retort::primary_key<&InsCode::code>, retort::assigned_key);

struct InsMembership {
    std::int64_t group_id;
    std::int64_t member_id;
    std::string role;
};
template <>
inline constexpr auto retort::table_of<InsMembership> = retort::table<InsMembership>(
    "ins_memberships", retort::primary_key<&InsMembership::group_id, &InsMembership::member_id>);

struct InsTicket {
    std::int64_t id;
    std::string note;
};
template <>
inline constexpr auto retort::table_of<InsTicket> = retort::table<InsTicket>(
    "ins_tickets", retort::primary_key<&InsTicket::id>, retort::autoincrement<&InsTicket::id>);

void reset_insert_tables(retort::connection& conn) {
    retort::drop_all<InsPerson, InsSmallKey, InsCode, InsMembership, InsTicket>(conn);
    retort::create_all<InsPerson, InsSmallKey, InsCode, InsMembership, InsTicket>(conn);
}

TEST_CASE("insert returns the generated key, writes it back, and keys increase") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    InsPerson ann{0, "ann"};
    const std::int64_t ann_key = conn.execute(retort::insert(ann));
    CHECK(ann_key > 0);
    CHECK(ann.id == ann_key);

    InsPerson bob{0, "bob"};
    const std::int64_t bob_key = conn.execute(retort::insert(bob));
    CHECK(bob.id == bob_key);
    CHECK(bob_key > ann_key);

    // An rvalue is inserted as a copy: the key only comes back as the result.
    const std::int64_t cid_key = conn.execute(retort::insert(InsPerson{0, "cid"}));
    CHECK(cid_key > bob_key);

    // The key field's value is ignored: the database chooses.
    InsPerson dee{999'999, "dee"};
    const std::int64_t dee_key = conn.execute(retort::insert(dee));
    CHECK(dee_key > cid_key);
    CHECK(dee_key != 999'999);
    CHECK(dee.id == dee_key);

    const auto rows = conn.execute(retort::select<InsPerson>().order_by(c<&InsPerson::id>)).all();
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].id == ann_key);
    CHECK(rows[0].name == "ann");
    CHECK(rows[1].id == bob_key);
    CHECK(rows[1].name == "bob");
    CHECK(rows[2].id == cid_key);
    CHECK(rows[2].name == "cid");
    CHECK(rows[3].id == dee_key);
    CHECK(rows[3].name == "dee");
}

TEST_CASE("a generated key of a narrower integer type is written back") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);
    InsSmallKey a{0, "a"};
    InsSmallKey b{0, "b"};
    const auto ka = conn.execute(retort::insert(a));
    const auto kb = conn.execute(retort::insert(b));
    CHECK(a.id == ka);
    CHECK(b.id == kb);
    CHECK(b.id > a.id);
    CHECK(conn.execute(retort::select<InsSmallKey>().where(c<&InsSmallKey::id> == b.id)).one().name == "b");
}

TEST_CASE("assigned_key tables keep the key the application gives") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    InsCode answer{42, "answer"};
    CHECK(conn.execute(retort::insert(answer)) == 1);  // no generated key: the inserted row count
    CHECK(answer.code == 42);
    CHECK(conn.execute(retort::insert(InsCode{7, "seven"})) == 1);
    CHECK(conn.execute(retort::insert(InsCode{-5, "negative"})) == 1);

    const auto rows = conn.execute(retort::select<InsCode>().order_by(c<&InsCode::code>)).all();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].code == -5);
    CHECK(rows[1].code == 7);
    CHECK(rows[1].label == "seven");
    CHECK(rows[2].code == 42);
    CHECK(rows[2].label == "answer");

    try {
        conn.execute(retort::insert(InsCode{42, "again"}));
        FAIL("a duplicate assigned key was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::primary_key);
    }
}

TEST_CASE("a composite primary key table accepts distinct pairs and rejects a repeated pair") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);

    CHECK(conn.execute(retort::insert(InsMembership{1, 1, "owner"})) == 1);
    CHECK(conn.execute(retort::insert(InsMembership{1, 2, "member"})) == 1);
    CHECK(conn.execute(retort::insert(InsMembership{2, 1, "member"})) == 1);
    try {
        conn.execute(retort::insert(InsMembership{1, 2, "duplicate"}));
        FAIL("a repeated composite key was accepted");
    } catch (const retort::integrity_error& e) {
        CHECK(e.kind() == retort::constraint_kind::primary_key);
    }

    const auto rows = conn.execute(retort::select<InsMembership>().order_by(c<&InsMembership::group_id>,
                                                                           c<&InsMembership::member_id>))
                          .all();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].group_id == 1);
    CHECK(rows[0].member_id == 1);
    CHECK(rows[0].role == "owner");
    CHECK(rows[1].group_id == 1);
    CHECK(rows[1].member_id == 2);
    CHECK(rows[1].role == "member");
    CHECK(rows[2].group_id == 2);
    CHECK(rows[2].member_id == 1);

    const auto owner = conn.execute(retort::select(c<&InsMembership::role>)
                                        .where(c<&InsMembership::group_id> == 1 && c<&InsMembership::member_id> == 1))
                           .one();
    CHECK(std::get<0>(owner) == "owner");
}

TEST_CASE("autoincrement keys are never reused after the highest row is deleted") {
    database db;
    auto& conn = db.conn;
    reset_insert_tables(conn);
    conn.execute(retort::insert(InsTicket{0, "one"}));
    const auto second = conn.execute(retort::insert(InsTicket{0, "two"}));
    CHECK(conn.execute(retort::delete_from<InsTicket>().where(c<&InsTicket::id> == second)) == 1);
    const auto third = conn.execute(retort::insert(InsTicket{0, "three"}));
    CHECK(third > second);
}

// =======================================================================================
// 4. UPDATE and DELETE
// =======================================================================================

struct UpdItem {
    std::int64_t id;
    std::string name;
    std::optional<std::int32_t> qty;
    std::int32_t price;
};
template <>
inline constexpr auto retort::table_of<UpdItem> =
    retort::table<UpdItem>("upd_items", retort::primary_key<&UpdItem::id>);

/// apple 5 10 | pear 3 20 | plum NULL 30 | fig 8 40
void make_upd_items(retort::connection& conn) {
    retort::drop_all<UpdItem>(conn);
    retort::create_all<UpdItem>(conn);
    conn.execute(retort::insert(UpdItem{0, "apple", 5, 10}));
    conn.execute(retort::insert(UpdItem{0, "pear", 3, 20}));
    conn.execute(retort::insert(UpdItem{0, "plum", std::nullopt, 30}));
    conn.execute(retort::insert(UpdItem{0, "fig", 8, 40}));
}

UpdItem item_named(retort::connection& conn, std::string_view name) {
    return conn.execute(retort::select<UpdItem>().where(c<&UpdItem::name> == name)).one();
}

TEST_CASE("update sets values and NULL and returns the number of rows it changed") {
    database db;
    auto& conn = db.conn;
    make_upd_items(conn);
    using I = UpdItem;

    SUBCASE("several columns of one row") {
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::price> = 99, c<&I::name> = "green apple", c<&I::qty> = 6)
                               .where(c<&I::name> == "apple")) == 1);
        const auto apple = item_named(conn, "green apple");
        CHECK(apple.price == 99);
        CHECK(apple.qty == std::optional<std::int32_t>(6));
        CHECK(item_named(conn, "pear").price == 20);  // untouched
    }
    SUBCASE("one column of the rows a condition selects") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::qty> = 0).where(c<&I::price> >= 30)) == 2);
        CHECK(item_named(conn, "plum").qty == std::optional<std::int32_t>(0));
        CHECK(item_named(conn, "fig").qty == std::optional<std::int32_t>(0));
        CHECK(item_named(conn, "apple").qty == std::optional<std::int32_t>(5));
    }
    SUBCASE("NULL into an optional column") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::qty> = retort::null).where(c<&I::name> == "apple")) == 1);
        CHECK_FALSE(item_named(conn, "apple").qty.has_value());
        CHECK(column_values(conn, retort::select(c<&I::name>)
                                      .where(retort::is_null(c<&I::qty>))
                                      .order_by(c<&I::name>)) == "apple,plum");
    }
    SUBCASE("an empty std::optional value writes NULL, a full one its value") {
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::qty> = std::optional<std::int32_t>{})
                               .where(c<&I::name> == "pear")) == 1);
        CHECK_FALSE(item_named(conn, "pear").qty.has_value());
        CHECK(conn.execute(retort::update<I>()
                               .set(c<&I::qty> = std::optional<std::int32_t>{12})
                               .where(c<&I::name> == "plum")) == 1);
        CHECK(item_named(conn, "plum").qty == std::optional<std::int32_t>(12));
    }
    SUBCASE("no matching row changes nothing and returns 0") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::price> = 1).where(c<&I::name> == "kiwi")) == 0);
        CHECK(item_named(conn, "fig").price == 40);
    }
    SUBCASE("without where, every row") {
        CHECK(conn.execute(retort::update<I>().set(c<&I::price> = 5)) == 4);
        for (const auto& [price] : conn.execute(retort::select(c<&I::price>))) CHECK(price == 5);
    }
}

TEST_CASE("delete removes the rows where selects, or all rows, and returns the count") {
    database db;
    auto& conn = db.conn;
    make_upd_items(conn);
    using I = UpdItem;

    CHECK(conn.execute(retort::delete_from<I>().where(c<&I::price> < 25)) == 2);
    CHECK(column_values(conn, retort::select(c<&I::name>).order_by(c<&I::name>)) == "fig,plum");
    CHECK(conn.execute(retort::delete_from<I>().where(c<&I::name> == "kiwi")) == 0);
    CHECK(conn.execute(retort::delete_from<I>().where(retort::is_null(c<&I::qty>))) == 1);
    CHECK(column_values(conn, retort::select(c<&I::name>)) == "fig");
    conn.execute(retort::insert(UpdItem{0, "lime", 1, 1}));
    CHECK(conn.execute(retort::delete_from<I>()) == 2);
    CHECK(row_count<&I::id>(conn) == 0);
    CHECK(conn.execute(retort::delete_from<I>()) == 0);
}
