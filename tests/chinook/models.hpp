// tests/chinook/models.hpp — the Chinook sample database (tests/data/chinook) as
// retort models.
//
// One set of structs, each a template over the schema it is declared in: the field
// names are snake_case everywhere, and the schema decides the SQL names and the C++
// type of the NUMERIC(10,2) money columns:
//
//   chinook::sqlite_schema  tables "Album", columns "AlbumId" ... (the SQLite load);
//                           money is double (SQLite stores these NUMERIC values as REAL)
//   chinook::pg_schema      tables "album", columns "album_id" ... (the PostgreSQL load);
//                           money is retort::decimal<10, 2> (exact, read as the server's text)
//
// DATETIME / TIMESTAMP columns are std::string: SQLite holds them as text
// ("2021-01-01 00:00:00"), and PostgreSQL sends exactly that text for a TIMESTAMP
// without fraction, which is what queries.json records. (std::chrono::sys_time would
// read them too, but binds "...00.000000" on SQLite; see README.md, item 7.)
//
// Each schema struct also carries the few expressions whose SQL differs per engine
// (date formatting, string splitting, exact decimal constants); the queries in
// queries.hpp are written once over a schema S.
#pragma once

#include <retort/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace chinook {

template <class S>
struct Artist {
    std::int32_t artist_id;
    std::optional<std::string> name;
};

template <class S>
struct Album {
    std::int32_t album_id;
    std::string title;
    std::int32_t artist_id;
};

template <class S>
struct Customer {
    std::int32_t customer_id;
    std::string first_name;
    std::string last_name;
    std::optional<std::string> company;
    std::optional<std::string> address;
    std::optional<std::string> city;
    std::optional<std::string> state;
    std::optional<std::string> country;
    std::optional<std::string> postal_code;
    std::optional<std::string> phone;
    std::optional<std::string> fax;
    std::string email;
    std::optional<std::int32_t> support_rep_id;
};

template <class S>
struct Employee {
    std::int32_t employee_id;
    std::string last_name;
    std::string first_name;
    std::optional<std::string> title;
    std::optional<std::int32_t> reports_to;
    std::optional<std::string> birth_date;
    std::optional<std::string> hire_date;
    std::optional<std::string> address;
    std::optional<std::string> city;
    std::optional<std::string> state;
    std::optional<std::string> country;
    std::optional<std::string> postal_code;
    std::optional<std::string> phone;
    std::optional<std::string> fax;
    std::optional<std::string> email;
};

template <class S>
struct Genre {
    std::int32_t genre_id;
    std::optional<std::string> name;
};

template <class S>
struct Invoice {
    std::int32_t invoice_id;
    std::int32_t customer_id;
    std::string invoice_date;
    std::optional<std::string> billing_address;
    std::optional<std::string> billing_city;
    std::optional<std::string> billing_state;
    std::optional<std::string> billing_country;
    std::optional<std::string> billing_postal_code;
    typename S::money total;
};

template <class S>
struct InvoiceLine {
    std::int32_t invoice_line_id;
    std::int32_t invoice_id;
    std::int32_t track_id;
    typename S::money unit_price;
    std::int32_t quantity;
};

template <class S>
struct MediaType {
    std::int32_t media_type_id;
    std::optional<std::string> name;
};

template <class S>
struct Playlist {
    std::int32_t playlist_id;
    std::optional<std::string> name;
};

template <class S>
struct PlaylistTrack {
    std::int32_t playlist_id;
    std::int32_t track_id;
};

template <class S>
struct Track {
    std::int32_t track_id;
    std::string name;
    std::optional<std::int32_t> album_id;
    std::int32_t media_type_id;
    std::optional<std::int32_t> genre_id;
    std::optional<std::string> composer;
    std::int32_t milliseconds;
    std::optional<std::int32_t> bytes;
    typename S::money unit_price;
};

/// The models of schema S, as members: S::template model<...> would be noisier.
template <class S>
struct models {
    using artist = Artist<S>;
    using album = Album<S>;
    using customer = Customer<S>;
    using employee = Employee<S>;
    using genre = Genre<S>;
    using invoice = Invoice<S>;
    using invoice_line = InvoiceLine<S>;
    using media_type = MediaType<S>;
    using playlist = Playlist<S>;
    using playlist_track = PlaylistTrack<S>;
    using track = Track<S>;
};

