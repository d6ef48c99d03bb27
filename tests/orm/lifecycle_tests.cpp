// tests/orm/lifecycle_tests.cpp — the session's storage under load: many objects across
// several blocks of the entry arena (32 entries a block), entries unlinked from the middle of
// a model's list by remove / expunge / commit / rollback, the identity map after it, the
// session's UPDATE for every changed-column set (versioned, composite-key, text-key and
// 70-column models; the same column set on different models), self-referential inserts
// over many entries, a query's objects kept while the session grows, and a many-to-many
// collection edited on both sides. Every check reads the objects the program holds, the
// statements the engine saw, or the rows through the fixture's own connection.
#include "common.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <ranges>
#include <set>

using retort::object_state;

// A model with more columns than one 64-bit word of the session's change mask.
struct Wide {
    std::int64_t id;
    std::int32_t c01;
    std::int32_t c02;
    std::int32_t c03;
    std::int32_t c04;
    std::int32_t c05;
    std::int32_t c06;
    std::int32_t c07;
    std::int32_t c08;
    std::int32_t c09;
    std::int32_t c10;
    std::int32_t c11;
    std::int32_t c12;
    std::int32_t c13;
    std::int32_t c14;
    std::int32_t c15;
    std::int32_t c16;
    std::int32_t c17;
    std::int32_t c18;
    std::int32_t c19;
    std::int32_t c20;
    std::int32_t c21;
    std::int32_t c22;
    std::int32_t c23;
    std::int32_t c24;
    std::int32_t c25;
    std::int32_t c26;
    std::int32_t c27;
    std::int32_t c28;
    std::int32_t c29;
    std::int32_t c30;
    std::int32_t c31;
    std::int32_t c32;
    std::int32_t c33;
    std::int32_t c34;
    std::int32_t c35;
    std::int32_t c36;
    std::int32_t c37;
    std::int32_t c38;
    std::int32_t c39;
    std::int32_t c40;
    std::int32_t c41;
    std::int32_t c42;
    std::int32_t c43;
    std::int32_t c44;
    std::int32_t c45;
    std::int32_t c46;
    std::int32_t c47;
    std::int32_t c48;
    std::int32_t c49;
    std::int32_t c50;
    std::int32_t c51;
    std::int32_t c52;
    std::int32_t c53;
    std::int32_t c54;
    std::int32_t c55;
    std::int32_t c56;
    std::int32_t c57;
    std::int32_t c58;
    std::int32_t c59;
    std::int32_t c60;
    std::int32_t c61;
    std::int32_t c62;
    std::int32_t c63;
    std::int32_t c64;
    std::int32_t c65;
    std::int32_t c66;
    std::int32_t c67;
    std::int32_t c68;
    std::int32_t c69;
};
template <>
inline constexpr auto retort::table_of<Wide> = retort::table<Wide>("ormt_wide", retort::primary_key<&Wide::id>);

namespace {

/// Longer than a std::string's inline buffer: every object owns heap memory, so an entry
/// destroyed twice or never (the arena) shows under ASan / LeakSanitizer.
std::string name_of(int i) {
    std::string n = std::to_string(i);
    return "author " + std::string(3 - std::min<std::size_t>(3, n.size()), '0') + n + ", with a long name";
}

/// `sql` as the fixture's database spells it: SQLite keeps `?`, PostgreSQL numbers them.
std::string in_dialect(const fixture& f, std::string_view sql) {
    if (f.on_sqlite()) return std::string(sql);
    std::string out;
    int n = 0;
    for (char ch : sql) {
        if (ch == '?')
            out += "$" + std::to_string(++n);
        else
            out += ch;
    }
    return out;
}

/// The recorded statements since `from` that start with "UPDATE", sorted.
std::vector<std::string> updates_since(fixture& f, std::size_t from) {
    std::vector<std::string> out;
    for (auto& s : f.rec->data_since(from))
        if (s.rfind("UPDATE", 0) == 0) out.push_back(std::move(s));
    std::ranges::sort(out);
    return out;
}

std::map<std::int64_t, std::string> author_names(fixture& f) {
    std::map<std::int64_t, std::string> out;
    for (const Author& a : f.all<Author>()) out.emplace(a.id, a.name);
    return out;
}

std::vector<Author> seed_authors(fixture& f, int n) {
    std::vector<Author> out;
    auto tx = f.check.begin();
    for (int i = 0; i < n; ++i) {
        Author a{0, name_of(i)};
        f.check.execute(retort::insert(a));
        out.push_back(a);
    }
    tx.commit();
    return out;
}

}  // namespace

