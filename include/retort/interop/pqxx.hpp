// retort/interop/pqxx.hpp — retort statements on an existing libpqxx connection or transaction.
//
//   pqxx::connection pg{"postgresql://..."};
//   retort::connection conn = retort::adopt(pg);     // once: keeps the prepared statements
//   pqxx::work txn{pg};
//   txn.exec("UPDATE ...");                          // your SQL
//   conn.execute(retort::insert(user));              // retort's, in the same transaction
//   txn.commit();                                    // both, or neither
//
// The retort::connection borrows the PGconn underneath: the pqxx::connection keeps
// owning it and its transactions and must outlive the retort::connection. Including
// this header is the only place retort meets libpqxx: link your program with libpqxx
// (`pkg-config --libs libpqxx`), which you do already; libretort itself does not. See
// docs/interop.md.
//
// libpqxx 6.4 has no public accessor for its PGconn; it hands it, by design, to classes
// derived from pqxx::largeobject (largeobject::raw_connection(const dbtransaction&),
// protected), which is how this header reaches it. So the handle is read through a
// transaction: adopt(txn) uses the caller's, adopt(pg) opens a short pqxx::work (BEGIN,
// then ROLLBACK: two round trips, once) and therefore needs no transaction open on pg.
// A failed retort statement reaches adopt(txn)'s transaction as its pending error through
// pqxx::internal::transactionfocus, the class libpqxx's own streams and pipelines use.
#pragma once

#include <pqxx/version>

#if PQXX_VERSION_MAJOR != 6
#error "retort: retort/interop/pqxx.hpp is written for libpqxx 6 (Debian bookworm's libpqxx-dev 6.4); this libpqxx is another major version"
#endif

#include <pqxx/connection_base>
#include <pqxx/dbtransaction>
#include <pqxx/except>
#include <pqxx/largeobject>
#include <pqxx/transaction>

#include <concepts>
#include <string>

#include "retort/engine/adopt.hpp"
#include "retort/engine/error.hpp"

namespace retort {

namespace detail {

/// libpqxx's PGconn, through the accessor it keeps for large objects.
struct pqxx_handle : private pqxx::largeobject {
    static pg_conn* of(const pqxx::dbtransaction& txn) { return largeobject::raw_connection(txn); }
};

inline int pqxx_backend_pid(const void* owner) noexcept {
    return static_cast<const pqxx::connection_base*>(owner)->backendpid();
}

/// Hands a failure to a libpqxx transaction as its pending error (what libpqxx's own
/// streams and pipelines do), so that its next exec() or commit() throws pqxx::failure
/// instead of committing a transaction the server already rolled back.
struct pqxx_pending_error : pqxx::internal::transactionfocus {
    explicit pqxx_pending_error(pqxx::transaction_base& txn)
        : pqxx::internal::namedclass{"retort"}, transactionfocus{txn} {}
    static void report(void* txn, const char* message) noexcept {
        try {
            pqxx_pending_error{*static_cast<pqxx::transaction_base*>(txn)}.reg_pending_error(message);
        } catch (...) {  // out of memory: the server's failed transaction still refuses to commit
        }
    }
};

}  // namespace detail

/// Borrows the connection of `txn` (a pqxx::work, or any pqxx::dbtransaction) for the
/// life of `txn`: destroy the retort::connection before the transaction. A retort
/// statement that fails makes `txn`'s next exec() or commit() throw pqxx::failure.
inline connection adopt(pqxx::dbtransaction& txn, adopt_options options = {}) {
    const pqxx::connection_base& pg = txn.conn();
    return adopt(detail::pqxx_handle::of(txn), std::move(options),
                 postgresql_owner{&detail::pqxx_backend_pid, &pg, &detail::pqxx_pending_error::report,
                                  static_cast<pqxx::transaction_base*>(&txn)});
}

/// Borrows `pg`'s connection. No libpqxx transaction may be open on `pg` now (adopt the
/// transaction instead); afterwards open and close them as you like.
inline connection adopt(pqxx::connection_base& pg, adopt_options options = {}) {
    pg_conn* handle = nullptr;
    try {
        pqxx::work probe{pg, "retort adopt"};
        handle = detail::pqxx_handle::of(probe);
        probe.abort();
    } catch (const pqxx::broken_connection& e) {
        throw connection_error(std::string("retort: adopt(pqxx::connection&): the connection is not open (libpqxx: ") +
                               e.what() + ")");
    } catch (const pqxx::usage_error& e) {
        throw programming_error(
            std::string("retort: adopt(pqxx::connection&) needs the connection without an open libpqxx "
                        "transaction (libpqxx: ") +
            e.what() + "); adopt the open transaction instead: retort::adopt(txn)");
    }
    return adopt(handle, std::move(options), postgresql_owner{&detail::pqxx_backend_pid, &pg});
}

/// A pqxx::nontransaction (or another transaction_base that is no dbtransaction) has no
/// transaction to join, and libpqxx offers no handle through it.
template <class Txn>
    requires std::derived_from<Txn, pqxx::transaction_base> && (!std::derived_from<Txn, pqxx::dbtransaction>)
connection adopt(Txn&, adopt_options = {}) {
    static_assert(sizeof(Txn) == 0,
                  "retort: adopt() takes a pqxx::connection or a pqxx::dbtransaction (pqxx::work, "
                  "pqxx::read_transaction ...); a pqxx::nontransaction joins no transaction: adopt its connection "
                  "before opening it, retort::adopt(pg)");
    throw programming_error("retort: unreachable");
}

}  // namespace retort
