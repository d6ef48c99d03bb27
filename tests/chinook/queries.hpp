// tests/chinook/queries.hpp — the 15 queries of tests/data/chinook/queries.*.sql in
// retort's DSL, each written once as a function template over a schema S
// (chinook::sqlite_schema::schema or chinook::pg_schema::schema, see models.hpp).
//
// Where the engines need different SQL the schema supplies the expression (S::year_month,
// S::year, S::email_domain, S::sum_money, S::avg_money, S::round2, S::exact, S::mul,
// S::sub, S::div). Where the DSL cannot say what the reference SQL says, the query is
// rewritten into an equivalent form and the comment above it says why (the library
// limitations are listed in README.md).
//
// Derived tables (FROM (SELECT ...) AS t) are written as CTEs: retort::derived does not
// compile with -fsanitize=undefined on GCC 12 (the ASan+UBSan build of scripts/test),
// README.md item 4. The rows are the same.
#pragma once

#include "models.hpp"

namespace chinook {

using retort::c;

// ---- rows of the CTEs (declared below as tables named "t", "x" ...) ------------------

template <class S>
struct q06_ranked {
    std::optional<std::string> country;
    std::string customer;
    std::optional<typename S::numeric> spent;
    std::int64_t rnk;
};
template <class S>
struct q07_invoice_month {
    std::string month;
    typename S::money total;
};
template <class S>
struct q10_ranked {
    std::optional<std::string> genre;
    std::string track;
    std::int64_t milliseconds;
    std::int64_t rn;
};
template <class S>
struct q15_yearly {
    std::string year;
    std::optional<typename S::numeric> revenue;
};

}  // namespace chinook

template <class S>
inline constexpr auto retort::table_of<chinook::q06_ranked<S>> = retort::table<chinook::q06_ranked<S>>("t");
template <class S>
inline constexpr auto retort::table_of<chinook::q07_invoice_month<S>> =
    retort::table<chinook::q07_invoice_month<S>>("m");
template <class S>
inline constexpr auto retort::table_of<chinook::q10_ranked<S>> = retort::table<chinook::q10_ranked<S>>("x");
template <class S>
inline constexpr auto retort::table_of<chinook::q15_yearly<S>> = retort::table<chinook::q15_yearly<S>>("yearly");