// ---- many entries, unlinked from the middle ---------------------------------------------------

TEST_CASE("lifecycle: 100 added authors over four arena blocks keep their values through remove, expunge, rollback "
          "and commit") {
    fixture f;
    constexpr int n = 100;
    retort::session s{f.engine};
    std::vector<Author*> a;
    for (int i = 0; i < n; ++i) a.push_back(&s.add(Author{0, name_of(i)}));
    CHECK(s.size() == n);
    s.commit();

    std::set<std::int64_t> ids;
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        CHECK(s.state_of(*a[i]) == object_state::persistent);
        CHECK(a[i]->name == name_of(i));
        ids.insert(a[i]->id);
    }
    REQUIRE(ids.size() == static_cast<std::size_t>(n));
    const auto committed = author_names(f);
    REQUIRE(committed.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(committed.at(a[i]->id) == name_of(i));
    auto m = f.rec->mark();
    for (int i = 0; i < n; ++i) CHECK(s.get<Author>(a[i]->id) == a[i]);
    CHECK_MESSAGE(f.rec->since(m).empty(), join(f.rec->since(m)));

    // Front to back, so that entries moved from the end into a hole are unlinked later.
    auto removed = [](int i) { return i % 5 == 0; };
    auto expunged = [&](int i) { return !removed(i) && i % 7 == 3; };
    auto renamed = [&](int i) { return !removed(i) && !expunged(i) && i % 3 == 1; };
    int n_removed = 0, n_expunged = 0;
    for (int i = 0; i < n; ++i) {
        if (removed(i)) {
            s.remove(*a[i]);
            ++n_removed;
        } else if (expunged(i)) {
            s.expunge(*a[i]);
            a[i]->name = "expunged " + std::to_string(i);  // not the session's any more: never written
            ++n_expunged;
        } else if (renamed(i)) {
            a[i]->name = "renamed " + std::to_string(i);
        }
    }
    CHECK(s.size() == static_cast<std::size_t>(n - n_expunged));
    std::vector<Author*> extra;
    for (int i = 0; i < 40; ++i)
        extra.push_back(&s.add(Author{0, "extra author " + std::to_string(i) + ", with a long name"}));
    s.flush();
    for (Author* e : extra) CHECK(e->id != 0);
    for (int i = 0; i < 40; i += 8) s.remove(*extra[i]);  // flushed in this transaction, then removed
    s.flush();
    CHECK(s.size() == static_cast<std::size_t>(n - n_expunged + 40));  // removed objects count until commit

    s.rollback();
    CHECK(s.size() == static_cast<std::size_t>(n - n_expunged));
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        if (expunged(i)) {
            CHECK(s.state_of(*a[i]) == object_state::detached);
            CHECK(a[i]->name == "expunged " + std::to_string(i));
        } else {
            CHECK(s.state_of(*a[i]) == object_state::persistent);
            CHECK(a[i]->name == name_of(i));
            CHECK(s.get<Author>(a[i]->id) == a[i]);
        }
    }
    for (Author* e : extra) {
        CHECK(s.state_of(*e) == object_state::detached);
        CHECK(e->id == 0);
    }
    CHECK(author_names(f) == committed);

    m = f.rec->mark();  // removing an author loads its books, which first flushes what is pending
    for (int i = 0; i < n; ++i) {
        if (removed(i))
            s.remove(*a[i]);
        else if (renamed(i))
            a[i]->name = "renamed " + std::to_string(i);
    }
    s.commit();
    CHECK(f.rec->count_since(m, R"(DELETE FROM "ormt_authors")") == static_cast<std::size_t>(n_removed));
    CHECK(s.size() == static_cast<std::size_t>(n - n_expunged - n_removed));
    const auto rows = author_names(f);
    CHECK(rows.size() == static_cast<std::size_t>(n - n_removed));
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        const auto it = rows.find(a[i]->id);
        if (removed(i)) {
            CHECK(it == rows.end());
            CHECK(s.state_of(*a[i]) == object_state::detached);
            CHECK(a[i]->name == name_of(i));
        } else {
            REQUIRE(it != rows.end());
            CHECK(it->second == (renamed(i) ? "renamed " + std::to_string(i) : name_of(i)));
        }
    }
}

