// tests/integration/integration_values.cpp — round trips of every value type.
// Part of the integration suite (one program per database): see integration_support.hpp.
#include "integration_support.hpp"

// =======================================================================================
// 5. Round trips of every value type
// =======================================================================================

struct RtValues {
    std::int64_t id;
    std::int8_t i8;
    std::int16_t i16;
    std::int32_t i32;
    std::int64_t i64;
    std::uint8_t u8;
    std::uint16_t u16;
    std::uint32_t u32;
    std::uint64_t u64;
    bool flag;
    float f32;
    double f64;
    std::string text;
    retort::blob data;
    micros_time stamp;
    std::optional<std::int32_t> opt_int;
    std::optional<std::int64_t> opt_big;
    std::optional<bool> opt_flag;
    std::optional<double> opt_real;
    std::optional<std::string> opt_text;
    std::optional<retort::blob> opt_data;
    std::optional<micros_time> opt_stamp;
};
template <>
inline constexpr auto retort::table_of<RtValues> =
    retort::table<RtValues>("rt_values", retort::primary_key<&RtValues::id>);

struct RtText {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<RtText> = retort::table<RtText>("rt_texts", retort::primary_key<&RtText::id>);

struct RtTimes {
    std::int64_t id;
    micros_time micros;
    std::chrono::sys_seconds seconds;
};
template <>
inline constexpr auto retort::table_of<RtTimes> = retort::table<RtTimes>("rt_times", retort::primary_key<&RtTimes::id>);

void check_same(const RtValues& got, const RtValues& want) {
    CHECK(got.id == want.id);
    CHECK(got.i8 == want.i8);
    CHECK(got.i16 == want.i16);
    CHECK(got.i32 == want.i32);
    CHECK(got.i64 == want.i64);
    CHECK(got.u8 == want.u8);
    CHECK(got.u16 == want.u16);
    CHECK(got.u32 == want.u32);
    CHECK(got.u64 == want.u64);
    CHECK(got.flag == want.flag);
    CHECK(got.f32 == want.f32);
    CHECK(got.f64 == want.f64);
    CHECK(got.text == want.text);
    CHECK(got.data == want.data);
    CHECK(got.stamp == want.stamp);
    CHECK(got.opt_int == want.opt_int);
    CHECK(got.opt_big == want.opt_big);
    CHECK(got.opt_flag == want.opt_flag);
    CHECK(got.opt_real == want.opt_real);
    CHECK(got.opt_text == want.opt_text);
    CHECK(got.opt_data == want.opt_data);
    CHECK(got.opt_stamp == want.opt_stamp);
}

TEST_CASE("every value type round-trips: integer limits, bool, float, double, text, blob, timestamp, optional") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtValues>(conn);
    retort::create_all<RtValues>(conn);
    using std::numeric_limits;
    using namespace std::chrono;

