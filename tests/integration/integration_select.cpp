// tests/integration/integration_select.cpp — sELECT.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

// =======================================================================================
// 3. SELECT
// =======================================================================================

struct SelPerson {
    std::int64_t id;
    std::string name;
    std::optional<std::int32_t> age;
    double score;
};
template <>
inline constexpr auto retort::table_of<SelPerson> =
    retort::table<SelPerson>("sel_people", retort::primary_key<&SelPerson::id>);

/// ann 31 1.5 | bob NULL 2.5 | cid 25 3.5 | dan 40 0.5 | eve 31 4.0 (ids 1..5 in this order)
std::vector<SelPerson> make_sel_people(retort::connection& conn) {
    retort::drop_all<SelPerson>(conn);
    retort::create_all<SelPerson>(conn);
    std::vector<SelPerson> people{{0, "ann", 31, 1.5},
                                  {0, "bob", std::nullopt, 2.5},
                                  {0, "cid", 25, 3.5},
                                  {0, "dan", 40, 0.5},
                                  {0, "eve", 31, 4.0}};
    for (auto& p : people) conn.execute(retort::insert(p));
    return people;
}

/// The names of the people matching `condition`, in name order.
template <class Condition>
std::string names_where(retort::connection& conn, const Condition& condition) {
    return column_values(conn, retort::select(c<&SelPerson::name>).where(condition).order_by(c<&SelPerson::name>));
}

TEST_CASE("select<T>() reads whole structs; select(columns...) reads tuples") {
    database db;
    auto& conn = db.conn;
    const auto people = make_sel_people(conn);

    SUBCASE("whole structs, every field as inserted") {
        const auto rows = conn.execute(retort::select<SelPerson>().order_by(c<&SelPerson::id>)).all();
        REQUIRE(rows.size() == people.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(i);
            CHECK(rows[i].id == people[i].id);
            CHECK(rows[i].name == people[i].name);
            CHECK(rows[i].age == people[i].age);
            CHECK(rows[i].score == people[i].score);
        }
    }
    SUBCASE("chosen columns, in the order given, iterated with structured bindings") {
        std::vector<std::string> seen;
        for (const auto& [score, name, age] :
             conn.execute(retort::select(c<&SelPerson::score>, c<&SelPerson::name>, c<&SelPerson::age>)
                              .order_by(c<&SelPerson::id>)))
            seen.push_back(name + ':' + std::to_string(score) + ':' + (age ? std::to_string(*age) : "NULL"));
        CHECK(joined(seen) ==
              "ann:1.500000:31,bob:2.500000:NULL,cid:3.500000:25,dan:0.500000:40,eve:4.000000:31");
    }
    SUBCASE("an explicit from<T>() gives the same rows") {
        CHECK(column_values(conn, retort::select(c<&SelPerson::name>).from<SelPerson>().order_by(c<&SelPerson::id>)) ==
              "ann,bob,cid,dan,eve");
    }
}

TEST_CASE("where: every comparison operator, on integers, text and reals") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    CHECK(names_where(conn, c<&P::age> == 31) == "ann,eve");
    CHECK(names_where(conn, c<&P::age> != 31) == "cid,dan");  // NULL is neither equal nor unequal
    CHECK(names_where(conn, c<&P::age> < 31) == "cid");
    CHECK(names_where(conn, c<&P::age> <= 31) == "ann,cid,eve");
    CHECK(names_where(conn, c<&P::age> > 31) == "dan");
    CHECK(names_where(conn, c<&P::age> >= 31) == "ann,dan,eve");
    CHECK(names_where(conn, c<&P::name> == "cid") == "cid");
    CHECK(names_where(conn, c<&P::name> < "c") == "ann,bob");
    CHECK(names_where(conn, c<&P::name> >= std::string("dan")) == "dan,eve");
    CHECK(names_where(conn, c<&P::score> > 2.5) == "cid,eve");
    CHECK(names_where(conn, c<&P::score> <= 1.5) == "ann,dan");
    CHECK(names_where(conn, c<&P::id> == std::int64_t{3}) == "cid");
    CHECK(names_where(conn, c<&P::name> == "nobody").empty());
}

TEST_CASE("where: AND, OR, NOT, IS NULL, IS NOT NULL") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    CHECK(names_where(conn, c<&P::score> > 2.0 && c<&P::age> < 35) == "cid,eve");
    CHECK(names_where(conn, c<&P::age> == 25 || c<&P::name> == "dan") == "cid,dan");
    CHECK(names_where(conn, !(c<&P::age> > 30)) == "cid");  // NOT NULL-comparison is still NULL
    CHECK(names_where(conn, !(c<&P::name> == "ann")) == "bob,cid,dan,eve");
    CHECK(names_where(conn, retort::is_null(c<&P::age>)) == "bob");
    CHECK(names_where(conn, retort::is_not_null(c<&P::age>)) == "ann,cid,dan,eve");
    // OR inside AND keeps its parentheses: (age = 31 OR age IS NULL) AND score > 2
    CHECK(names_where(conn, (c<&P::age> == 31 || retort::is_null(c<&P::age>)) && c<&P::score> > 2.0) == "bob,eve");
    CHECK(names_where(conn, c<&P::score> > 2.0 && (c<&P::age> == 31 || retort::is_null(c<&P::age>))) == "bob,eve");
    CHECK(names_where(conn, c<&P::age> == 31 || (retort::is_null(c<&P::age>) && c<&P::score> > 3.0)) == "ann,eve");
    CHECK(names_where(conn, !(retort::is_null(c<&P::age>) || c<&P::age> < 30)) == "ann,dan,eve");
}