TEST_CASE("lifecycle: loaded objects removed and expunged in runs at the front, middle and end — commit deletes "
          "exactly those rows and the identity map keeps the rest") {
    fixture f;
    constexpr int n = 70;
    const auto seeded = seed_authors(f, n);
    retort::session s{f.engine, {.autoflush = false}};  // everything in the commit's flush
    auto all = s.query<Author>().order_by(c<&Author::id>).all();
    REQUIRE(all.size() == static_cast<std::size_t>(n));
    std::vector<Author*> a;
    for (Author& x : all) a.push_back(&x);

    auto removed = [](int i) { return i == 0 || (i >= 30 && i <= 34) || i >= 60; };
    auto expunged = [](int i) { return i == 35 || i == 59; };
    auto renamed = [](int i) { return i >= 36 && i <= 40; };
    for (int i = 0; i < n; ++i) {
        if (removed(i)) s.remove(*a[i]);
        if (expunged(i)) {
            s.expunge(*a[i]);
            a[i]->name = "not written";
        }
        if (renamed(i)) a[i]->name = "renamed " + std::to_string(i);
    }
    auto m = f.rec->mark();
    s.commit();
    CHECK_MESSAGE(f.rec->count_since(m, R"(DELETE FROM "ormt_authors")") == 16, join(f.rec->since(m)));
    CHECK_MESSAGE(f.rec->count_since(m, R"(UPDATE "ormt_authors")") == 5, join(f.rec->since(m)));
    CHECK(s.size() == static_cast<std::size_t>(n - 16 - 2));

    const auto rows = author_names(f);
    CHECK(rows.size() == static_cast<std::size_t>(n - 16));
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        const auto it = rows.find(seeded[i].id);
        CHECK(a[i]->id == seeded[i].id);
        if (removed(i)) {
            CHECK(it == rows.end());
            CHECK(s.state_of(*a[i]) == object_state::detached);
            continue;
        }
        REQUIRE(it != rows.end());
        CHECK(it->second == (renamed(i) ? "renamed " + std::to_string(i) : name_of(i)));
        CHECK(s.state_of(*a[i]) == (expunged(i) ? object_state::detached : object_state::persistent));
    }

    // The identity map after all those unlinks: the same objects for the kept rows, new ones
    // for the expunged rows, nothing for the deleted ones.
    m = f.rec->mark();
    auto again = s.query<Author>().order_by(c<&Author::id>).all();
    REQUIRE(again.size() == static_cast<std::size_t>(n - 16));
    std::size_t k = 0;
    for (int i = 0; i < n; ++i) {
        if (removed(i)) continue;
        CAPTURE(i);
        Author& x = again[k++];
        CHECK(x.id == seeded[i].id);
        if (expunged(i)) {
            CHECK(&x != a[i]);
            CHECK(x.name == name_of(i));
            CHECK(a[i]->name == "not written");
        } else {
            CHECK(&x == a[i]);
        }
        CHECK(s.state_of(x) == object_state::persistent);
    }
    CHECK(s.size() == static_cast<std::size_t>(n - 16));
    for (int i = 0; i < n; ++i)
        if (removed(i)) CHECK(s.get<Author>(seeded[i].id) == nullptr);
}