/// T, or std::optional<T> when expression E may be NULL.
template <class E, class T>
using nullable_like_t = std::conditional_t<retort::is_nullable_v<E>, std::optional<T>, T>;

/// T, or std::optional<T> when operand A or B may be NULL (plain values never are).
template <class X>
inline constexpr bool operand_nullable_v = [] {
    if constexpr (retort::Expression<X>)
        return retort::is_nullable_v<X>;
    else
        return false;
}();
template <class A, class B, class T>
using nullable_like2_t =
    std::conditional_t<operand_nullable_v<std::remove_cvref_t<A>> || operand_nullable_v<std::remove_cvref_t<B>>,
                       std::optional<T>, T>;

// ---- SQLite ------------------------------------------------------------------------

namespace sqlite_schema {

struct schema : models<schema> {
    using dialect = retort::sqlite;
    /// NUMERIC(10,2): SQLite's NUMERIC affinity stores these values as REAL.
    using money = double;
    /// What arithmetic and aggregates over money yield: REAL.
    using numeric = double;

    /// strftime('%Y-%m', x): "2024-01".
    template <class E>
    static constexpr auto year_month(E&& e) {
        return retort::func<"strftime", std::string>("%Y-%m", std::forward<E>(e));
    }
    /// strftime('%Y', x): "2024".
    template <class E>
    static constexpr auto year(E&& e) {
        return retort::func<"strftime", std::string>("%Y", std::forward<E>(e));
    }
    /// substr(x, instr(x, '@') + 1): the part after the '@' (SQLite has no split_part).
    template <class E>
    static constexpr auto email_domain(const E& e) {
        return retort::func<"substr", std::string>(e, retort::func<"instr", std::int64_t>(e, "@") + 1);
    }
    /// SUM / AVG of money: retort's own aggregates (REAL in, REAL out).
    template <class E>
    static constexpr auto sum_money(E&& e) {
        return retort::sum(std::forward<E>(e));
    }
    template <class E>
    static constexpr auto avg_money(E&& e) {
        return retort::avg(std::forward<E>(e));
    }
    /// ROUND(x, 2): REAL on SQLite.
    template <class E>
    static constexpr auto round2(E&& e) {
        return retort::func<"ROUND", nullable_like_t<std::remove_cvref_t<E>, numeric>>(std::forward<E>(e), 2);
    }
    /// A decimal constant such as 3600000.0: a REAL parameter.
    static constexpr auto exact(double v) { return retort::value(v); }
    /// a * b, a - b, a / b on money: retort's operators (REAL arithmetic).
    template <class A, class B>
    static constexpr auto mul(A&& a, B&& b) {
        return std::forward<A>(a) * std::forward<B>(b);
    }
    template <class A, class B>
    static constexpr auto sub(A&& a, B&& b) {
        return std::forward<A>(a) - std::forward<B>(b);
    }
    template <class A, class B>
    static constexpr auto div(A&& a, B&& b) {
        return std::forward<A>(a) / std::forward<B>(b);
    }
};

using Artist = chinook::Artist<schema>;
using Album = chinook::Album<schema>;
using Customer = chinook::Customer<schema>;
using Employee = chinook::Employee<schema>;
using Genre = chinook::Genre<schema>;
using Invoice = chinook::Invoice<schema>;
using InvoiceLine = chinook::InvoiceLine<schema>;
using MediaType = chinook::MediaType<schema>;
using Playlist = chinook::Playlist<schema>;
using PlaylistTrack = chinook::PlaylistTrack<schema>;
using Track = chinook::Track<schema>;

}  // namespace sqlite_schema

// ---- PostgreSQL --------------------------------------------------------------------

namespace pg_schema {

struct schema : models<schema> {
    using dialect = retort::postgresql;
    /// NUMERIC(10,2): exact; read as the text the server sends ("0.99").
    using money = retort::decimal<10, 2>;
    /// What arithmetic and aggregates over money yield: NUMERIC, exact, as text.
    using numeric = retort::decimal<>;