namespace chinook {

/// q01 Top 10 artists by number of tracks.
template <class S>
constexpr auto q01() {
    using Ar = typename S::artist;
    using Al = typename S::album;
    using T = typename S::track;
    return retort::select(c<&Ar::name>, retort::count(c<&T::track_id>))
        .template from<Ar>()
        .template join<Al>(c<&Al::artist_id> == c<&Ar::artist_id>)
        .template join<T>(c<&T::album_id> == c<&Al::album_id>)
        .group_by(c<&Ar::artist_id>, c<&Ar::name>)
        .order_by(retort::desc(retort::count(c<&T::track_id>)), c<&Ar::name>)
        .limit(10);
}

/// q02 Revenue per billing country, countries with at least 10 invoices.
template <class S>
constexpr auto q02() {
    using I = typename S::invoice;
    return retort::select(c<&I::billing_country>, retort::count(), S::round2(S::sum_money(c<&I::total>)))
        .group_by(c<&I::billing_country>)
        .having(retort::count() >= 10)
        .order_by(retort::desc(S::round2(S::sum_money(c<&I::total>))), c<&I::billing_country>);
}

/// q03 Sales by genre.
template <class S>
constexpr auto q03() {
    using IL = typename S::invoice_line;
    using T = typename S::track;
    using G = typename S::genre;
    const auto revenue = S::round2(S::sum_money(S::mul(c<&IL::unit_price>, c<&IL::quantity>)));
    return retort::select(c<&G::name>, retort::count(), retort::sum(c<&IL::quantity>), revenue)
        .template from<IL>()
        .template join<T>(c<&T::track_id> == c<&IL::track_id>)
        .template join<G>(c<&G::genre_id> == c<&T::genre_id>)
        .group_by(c<&G::genre_id>, c<&G::name>)
        .order_by(retort::desc(revenue), c<&G::name>);
}

/// q04 Employees with their manager and number of supported customers.
template <class S>
constexpr auto q04() {
    using E = typename S::employee;
    using C = typename S::customer;
    constexpr auto m = retort::alias<E, "m">;
    return retort::select(
               c<&E::employee_id>, c<&E::first_name> + " " + c<&E::last_name>, c<&E::title>,
               m(c<&E::first_name>) + " " + m(c<&E::last_name>),
               retort::scalar(retort::select(retort::count())
                                  .template from<C>()
                                  .where(c<&C::support_rep_id> == c<&E::employee_id>)))
        .template from<E>()
        .left_join(m, m(c<&E::employee_id>) == c<&E::reports_to>)
        .order_by(c<&E::employee_id>);
}

/// q05 Customers whose lifetime spend is above the average customer's.
template <class S>
constexpr auto q05() {
    using C = typename S::customer;
    using I = typename S::invoice;
    const auto spent = S::round2(S::sum_money(c<&I::total>));
    return retort::select(c<&C::customer_id>, c<&C::first_name>, c<&C::last_name>, c<&C::country>, spent)
        .template from<C>()
        .template join<I>(c<&I::customer_id> == c<&C::customer_id>)
        .group_by(c<&C::customer_id>, c<&C::first_name>, c<&C::last_name>, c<&C::country>)
        .having(S::sum_money(c<&I::total>) >
                retort::scalar(retort::select(S::div(S::sum_money(c<&I::total>), retort::count_distinct(c<&I::customer_id>)))
                                   .template from<I>()))
        .order_by(retort::desc(spent), c<&C::customer_id>);
}

/// q06 Best customer(s) per country (ties kept). The reference's derived table is a CTE here
/// (see the note at the top of this file). Ranked by ROUND(SUM(total), 2) on both
/// engines (the SQLite reference does so against float summation order; on PostgreSQL the
/// NUMERIC sum of 2-decimal values already has scale 2, so rounding changes nothing).
template <class S>
constexpr auto q06() {
    using C = typename S::customer;
    using I = typename S::invoice;
    using R = q06_ranked<S>;
    const auto spent = S::round2(S::sum_money(c<&I::total>));
    const auto ranked = retort::cte<R>(
        retort::select(c<&C::country>, c<&C::first_name> + " " + c<&C::last_name>, spent,
                       retort::rank().over(retort::partition_by(c<&C::country>), retort::order_by(retort::desc(spent))))
            .template from<C>()
            .template join<I>(c<&I::customer_id> == c<&C::customer_id>)
            .group_by(c<&C::customer_id>, c<&C::country>, c<&C::first_name>, c<&C::last_name>));
    return retort::select(c<&R::country>, c<&R::customer>, c<&R::spent>)
        .template from<R>()
        .with(ranked)
        .where(c<&R::rnk> == 1)
        .order_by(c<&R::country>, c<&R::customer>);
}

/// q07 Monthly revenue in 2024 with running total.
///
/// Rewritten: the reference groups by strftime('%Y-%m', InvoiceDate) / to_char(invoice_date,
/// 'YYYY-MM') directly. In retort the format string is a bound parameter, and each of its
/// occurrences is another one. GROUP BY and ORDER BY repeating the select-list expression
/// are written as its position (GROUP BY 1), but the running total's window ORDER BY is
/// not (a number there is a constant): OVER (ORDER BY to_char(d, $3)) is not the select
/// list's to_char(d, $1) to PostgreSQL, "column invoice.invoice_date must appear in the
/// GROUP BY clause". So the month is computed once, in a CTE, and the outer query groups
/// by its column. Same rows on both engines.
template <class S>
constexpr auto q07() {
    using I = typename S::invoice;
    using M = q07_invoice_month<S>;
    const auto invoices = retort::cte<M>(
        retort::select(S::year_month(c<&I::invoice_date>), c<&I::total>)
            .where(c<&I::invoice_date> >= "2024-01-01" && c<&I::invoice_date> < "2025-01-01"));
    return retort::select(c<&M::month>, retort::count(), S::round2(S::sum_money(c<&M::total>)),
                          S::round2(S::sum_money(S::sum_money(c<&M::total>)).over(retort::order_by(c<&M::month>))))
        .template from<M>()
        .with(invoices)
        .group_by(c<&M::month>)
        .order_by(c<&M::month>);
}

/// q08 Tracks never sold, per media type.
template <class S>
constexpr auto q08() {
    using T = typename S::track;
    using MT = typename S::media_type;
    using IL = typename S::invoice_line;
    const auto unsold = retort::not_exists(
        retort::select(retort::value(1)).template from<IL>().where(c<&IL::track_id> == c<&T::track_id>));
    // THEN 1 ELSE 0 with bare parameters is CASE ... THEN $2 ELSE $3 END, which PostgreSQL
    // types as text ("function sum(text) does not exist"): the constants are cast.
    const auto one = retort::cast<std::int32_t>(retort::value(1));
    const auto zero = retort::cast<std::int32_t>(retort::value(0));
    return retort::select(c<&MT::name>, retort::count(), retort::sum(retort::case_when(unsold, one).else_(zero)))
        .template from<T>()
        .template join<MT>(c<&MT::media_type_id> == c<&T::media_type_id>)
        .group_by(c<&MT::media_type_id>, c<&MT::name>)
        .order_by(c<&MT::media_type_id>);
}

/// q09 Playlists with track count and total hours (empty playlists included).
template <class S>
constexpr auto q09() {
    using P = typename S::playlist;
    using PT = typename S::playlist_track;
    using T = typename S::track;
    return retort::select(c<&P::playlist_id>, c<&P::name>, retort::count(c<&PT::track_id>),
                          S::round2(S::div(retort::coalesce(retort::sum(c<&T::milliseconds>), 0), S::exact(3600000.0))))
        .template from<P>()
        .template left_join<PT>(c<&PT::playlist_id> == c<&P::playlist_id>)
        .template left_join<T>(c<&T::track_id> == c<&PT::track_id>)
        .group_by(c<&P::playlist_id>, c<&P::name>)
        .order_by(c<&P::playlist_id>);
}

/// q10 Longest track of each genre. The reference's derived table is a CTE here (see the
/// note at the top of this file).
template <class S>
constexpr auto q10() {
    using T = typename S::track;
    using G = typename S::genre;
    using X = q10_ranked<S>;
    const auto ranked = retort::cte<X>(
        retort::select(c<&G::name>, c<&T::name>, c<&T::milliseconds>,
                       retort::row_number().over(retort::partition_by(c<&G::genre_id>),
                                                 retort::order_by(retort::desc(c<&T::milliseconds>), c<&T::track_id>)))
            .template from<T>()
            .template join<G>(c<&G::genre_id> == c<&T::genre_id>));
    return retort::select(c<&X::genre>, c<&X::track>, c<&X::milliseconds>)
        .template from<X>()
        .with(ranked)
        .where(c<&X::rn> == 1)
        .order_by(c<&X::genre>);
}

/// q11 Lines of invoices 1, 2 and 100 with customer and track.
template <class S>
constexpr auto q11() {
    using I = typename S::invoice;
    using C = typename S::customer;
    using IL = typename S::invoice_line;
    using T = typename S::track;
    return retort::select(c<&I::invoice_id>, c<&I::invoice_date>, c<&C::first_name> + " " + c<&C::last_name>,
                          c<&T::name>, c<&IL::unit_price>, c<&IL::quantity>)
        .template from<I>()
        .template join<C>(c<&C::customer_id> == c<&I::customer_id>)
        .template join<IL>(c<&IL::invoice_id> == c<&I::invoice_id>)
        .template join<T>(c<&T::track_id> == c<&IL::track_id>)
        .where(retort::in(c<&I::invoice_id>, 1, 2, 100))
        .order_by(c<&I::invoice_id>, c<&IL::invoice_line_id>);
}

/// q12 Support representative performance.
template <class S>
constexpr auto q12() {
    using E = typename S::employee;
    using C = typename S::customer;
    using I = typename S::invoice;
    const auto rep = c<&E::first_name> + " " + c<&E::last_name>;
    const auto revenue = S::round2(S::sum_money(c<&I::total>));
    return retort::select(rep, retort::count_distinct(c<&C::customer_id>), retort::count(c<&I::invoice_id>), revenue,
                          S::round2(S::avg_money(c<&I::total>)))
        .template from<E>()
        .template join<C>(c<&C::support_rep_id> == c<&E::employee_id>)
        .template join<I>(c<&I::customer_id> == c<&C::customer_id>)
        .group_by(c<&E::employee_id>, c<&E::first_name>, c<&E::last_name>)
        .order_by(retort::desc(revenue), rep);
}

/// q13 Genres with tracks of unknown composer.
template <class S>
constexpr auto q13() {
    using T = typename S::track;
    using G = typename S::genre;
    // CAST(1 AS INTEGER): bare CASE parameters are text on PostgreSQL (see q08).
    const auto one = retort::cast<std::int32_t>(retort::value(1));
    const auto zero = retort::cast<std::int32_t>(retort::value(0));
    const auto without_composer = retort::sum(retort::case_when(retort::is_null(c<&T::composer>), one).else_(zero));
    return retort::select(c<&G::name>, retort::count(), retort::count(c<&T::composer>), without_composer,
                          retort::coalesce(retort::max(c<&T::composer>), "(none)"))
        .template from<T>()
        .template join<G>(c<&G::genre_id> == c<&T::genre_id>)
        .group_by(c<&G::genre_id>, c<&G::name>)
        .having(without_composer > 0)
        .order_by(retort::desc(without_composer), c<&G::name>);
}

/// q14 Customers per e-mail domain.
template <class S>
constexpr auto q14() {
    using C = typename S::customer;
    const auto domain = S::email_domain(c<&C::email>);
    return retort::select(domain, retort::count())
        .group_by(domain)
        .order_by(retort::desc(retort::count()), domain);
}

/// q15 Yearly revenue with previous year and percentage change.
template <class S>
constexpr auto q15() {
    using I = typename S::invoice;
    using Y = q15_yearly<S>;
    const auto yearly = retort::cte<Y>(retort::select(S::year(c<&I::invoice_date>), S::sum_money(c<&I::total>))
                                           .group_by(S::year(c<&I::invoice_date>)));
    const auto prev = retort::lag(c<&Y::revenue>).over(retort::order_by(c<&Y::year>));
    return retort::select(c<&Y::year>, S::round2(c<&Y::revenue>), S::round2(prev),
                          S::round2(S::div(S::mul(S::exact(100.0), S::sub(c<&Y::revenue>, prev)), prev)))
        .template from<Y>()
        .with(yearly)
        .order_by(c<&Y::year>);
}

}  // namespace chinook