// ---- the session's UPDATE -----------------------------------------------------------------------

TEST_CASE("lifecycle: one flush UPDATEs versioned books and composite-key order lines with different column sets") {
    fixture f;
    Author a1{0, "one"};
    Author a2{0, "two"};
    f.check.execute(retort::insert(a1));
    f.check.execute(retort::insert(a2));
    std::vector<Book> seeded;
    for (int i = 0; i < 4; ++i) {
        Book b{0, a1.id, "book " + std::to_string(i), 2000 + i, 0};
        f.check.execute(retort::insert(b));
        seeded.push_back(b);
    }
    Order o{0, "Ann"};
    f.check.execute(retort::insert(o));
    for (int line = 1; line <= 3; ++line)
        f.check.execute(retort::insert(OrderLine{o.id, line, "product " + std::to_string(line), line}));

    retort::session s{f.engine};
    Book& b0 = s.get_one<Book>(seeded[0].id);
    Book& b1 = s.get_one<Book>(seeded[1].id);
    Book& b2 = s.get_one<Book>(seeded[2].id);
    Book& b3 = s.get_one<Book>(seeded[3].id);
    OrderLine& l1 = s.get_one<OrderLine>(o.id, 1);
    OrderLine& l2 = s.get_one<OrderLine>(o.id, 2);
    OrderLine& l3 = s.get_one<OrderLine>(o.id, 3);

    b0.title = "new title";
    b1.year = std::nullopt;
    b2.author_id = a2.id;
    b2.title = "moved";
    b2.year = 1999;
    l1.qty = 10;
    l2.product = "pear";
    l3.product = "plum";
    l3.qty = 30;
    auto m = f.rec->mark();
    s.flush();
    std::vector<std::string> expected{
        in_dialect(f, R"(UPDATE "ormt_books" SET "title" = ?, "version" = ? WHERE "id" = ? AND "version" = ?)"),
        in_dialect(f, R"(UPDATE "ormt_books" SET "year" = ?, "version" = ? WHERE "id" = ? AND "version" = ?)"),
        in_dialect(f, R"(UPDATE "ormt_books" SET "author_id" = ?, "title" = ?, "year" = ?, "version" = ? )"
                      R"(WHERE "id" = ? AND "version" = ?)"),
        in_dialect(f, R"(UPDATE "ormt_order_lines" SET "qty" = ? WHERE "order_id" = ? AND "line_no" = ?)"),
        in_dialect(f, R"(UPDATE "ormt_order_lines" SET "product" = ? WHERE "order_id" = ? AND "line_no" = ?)"),
        in_dialect(f,
                   R"(UPDATE "ormt_order_lines" SET "product" = ?, "qty" = ? WHERE "order_id" = ? AND "line_no" = ?)"),
    };
    std::ranges::sort(expected);
    CHECK_MESSAGE(updates_since(f, m) == expected, join(f.rec->since(m)));
    CHECK(b0.version == 1);
    CHECK(b1.version == 1);
    CHECK(b2.version == 1);
    CHECK(b3.version == 0);

    // The same shapes on other objects, and the shapes swapped: each set of columns its own statement.
    b3.title = "b3 title";
    b0.year = 1900;
    b1.title = "b1 title";
    l1.product = "apple";
    l2.qty = 20;
    l3.qty = 33;
    s.commit();

    auto book = [&](std::int64_t id) { return *f.row<Book>(c<&Book::id> == id); };
    auto line = [&](int no) {
        return *f.row<OrderLine>(c<&OrderLine::order_id> == o.id && c<&OrderLine::line_no> == no);
    };
    CHECK(book(b0.id).title == "new title");
    CHECK(book(b0.id).year == 1900);
    CHECK(book(b0.id).version == 2);
    CHECK(book(b1.id).title == "b1 title");
    CHECK(book(b1.id).year == std::nullopt);
    CHECK(book(b1.id).version == 2);
    CHECK(book(b2.id).author_id == a2.id);
    CHECK(book(b2.id).title == "moved");
    CHECK(book(b2.id).year == 1999);
    CHECK(book(b2.id).version == 1);
    CHECK(book(b3.id).title == "b3 title");
    CHECK(book(b3.id).year == 2003);
    CHECK(book(b3.id).author_id == a1.id);
    CHECK(book(b3.id).version == 1);
    CHECK(line(1).product == "apple");
    CHECK(line(1).qty == 10);
    CHECK(line(2).product == "pear");
    CHECK(line(2).qty == 20);
    CHECK(line(3).product == "plum");
    CHECK(line(3).qty == 33);
    CHECK(f.rows<OrderLine>() == 3);
}