    /// to_char(x, 'YYYY-MM'): "2024-01".
    template <class E>
    static constexpr auto year_month(E&& e) {
        return retort::func<"to_char", std::string>(std::forward<E>(e), "YYYY-MM");
    }
    /// to_char(x, 'YYYY'): "2024".
    template <class E>
    static constexpr auto year(E&& e) {
        return retort::func<"to_char", std::string>(std::forward<E>(e), "YYYY");
    }
    /// split_part(x, '@', 2): the part after the '@'.
    template <class E>
    static constexpr auto email_domain(const E& e) {
        return retort::func<"split_part", std::string>(e, "@", 2);
    }
    /// SUM / AVG of NUMERIC: PostgreSQL answers NUMERIC. retort::sum/avg reject
    /// retort::decimal arguments ("sum() and avg() need a numeric expression": decimal is
    /// not integer or real), so these use the typed escape hatch retort::aggregate.
    template <class E>
    static constexpr auto sum_money(E&& e) {
        return retort::aggregate<"SUM", std::optional<numeric>>(std::forward<E>(e));
    }
    template <class E>
    static constexpr auto avg_money(E&& e) {
        return retort::aggregate<"AVG", std::optional<numeric>>(std::forward<E>(e));
    }
    /// ROUND(x, 2): NUMERIC with scale 2 ("243.80"), read as the server's text.
    template <class E>
    static constexpr auto round2(E&& e) {
        return retort::func<"ROUND", nullable_like_t<std::remove_cvref_t<E>, numeric>>(std::forward<E>(e), 2);
    }
    /// A decimal constant such as 3600000.0: CAST($n AS NUMERIC). A bare parameter would
    /// take the type of the other operand (bigint / $n is integer division).
    static constexpr auto exact(double v) { return retort::cast<numeric>(retort::value(v)); }
    /// a * b, a - b, a / b on money. retort's operators reject retort::decimal operands
    /// ("arithmetic (- * /) needs numeric operands"), so these call the functions behind
    /// PostgreSQL's NUMERIC operators through the typed escape hatch retort::func:
    /// numeric_mul(a, b) is a * b (integer arguments are cast to NUMERIC implicitly).
    template <class A, class B>
    static constexpr auto mul(A&& a, B&& b) {
        return retort::func<"numeric_mul", nullable_like2_t<A, B, numeric>>(std::forward<A>(a), std::forward<B>(b));
    }
    template <class A, class B>
    static constexpr auto sub(A&& a, B&& b) {
        return retort::func<"numeric_sub", nullable_like2_t<A, B, numeric>>(std::forward<A>(a), std::forward<B>(b));
    }
    template <class A, class B>
    static constexpr auto div(A&& a, B&& b) {
        return retort::func<"numeric_div", nullable_like2_t<A, B, numeric>>(std::forward<A>(a), std::forward<B>(b));
    }
};

using Artist = chinook::Artist<schema>;
using Album = chinook::Album<schema>;
using Customer = chinook::Customer<schema>;
using Employee = chinook::Employee<schema>;
using Genre = chinook::Genre<schema>;
using Invoice = chinook::Invoice<schema>;
using InvoiceLine = chinook::InvoiceLine<schema>;
using MediaType = chinook::MediaType<schema>;
using Playlist = chinook::Playlist<schema>;
using PlaylistTrack = chinook::PlaylistTrack<schema>;
using Track = chinook::Track<schema>;

}  // namespace pg_schema

}  // namespace chinook

// ---- table declarations: SQLite (PascalCase names, as in sqlite/Chinook_Sqlite.sql) ------
// The keys are declared assigned (retort::assigned_key): the data comes with its ids.