    RtValues lows{0,
                  numeric_limits<std::int8_t>::min(),
                  numeric_limits<std::int16_t>::min(),
                  numeric_limits<std::int32_t>::min(),
                  numeric_limits<std::int64_t>::min(),
                  0,
                  0,
                  0,
                  0,
                  false,
                  numeric_limits<float>::lowest(),
                  numeric_limits<double>::lowest(),
                  "",
                  {},
                  at(1969y / December / 31, 23h + 59min + 59s + 999999us),
                  numeric_limits<std::int32_t>::min(),
                  numeric_limits<std::int64_t>::min(),
                  false,
                  numeric_limits<double>::min(),
                  std::string(),
                  retort::blob{},
                  at(1970y / January / 1, 0us)};
    RtValues highs{0,
                   numeric_limits<std::int8_t>::max(),
                   numeric_limits<std::int16_t>::max(),
                   numeric_limits<std::int32_t>::max(),
                   numeric_limits<std::int64_t>::max(),
                   numeric_limits<std::uint8_t>::max(),
                   numeric_limits<std::uint16_t>::max(),
                   numeric_limits<std::uint32_t>::max(),
                   static_cast<std::uint64_t>(numeric_limits<std::int64_t>::max()),
                   true,
                   numeric_limits<float>::max(),
                   numeric_limits<double>::max(),
                   "it's \"quoted\"; -- not a comment \\ backslash",
                   bytes({0x00, 0x01, 0x7f, 0x80, 0xff, 0x00, '\\', '\'', 0x00}),
                   at(2024y / February / 29, 23h + 59min + 59s + 123456us),
                   numeric_limits<std::int32_t>::max(),
                   numeric_limits<std::int64_t>::max(),
                   true,
                   numeric_limits<double>::max(),
                   "h\xC3\xA9llo \xE2\x80\x94 \xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x8E\x89",  // héllo — 世界 🎉
                   bytes({0x00, 0x00, 0x00}),
                   at(9999y / December / 31, 23h + 59min + 59s + 999999us)};
    RtValues fractions{0,   -1,  -2,    -3,    -4,     1,   2,    3,
                       4,   true, 0.1f, 0.1,   "x",    bytes({0x00}), at(2000y / January / 1, 1us),
                       0,   0,   false, 1e-300, "0",   bytes({0xde, 0xad, 0xbe, 0xef}),
                       at(2038y / January / 19, 3h + 14min + 8s + 500000us)};
    RtValues nulls{0,    1,    1,           1,           1,           1,           1,           1,
                   1,    true, 3.25f,       3.141592653589793, "n", bytes({0x01}), at(2020y / June / 15, 12h),
                   std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};

    for (RtValues* v : {&lows, &highs, &fractions, &nulls}) conn.execute(retort::insert(*v));

    const auto rows = conn.execute(retort::select<RtValues>().order_by(c<&RtValues::id>)).all();
    REQUIRE(rows.size() == 4);
    SUBCASE("minimums, empty text and blob, a timestamp before 1970") { check_same(rows[0], lows); }
    SUBCASE("maximums, quotes, unicode, zero bytes, microseconds") { check_same(rows[1], highs); }
    SUBCASE("values that are not exact in binary (0.1f, 0.1) and small magnitudes") { check_same(rows[2], fractions); }
    SUBCASE("every optional unset reads back as nullopt") { check_same(rows[3], nulls); }
    SUBCASE("empty text and blob are not NULL") {
        CHECK(rows[0].opt_text == std::optional<std::string>(""));
        CHECK(rows[0].opt_data == std::optional<retort::blob>(retort::blob{}));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(retort::is_null(c<&RtValues::opt_text>))).all().size() ==
              1);
    }
    SUBCASE("values bound in WHERE find the same rows") {
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::i64> == numeric_limits<std::int64_t>::min()))
                  .one() == std::tuple<std::int64_t>(lows.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::u32> == numeric_limits<std::uint32_t>::max()))
                  .one() == std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::text> == highs.text)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::opt_text> == *highs.opt_text)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::stamp> == highs.stamp)).one() ==
              std::tuple<std::int64_t>(highs.id));
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::stamp> < fractions.stamp &&
                                                                   c<&RtValues::stamp> > lows.stamp))
                  .all()
                  .empty());
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::flag> == true)).all().size() == 3);
        CHECK(conn.execute(retort::select(c<&RtValues::id>).where(c<&RtValues::f64> == 0.1)).one() ==
              std::tuple<std::int64_t>(fractions.id));
    }
    SUBCASE("an update writes every type too") {
        CHECK(conn.execute(retort::update<RtValues>()
                               .set(c<&RtValues::i8> = std::int8_t{-100}, c<&RtValues::u64> = std::uint64_t{12345},
                                    c<&RtValues::data> = bytes({0x00, 0x10}), c<&RtValues::opt_flag> = true,
                                    c<&RtValues::stamp> = at(2001y / September / 9, 1h + 46min + 40s + 1us))
                               .where(c<&RtValues::id> == nulls.id)) == 1);
        const auto back = conn.execute(retort::select<RtValues>().where(c<&RtValues::id> == nulls.id)).one();
        CHECK(back.i8 == -100);
        CHECK(back.u64 == 12345u);
        CHECK(back.data == bytes({0x00, 0x10}));
        CHECK(back.opt_flag == std::optional<bool>(true));
        CHECK(back.stamp == at(2001y / September / 9, 1h + 46min + 40s + 1us));
    }
}