TEST_CASE("lifecycle: the same changed column on six models in one flush — each model gets its own UPDATE") {
    fixture f;
    Author author{0, "author"};
    Tag tag{0, "tag"};
    Club club{0, "club"};
    Country country{"fr", "France"};
    Item item{0, "sku-1", 1};
    Order order{0, "customer"};
    for (int copy = 0; copy < 2; ++copy) {  // a second row of each, left alone
        author.id = tag.id = club.id = item.id = order.id = 0;
        f.check.execute(retort::insert(author));
        f.check.execute(retort::insert(tag));
        f.check.execute(retort::insert(club));
        f.check.execute(retort::insert(item));
        f.check.execute(retort::insert(order));
        f.check.execute(retort::insert(country));
        country.code = "de";
        item.sku = "sku-2";
    }
    // The objects changed are the second rows (the first ones keep their values); all are
    // loaded before any change, so that nothing is flushed before the commit.
    retort::session s{f.engine};
    Author& a = s.get_one<Author>(author.id);
    Tag& t = s.get_one<Tag>(tag.id);
    Club& cl = s.get_one<Club>(club.id);
    Country& co = s.get_one<Country>(std::string("de"));
    Item& it = s.get_one<Item>(item.id);
    Order& o = s.get_one<Order>(order.id);
    a.name = "author, changed";  // column 1 of each model
    t.label = "tag, changed";
    cl.name = "club, changed";
    co.name = "Germany";
    it.sku = "sku-changed";
    o.customer = "customer, changed";
    auto m = f.rec->mark();
    s.commit();
    for (std::string_view table :
         {"ormt_authors", "ormt_tags", "ormt_clubs", "ormt_countries", "ormt_items", "ormt_orders"})
        CHECK_MESSAGE(f.rec->count_since(m, "UPDATE \"" + std::string(table) + "\"") == 1, table,
                      join(f.rec->since(m)));

    auto authors = f.check.execute(retort::select<Author>().order_by(c<&Author::id>)).all();
    REQUIRE(authors.size() == 2);
    CHECK(authors[0].name == "author");
    CHECK(authors[1].name == "author, changed");
    auto tags = f.check.execute(retort::select<Tag>().order_by(c<&Tag::id>)).all();
    REQUIRE(tags.size() == 2);
    CHECK(tags[0].label == "tag");
    CHECK(tags[1].label == "tag, changed");
    auto clubs = f.check.execute(retort::select<Club>().order_by(c<&Club::id>)).all();
    REQUIRE(clubs.size() == 2);
    CHECK(clubs[0].name == "club");
    CHECK(clubs[1].name == "club, changed");
    CHECK(f.row<Country>(c<&Country::code> == "fr")->name == "France");
    CHECK(f.row<Country>(c<&Country::code> == "de")->name == "Germany");
    auto items = f.check.execute(retort::select<Item>().order_by(c<&Item::id>)).all();
    REQUIRE(items.size() == 2);
    CHECK(items[0].sku == "sku-1");
    CHECK(items[1].sku == "sku-changed");
    CHECK(items[1].qty == 1);
    auto orders = f.check.execute(retort::select<Order>().order_by(c<&Order::id>)).all();
    REQUIRE(orders.size() == 2);
    CHECK(orders[0].customer == "customer");
    CHECK(orders[1].customer == "customer, changed");
}

