// tests/interop/models.hpp — the table the interop tests share (SQLiteCpp and libpqxx).
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct Account {
    std::int64_t id;
    std::string owner;
    double balance;
    std::optional<std::string> note;
};
template <>
inline constexpr auto retort::table_of<Account> =
    retort::table<Account>("interop_accounts", retort::primary_key<&Account::id>, retort::unique<&Account::owner>);

using retort::c;

/// The typed rows the tests read back: (owner, balance), by owner.
inline auto owners_query() {
    return retort::select(c<&Account::owner>, c<&Account::balance>).order_by(c<&Account::owner>);
}