TEST_CASE("text round-trips byte for byte") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtText>(conn);
    retort::create_all<RtText>(conn);

    const std::vector<std::string> texts{
        "",
        "'",
        "''",
        "\"",
        "O'Brien said \"hi\"",
        "'; DROP TABLE rt_texts; --",
        "back\\slash \\x00 $1 ? %s",
        "tab\tnew\nline\rcr",
        "\xC3\xA9\xC3\xA0\xC3\xBC \xCE\xB1\xCE\xB2\xCE\xB3 \xD0\xB4\xD0\xB0 \xE2\x82\xAC \xF0\x9D\x84\x9E",
        std::string(10000, 'z'),
    };
    for (const auto& t : texts) conn.execute(retort::insert(RtText{0, t}));
    const auto rows = conn.execute(retort::select<RtText>().order_by(c<&RtText::id>)).all();
    REQUIRE(rows.size() == texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].text == texts[i]);
        CHECK(conn.execute(retort::select(c<&RtText::id>).where(c<&RtText::text> == texts[i])).one() ==
              std::tuple<std::int64_t>(rows[i].id));
    }
    CHECK(row_count<&RtText::id>(conn) == texts.size());  // the injection text was just text
}

TEST_CASE("text with an embedded NUL character round-trips, or is refused - never cut short") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtText>(conn);
    retort::create_all<RtText>(conn);
    const std::string with_nul("a\0b", 3);

    if constexpr (on_sqlite) {
        RtText row{0, with_nul};
        conn.execute(retort::insert(row));
        const auto back = conn.execute(retort::select<RtText>().where(c<&RtText::id> == row.id)).one();
        CHECK(back.text.size() == 3);
        CHECK(back.text == with_nul);
        CHECK(conn.execute(retort::select(c<&RtText::id>).where(c<&RtText::text> == with_nul)).all().size() == 1);
    } else {
        // PostgreSQL text cannot hold U+0000: storing it must be an error, not "a".
        CHECK_THROWS_AS(conn.execute(retort::insert(RtText{0, with_nul})), retort::data_error);
        const auto stored = conn.execute(retort::select(c<&RtText::text>)).all();
        CHECK_MESSAGE(stored.empty(), "the text was stored as '", std::get<0>(stored.front()), "'");
    }
}

TEST_CASE("timestamps of different precisions round-trip") {
    database db;
    auto& conn = db.conn;
    retort::drop_all<RtTimes>(conn);
    retort::create_all<RtTimes>(conn);
    using namespace std::chrono;

    const micros_time fine = at(2023y / March / 4, 5h + 6min + 7s + 89us);
    const sys_seconds coarse = sys_days{1999y / December / 31} + 23h + 59min + 59s;
    RtTimes row{0, fine, coarse};
    conn.execute(retort::insert(row));
    const auto back = conn.execute(retort::select<RtTimes>().where(c<&RtTimes::id> == row.id)).one();
    CHECK(back.micros == fine);
    CHECK(back.seconds == coarse);
    CHECK(conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::seconds> == coarse)).all().size() == 1);

    // Two open results, each with a timestamp bound at the same parameter position.
    RtTimes other{0, fine + 1s, coarse + 1s};
    conn.execute(retort::insert(other));
    auto first = conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::micros> == fine));
    auto second = conn.execute(retort::select(c<&RtTimes::id>).where(c<&RtTimes::seconds> == coarse + 1s));
    CHECK(first.one() == std::tuple<std::int64_t>(row.id));
    CHECK(second.one() == std::tuple<std::int64_t>(other.id));
}