TEST_CASE("lifecycle: a 70-column model — changes on either side of column 64 are written, one UPDATE shape each") {
    fixture f;
    retort::drop_all<Wide>(f.check);
    retort::create_all<Wide>(f.check);
    Wide seed{};
    f.check.execute(retort::insert(seed));
    Wide other{};
    f.check.execute(retort::insert(other));

    retort::session s{f.engine};
    Wide& w = s.get_one<Wide>(seed.id);
    w.c64 = 64;  // field 64: bit 0 of the mask's second word
    CHECK(s.changed_columns(w) == std::vector<std::string_view>{"c64"});
    auto m = f.rec->mark();
    s.flush();
    auto sent = updates_since(f, m);
    CHECK(sent == std::vector<std::string>{in_dialect(f, R"(UPDATE "ormt_wide" SET "c64" = ? WHERE "id" = ?)")});

    w.c65 = 65;  // the same first word (zero), another second word
    m = f.rec->mark();
    s.flush();
    sent = updates_since(f, m);
    CHECK(sent == std::vector<std::string>{in_dialect(f, R"(UPDATE "ormt_wide" SET "c65" = ? WHERE "id" = ?)")});

    w.c63 = 63;  // the last bit of the first word, with one of the second
    w.c69 = 69;
    w.c01 = 1;
    CHECK(s.changed_columns(w) == std::vector<std::string_view>{"c01", "c63", "c69"});
    m = f.rec->mark();
    s.flush();
    sent = updates_since(f, m);
    CHECK(sent == std::vector<std::string>{
                      in_dialect(f, R"(UPDATE "ormt_wide" SET "c01" = ?, "c63" = ?, "c69" = ? WHERE "id" = ?)")});
    Wide& x = s.get_one<Wide>(other.id);
    x.c64 = -64;  // a shape already prepared, on another object
    s.commit();

    const auto row = f.row<Wide>(c<&Wide::id> == seed.id);
    REQUIRE(row.has_value());
    CHECK(row->c01 == 1);
    CHECK(row->c02 == 0);
    CHECK(row->c62 == 0);
    CHECK(row->c63 == 63);
    CHECK(row->c64 == 64);
    CHECK(row->c65 == 65);
    CHECK(row->c66 == 0);
    CHECK(row->c68 == 0);
    CHECK(row->c69 == 69);
    const auto row2 = f.row<Wide>(c<&Wide::id> == other.id);
    REQUIRE(row2.has_value());
    CHECK(row2->c64 == -64);
    CHECK(row2->c65 == 0);
    CHECK(row2->c63 == 0);
}

// ---- self-referential inserts over many entries ----------------------------------------------

TEST_CASE("lifecycle: a 70-level management chain added leaf first is inserted managers first, no UPDATE") {
    fixture f;
    constexpr int n = 70;
    retort::session s{f.engine};
    std::vector<Employee*> e;  // e[0] reports to e[1] ... e[69] is the top
    for (int i = 0; i < n; ++i)
        e.push_back(&s.add(Employee{0, std::nullopt, "employee at level " + std::to_string(i) + " of the chain"}));
    for (int i = 0; i + 1 < n; ++i) s.link<"manager">(*e[i], e[i + 1]);
    auto m = f.rec->mark();
    s.commit();
    CHECK(f.rec->count_since(m, R"(INSERT INTO "ormt_employees")") == static_cast<std::size_t>(n));
    CHECK_MESSAGE(f.rec->count_since(m, R"(UPDATE "ormt_employees")") == 0, join(f.rec->since(m)));
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        CHECK(s.state_of(*e[i]) == object_state::persistent);
        CHECK(e[i]->name == "employee at level " + std::to_string(i) + " of the chain");
        const auto row = f.row<Employee>(c<&Employee::id> == e[i]->id);
        REQUIRE(row.has_value());
        CHECK(row->name == e[i]->name);
        if (i + 1 < n) {
            CHECK(e[i]->manager_id == e[i + 1]->id);
            CHECK(row->manager_id == e[i + 1]->id);
            CHECK(e[i]->id > e[i + 1]->id);  // the manager's row came first
            CHECK(s.related<"manager">(*e[i]) == e[i + 1]);
        } else {
            CHECK(row->manager_id == std::nullopt);
        }
    }
    CHECK(f.rows<Employee>() == n);
}