TEST_CASE("order_by with asc/desc and several terms; limit; offset alone and with limit") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;
    const auto with_age = retort::is_not_null(c<&P::age>);

    CHECK(column_values(conn, retort::select(c<&P::name>).order_by(retort::desc(c<&P::score>))) ==
          "eve,cid,bob,ann,dan");
    CHECK(column_values(conn, retort::select(c<&P::name>).order_by(retort::asc(c<&P::score>))) ==
          "dan,ann,bob,cid,eve");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(retort::desc(c<&P::age>), retort::asc(c<&P::name>))) ==
          "dan,ann,eve,cid");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(retort::asc(c<&P::age>), retort::desc(c<&P::name>))) ==
          "cid,eve,ann,dan");
    CHECK(column_values(conn, retort::select(c<&P::name>)
                                  .where(with_age)
                                  .order_by(c<&P::age>, retort::desc(c<&P::score>), c<&P::name>)) ==
          "cid,eve,ann,dan");

    const auto by_id = retort::select(c<&P::name>).order_by(c<&P::id>);
    CHECK(column_values(conn, by_id.limit(2)) == "ann,bob");
    CHECK(column_values(conn, by_id.limit(0)).empty());
    CHECK(column_values(conn, by_id.limit(100)) == "ann,bob,cid,dan,eve");
    CHECK(column_values(conn, by_id.offset(3)) == "dan,eve");
    CHECK(column_values(conn, by_id.offset(0)) == "ann,bob,cid,dan,eve");
    CHECK(column_values(conn, by_id.offset(5)).empty());
    CHECK(column_values(conn, by_id.limit(2).offset(1)) == "bob,cid");
    CHECK(column_values(conn, by_id.offset(4).limit(10)) == "eve");
}

TEST_CASE("first(), one() and all(), including empty results") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    SUBCASE("first() gives the first row in order, or nullopt") {
        const auto best = conn.execute(retort::select<P>().order_by(retort::desc(c<&P::score>))).first();
        REQUIRE(best.has_value());
        CHECK(best->name == "eve");
        CHECK(best->score == 4.0);
        CHECK_FALSE(conn.execute(retort::select<P>().where(c<&P::age> > 100)).first().has_value());
        const auto bob_age = conn.execute(retort::select(c<&P::age>).where(c<&P::name> == "bob")).first();
        REQUIRE(bob_age.has_value());
        CHECK_FALSE(std::get<0>(*bob_age).has_value());  // a row whose value is NULL, not "no row"
    }
    SUBCASE("one() gives the only row, and refuses none or several") {
        const auto cid = conn.execute(retort::select<P>().where(c<&P::name> == "cid")).one();
        CHECK(cid.age == std::optional<std::int32_t>(25));
        CHECK(cid.score == 3.5);
        CHECK_THROWS_AS(conn.execute(retort::select<P>().where(c<&P::name> == "zed")).one(), retort::data_error);
        CHECK_THROWS_AS(conn.execute(retort::select<P>().where(c<&P::age> == 31)).one(), retort::data_error);
        // The statement is usable again after those errors.
        CHECK(conn.execute(retort::select<P>().where(c<&P::name> == "dan")).one().age ==
              std::optional<std::int32_t>(40));
    }
    SUBCASE("all() and iteration on an empty result") {
        CHECK(conn.execute(retort::select<P>().where(c<&P::score> < 0.0)).all().empty());
        int iterations = 0;
        for (const auto& row : conn.execute(retort::select<P>().where(c<&P::score> < 0.0))) {
            (void)row;
            ++iterations;
        }
        CHECK(iterations == 0);
        CHECK(conn.execute(retort::select(c<&P::name>).where(c<&P::score> < 0.0)).all().empty());
    }
    SUBCASE("an empty table") {
        conn.execute(retort::delete_from<P>());
        CHECK(conn.execute(retort::select<P>()).all().empty());
        CHECK_FALSE(conn.execute(retort::select<P>()).first().has_value());
    }
}

TEST_CASE("a result outlives the temporary select it came from, and open results keep their own values") {
    database db;
    auto& conn = db.conn;
    make_sel_people(conn);
    using P = SelPerson;

    // The statement (and the std::string it binds) is a temporary: gone before the first row is read.
    auto bob = conn.execute(retort::select(c<&P::id>).where(c<&P::name> == std::string("bob")));
    auto cid = conn.execute(retort::select(c<&P::id>, c<&P::score>).where(c<&P::name> == std::string("cid")));
    const auto bob_rows = bob.all();
    const auto cid_rows = cid.all();
    REQUIRE(bob_rows.size() == 1);
    CHECK(std::get<0>(bob_rows[0]) == 2);
    REQUIRE(cid_rows.size() == 1);
    CHECK(std::get<1>(cid_rows[0]) == 3.5);
}
