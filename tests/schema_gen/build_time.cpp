// tests/schema_gen/build_time.cpp — models generated at build time from Chinook's SQLite
// script (a custom_target with schema_gen_from_sqlite), compiled here: if the header did
// not compile, or a query below named a column the script does not have, the build fails.
#include <doctest/doctest.h>

#include <retort/inspect/check.hpp>
#include <retort/retort.hpp>

#include "chinook_models.hpp"
#include "support.hpp"

using retort::c;

TEST_CASE("build time: models generated from Chinook_Sqlite.sql read the database the script makes") {
    auto e = retort::create_engine("sqlite:///:memory:");
    auto conn = e.connect();
    conn.execute_script(test_support::read_text(test_support::data_dir() + "/sqlite/Chinook_Sqlite.sql"));
    static_assert(retort::sql<decltype(retort::select(c<&chinook::Track::Name>)), retort::sqlite> ==
                  R"(SELECT "Track"."Name" FROM "Track")");
    const auto acdc = conn.execute(retort::select<chinook::Album>()
                                       .where(c<&chinook::Album::ArtistId> == 1)
                                       .order_by(c<&chinook::Album::AlbumId>))
                          .all();
    REQUIRE(acdc.size() == 2);
    CHECK(acdc[0].Title == "For Those About To Rock We Salute You");
    CHECK(acdc[1].Title == "Let There Be Rock");
    CHECK(conn.execute(retort::select<chinook::Track>()).all().size() == 3503);
    CHECK(retort::check_schema<chinook::Album, chinook::Artist, chinook::Track>(conn).ok());
}