// ---- a query's objects --------------------------------------------------------------------------

TEST_CASE("lifecycle: a query's objects keep naming the same objects while the session loads more, expunges and "
          "closes") {
    fixture f;
    constexpr int n = 80;
    const auto seeded = seed_authors(f, n);
    retort::session s{f.engine};
    auto first = s.query<Author>().where(c<&Author::id> <= seeded[9].id).order_by(c<&Author::id>).all();
    REQUIRE(first.size() == 10);
    std::vector<Author*> held;
    for (Author& x : first) held.push_back(&x);

    // 70 more objects: the store's lists and arena grow under the first result.
    auto by_name_desc = s.query<Author>().order_by(retort::desc(c<&Author::name>)).all();
    REQUIRE(by_name_desc.size() == static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < first.size(); ++i) {
        CAPTURE(i);
        CHECK(&first[i] == held[i]);
        CHECK(first[i].name == name_of(static_cast<int>(i)));
        CHECK(&by_name_desc[n - 1 - i] == held[i]);
    }
    // Random access over three arena blocks.
    CHECK(by_name_desc.end() - by_name_desc.begin() == n);
    CHECK((by_name_desc.begin() + 64)->name == name_of(n - 1 - 64));
    CHECK((by_name_desc.end() - 33)->name == name_of(32));
    CHECK(by_name_desc.begin()[31].name == name_of(n - 32));
    CHECK(std::ranges::distance(by_name_desc) == n);
    const auto it = std::ranges::lower_bound(by_name_desc, name_of(40), std::ranges::greater{}, &Author::name);
    CHECK(it - by_name_desc.begin() == n - 1 - 40);
    CHECK(it->id == seeded[40].id);
    std::vector<std::string> reversed;
    for (Author& x : by_name_desc | std::views::reverse) reversed.push_back(x.name);
    REQUIRE(reversed.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(reversed[i] == name_of(i));

    std::vector<Author*> sorted;
    for (Author& x : by_name_desc) sorted.push_back(&x);
    std::ranges::sort(sorted, std::less{}, &Author::id);
    auto by_id = s.query<Author>().order_by(c<&Author::id>).all();
    REQUIRE(by_id.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(sorted[i] == &by_id[i]);

    // An expunged object stays in the result; a new query gives a new object for its row.
    Author& gone = first[3];
    s.expunge(gone);
    gone.name = "expunged";
    auto later = s.query<Author>().where(c<&Author::id> == seeded[3].id).all();
    REQUIRE(later.size() == 1);
    CHECK(&later[0] != &first[3]);
    CHECK(later[0].name == name_of(3));
    CHECK(&first[3] == held[3]);
    CHECK(first[3].name == "expunged");
    CHECK(s.state_of(first[3]) == object_state::detached);

    s.close();  // every object detached; their memory stays until the session dies
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        CHECK(s.state_of(by_id[i]) == object_state::detached);
        CHECK(by_id[i].id == seeded[i].id);
        if (i != 3) CHECK(by_id[i].name == name_of(i));
    }
    CHECK(s.size() == 0);
}

// ---- many-to-many, both sides ------------------------------------------------------------------

TEST_CASE("lifecycle: a book's 40 tags — erase 10, add 5 new, erase 1 from the tag's side; rows and both sides "
          "follow, a rollback reloads them") {
    fixture f;
    Author author{0, "a"};
    f.check.execute(retort::insert(author));
    Book seeded{0, author.id, "b", std::nullopt, 0};
    f.check.execute(retort::insert(seeded));
    Book untouched{0, author.id, "untouched", std::nullopt, 0};
    f.check.execute(retort::insert(untouched));
    {
        auto tx = f.check.begin();
        for (int i = 0; i < 40; ++i) {
            Tag t{0, "tag " + std::string(i < 10 ? "0" : "") + std::to_string(i)};
            f.check.execute(retort::insert(t));
            f.check.execute(retort::insert(BookTag{seeded.id, t.id}));
            if (i % 2 == 0) f.check.execute(retort::insert(BookTag{untouched.id, t.id}));
        }
        tx.commit();
    }

    retort::session s{f.engine};
    Book& b = s.query<Book>().where(c<&Book::id> == seeded.id).options(retort::selectin<"tags">).one();
    Book& u = s.get_one<Book>(untouched.id);
    auto tags = s.query<Tag>().options(retort::selectin<"books">).order_by(c<&Tag::label>).all();
    REQUIRE(tags.size() == 40);
    auto btags = s.related<"tags">(b);
    REQUIRE(btags.size() == 40);
    for (int i = 0; i < 40; ++i) {
        CAPTURE(i);
        CHECK(btags.contains(tags[i]));
        CHECK(s.related<"books">(tags[i]).contains(b));
        CHECK(s.related<"books">(tags[i]).contains(u) == (i % 2 == 0));
    }

    auto erased = [](int i) { return i % 4 == 1; };
    for (int i = 0; i < 40; ++i)
        if (erased(i)) btags.erase(tags[i]);
    std::vector<Tag*> fresh;
    for (int i = 0; i < 5; ++i) fresh.push_back(&btags.push_back(Tag{0, "new " + std::to_string(i)}));
    CHECK(btags.size() == 35);
    for (int i = 0; i < 40; ++i) {
        CAPTURE(i);
        CHECK(s.related<"books">(tags[i]).contains(b) == !erased(i));  // the other side, before any flush
        CHECK(s.related<"books">(tags[i]).contains(u) == (i % 2 == 0));
    }
    auto m = f.rec->mark();
    s.flush();
    CHECK_MESSAGE(f.rec->count_since(m, R"(DELETE FROM "ormt_book_tags")") == 10, join(f.rec->since(m)));
    CHECK_MESSAGE(f.rec->count_since(m, R"(INSERT INTO "ormt_book_tags")") == 5, join(f.rec->since(m)));

    s.related<"books">(tags[2]).erase(b);
    CHECK_FALSE(btags.contains(tags[2]));
    CHECK(s.related<"books">(tags[2]).contains(u));
    m = f.rec->mark();
    s.commit();
    CHECK_MESSAGE(f.rec->count_since(m, R"(DELETE FROM "ormt_book_tags")") == 1, join(f.rec->since(m)));

    std::set<std::int64_t> expected;
    for (int i = 0; i < 40; ++i)
        if (!erased(i) && i != 2) expected.insert(tags[i].id);
    for (Tag* t : fresh) expected.insert(t->id);
    REQUIRE(expected.size() == 34);
    std::set<std::int64_t> of_b, of_u;
    for (const BookTag& r : f.all<BookTag>()) (r.book_id == b.id ? of_b : of_u).insert(r.tag_id);
    CHECK(of_b == expected);
    CHECK(of_u.size() == 20);
    CHECK(btags.size() == 34);

    // Flushed, then rolled back: the rows stay, and the collection reloads the same objects.
    for (int i : {0, 4, 8}) btags.erase(tags[i]);
    s.flush();
    s.rollback();
    std::set<std::int64_t> after;
    for (const BookTag& r : f.all<BookTag>())
        if (r.book_id == b.id) after.insert(r.tag_id);
    CHECK(after == expected);
    auto reloaded = s.related<"tags">(b);
    CHECK(reloaded.size() == 34);
    for (int i : {0, 4, 8}) CHECK(reloaded.contains(tags[i]));
    for (Tag* t : fresh) CHECK(reloaded.contains(*t));
    CHECK_FALSE(reloaded.contains(tags[1]));
}