template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Artist> = retort::table<chinook::sqlite_schema::Artist>(
    "Artist", retort::primary_key<&chinook::sqlite_schema::Artist::artist_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Artist::artist_id>("ArtistId"),
    retort::column_name<&chinook::sqlite_schema::Artist::name>("Name"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Album> = retort::table<chinook::sqlite_schema::Album>(
    "Album", retort::primary_key<&chinook::sqlite_schema::Album::album_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Album::album_id>("AlbumId"),
    retort::column_name<&chinook::sqlite_schema::Album::title>("Title"),
    retort::column_name<&chinook::sqlite_schema::Album::artist_id>("ArtistId"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Customer> = retort::table<chinook::sqlite_schema::Customer>(
    "Customer", retort::primary_key<&chinook::sqlite_schema::Customer::customer_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Customer::customer_id>("CustomerId"),
    retort::column_name<&chinook::sqlite_schema::Customer::first_name>("FirstName"),
    retort::column_name<&chinook::sqlite_schema::Customer::last_name>("LastName"),
    retort::column_name<&chinook::sqlite_schema::Customer::company>("Company"),
    retort::column_name<&chinook::sqlite_schema::Customer::address>("Address"),
    retort::column_name<&chinook::sqlite_schema::Customer::city>("City"),
    retort::column_name<&chinook::sqlite_schema::Customer::state>("State"),
    retort::column_name<&chinook::sqlite_schema::Customer::country>("Country"),
    retort::column_name<&chinook::sqlite_schema::Customer::postal_code>("PostalCode"),
    retort::column_name<&chinook::sqlite_schema::Customer::phone>("Phone"),
    retort::column_name<&chinook::sqlite_schema::Customer::fax>("Fax"),
    retort::column_name<&chinook::sqlite_schema::Customer::email>("Email"),
    retort::column_name<&chinook::sqlite_schema::Customer::support_rep_id>("SupportRepId"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Employee> = retort::table<chinook::sqlite_schema::Employee>(
    "Employee", retort::primary_key<&chinook::sqlite_schema::Employee::employee_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Employee::employee_id>("EmployeeId"),
    retort::column_name<&chinook::sqlite_schema::Employee::last_name>("LastName"),
    retort::column_name<&chinook::sqlite_schema::Employee::first_name>("FirstName"),
    retort::column_name<&chinook::sqlite_schema::Employee::title>("Title"),
    retort::column_name<&chinook::sqlite_schema::Employee::reports_to>("ReportsTo"),
    retort::column_name<&chinook::sqlite_schema::Employee::birth_date>("BirthDate"),
    retort::column_name<&chinook::sqlite_schema::Employee::hire_date>("HireDate"),
    retort::column_name<&chinook::sqlite_schema::Employee::address>("Address"),
    retort::column_name<&chinook::sqlite_schema::Employee::city>("City"),
    retort::column_name<&chinook::sqlite_schema::Employee::state>("State"),
    retort::column_name<&chinook::sqlite_schema::Employee::country>("Country"),
    retort::column_name<&chinook::sqlite_schema::Employee::postal_code>("PostalCode"),
    retort::column_name<&chinook::sqlite_schema::Employee::phone>("Phone"),
    retort::column_name<&chinook::sqlite_schema::Employee::fax>("Fax"),
    retort::column_name<&chinook::sqlite_schema::Employee::email>("Email"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Genre> = retort::table<chinook::sqlite_schema::Genre>(
    "Genre", retort::primary_key<&chinook::sqlite_schema::Genre::genre_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Genre::genre_id>("GenreId"),
    retort::column_name<&chinook::sqlite_schema::Genre::name>("Name"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Invoice> = retort::table<chinook::sqlite_schema::Invoice>(
    "Invoice", retort::primary_key<&chinook::sqlite_schema::Invoice::invoice_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Invoice::invoice_id>("InvoiceId"),
    retort::column_name<&chinook::sqlite_schema::Invoice::customer_id>("CustomerId"),
    retort::column_name<&chinook::sqlite_schema::Invoice::invoice_date>("InvoiceDate"),
    retort::column_name<&chinook::sqlite_schema::Invoice::billing_address>("BillingAddress"),
    retort::column_name<&chinook::sqlite_schema::Invoice::billing_city>("BillingCity"),
    retort::column_name<&chinook::sqlite_schema::Invoice::billing_state>("BillingState"),
    retort::column_name<&chinook::sqlite_schema::Invoice::billing_country>("BillingCountry"),
    retort::column_name<&chinook::sqlite_schema::Invoice::billing_postal_code>("BillingPostalCode"),
    retort::column_name<&chinook::sqlite_schema::Invoice::total>("Total"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::InvoiceLine> = retort::table<chinook::sqlite_schema::InvoiceLine>(
    "InvoiceLine", retort::primary_key<&chinook::sqlite_schema::InvoiceLine::invoice_line_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::InvoiceLine::invoice_line_id>("InvoiceLineId"),
    retort::column_name<&chinook::sqlite_schema::InvoiceLine::invoice_id>("InvoiceId"),
    retort::column_name<&chinook::sqlite_schema::InvoiceLine::track_id>("TrackId"),
    retort::column_name<&chinook::sqlite_schema::InvoiceLine::unit_price>("UnitPrice"),
    retort::column_name<&chinook::sqlite_schema::InvoiceLine::quantity>("Quantity"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::MediaType> = retort::table<chinook::sqlite_schema::MediaType>(
    "MediaType", retort::primary_key<&chinook::sqlite_schema::MediaType::media_type_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::MediaType::media_type_id>("MediaTypeId"),
    retort::column_name<&chinook::sqlite_schema::MediaType::name>("Name"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Playlist> = retort::table<chinook::sqlite_schema::Playlist>(
    "Playlist", retort::primary_key<&chinook::sqlite_schema::Playlist::playlist_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Playlist::playlist_id>("PlaylistId"),
    retort::column_name<&chinook::sqlite_schema::Playlist::name>("Name"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::PlaylistTrack> = retort::table<chinook::sqlite_schema::PlaylistTrack>(
    "PlaylistTrack", retort::primary_key<&chinook::sqlite_schema::PlaylistTrack::playlist_id, &chinook::sqlite_schema::PlaylistTrack::track_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::PlaylistTrack::playlist_id>("PlaylistId"),
    retort::column_name<&chinook::sqlite_schema::PlaylistTrack::track_id>("TrackId"));
template <>
inline constexpr auto retort::table_of<chinook::sqlite_schema::Track> = retort::table<chinook::sqlite_schema::Track>(
    "Track", retort::primary_key<&chinook::sqlite_schema::Track::track_id>, retort::assigned_key,
    retort::column_name<&chinook::sqlite_schema::Track::track_id>("TrackId"),
    retort::column_name<&chinook::sqlite_schema::Track::name>("Name"),
    retort::column_name<&chinook::sqlite_schema::Track::album_id>("AlbumId"),
    retort::column_name<&chinook::sqlite_schema::Track::media_type_id>("MediaTypeId"),
    retort::column_name<&chinook::sqlite_schema::Track::genre_id>("GenreId"),
    retort::column_name<&chinook::sqlite_schema::Track::composer>("Composer"),
    retort::column_name<&chinook::sqlite_schema::Track::milliseconds>("Milliseconds"),
    retort::column_name<&chinook::sqlite_schema::Track::bytes>("Bytes"),
    retort::column_name<&chinook::sqlite_schema::Track::unit_price>("UnitPrice"));

// ---- table declarations: PostgreSQL (snake_case names, as in pg/Chinook_PostgreSql.sql) --

template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Artist> =
    retort::table<chinook::pg_schema::Artist>("artist", retort::primary_key<&chinook::pg_schema::Artist::artist_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Album> =
    retort::table<chinook::pg_schema::Album>("album", retort::primary_key<&chinook::pg_schema::Album::album_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Customer> =
    retort::table<chinook::pg_schema::Customer>("customer", retort::primary_key<&chinook::pg_schema::Customer::customer_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Employee> =
    retort::table<chinook::pg_schema::Employee>("employee", retort::primary_key<&chinook::pg_schema::Employee::employee_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Genre> =
    retort::table<chinook::pg_schema::Genre>("genre", retort::primary_key<&chinook::pg_schema::Genre::genre_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Invoice> =
    retort::table<chinook::pg_schema::Invoice>("invoice", retort::primary_key<&chinook::pg_schema::Invoice::invoice_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::InvoiceLine> =
    retort::table<chinook::pg_schema::InvoiceLine>("invoice_line", retort::primary_key<&chinook::pg_schema::InvoiceLine::invoice_line_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::MediaType> =
    retort::table<chinook::pg_schema::MediaType>("media_type", retort::primary_key<&chinook::pg_schema::MediaType::media_type_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Playlist> =
    retort::table<chinook::pg_schema::Playlist>("playlist", retort::primary_key<&chinook::pg_schema::Playlist::playlist_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::PlaylistTrack> =
    retort::table<chinook::pg_schema::PlaylistTrack>("playlist_track", retort::primary_key<&chinook::pg_schema::PlaylistTrack::playlist_id, &chinook::pg_schema::PlaylistTrack::track_id>, retort::assigned_key);
template <>
inline constexpr auto retort::table_of<chinook::pg_schema::Track> =
    retort::table<chinook::pg_schema::Track>("track", retort::primary_key<&chinook::pg_schema::Track::track_id>, retort::assigned_key);
