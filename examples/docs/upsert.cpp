// examples/docs/upsert.cpp — INSERT ... ON CONFLICT (docs/upsert.md): skip a duplicate,
// update the existing row from the proposed one, RETURNING the upserted row, many rows.
// Each "docs:begin NAME" region is quoted on the page; the test docs_snippets checks it.

// docs:begin models
#include <retort/retort.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

struct Account {
    std::int64_t id;  // generated
    std::string email;
    std::string name;
    std::int64_t logins;
};
template <>
inline constexpr auto retort::table_of<Account> =
    retort::table<Account>("accounts", retort::primary_key<&Account::id>, retort::unique<&Account::email>);

using retort::c;
// docs:end models

void print(retort::connection& conn) {
    for (auto [email, name, logins] :
         conn.execute(retort::select(c<&Account::email>, c<&Account::name>, c<&Account::logins>)
                          .order_by(c<&Account::email>)))
        std::cout << "  " << email << ' ' << name << ' ' << logins << '\n';
}

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<Account>(conn);
    conn.execute(retort::insert(Account{0, "ada@example.org", "Ada", 1}));

    // docs:begin nothing
    // A row whose email is taken is skipped; the key comes back empty.
    std::optional<std::int64_t> key =
        conn.execute(retort::insert(Account{0, "ada@example.org", "Other", 1}).on_conflict<&Account::email>().do_nothing());
    std::cout << "skipped: " << !key.has_value() << '\n';

    // Without a target, a row that violates any unique constraint is skipped.
    conn.execute(retort::insert(Account{0, "ada@example.org", "Other", 1}).on_conflict().do_nothing());
    // docs:end nothing

    // docs:begin update
    // On a conflict, update the existing row: excluded(x) is the value the insert proposed,
    // a plain column the existing row's. The WHERE clause may veto the update.
    auto login = [](const Account& a) {
        return retort::insert(a)
            .on_conflict<&Account::email>()
            .do_update(c<&Account::name> = retort::excluded(c<&Account::name>),
                       c<&Account::logins> = c<&Account::logins> + 1)
            .where(c<&Account::logins> < 3);
    };
    static_assert(retort::sql<decltype(login(Account{})), retort::postgresql> ==
                  R"(INSERT INTO "accounts" ("email", "name", "logins") VALUES ($1, $2, $3) )"
                  R"(ON CONFLICT ("email") DO UPDATE SET "name" = "excluded"."name", )"
                  R"("logins" = "accounts"."logins" + $4 WHERE "accounts"."logins" < $5 RETURNING "id")");
    conn.execute(login(Account{0, "ada@example.org", "Ada L.", 1}));

    // RETURNING the upserted row: inserted or updated alike; none when WHERE vetoed it.
    for (auto [id, name, logins] :
         conn.execute(login(Account{0, "ada@example.org", "Ada Lovelace", 1})
                          .returning(c<&Account::id>, c<&Account::name>, c<&Account::logins>)))
        std::cout << "upserted: " << id << ' ' << name << ' ' << logins << '\n';
    // docs:end update

    // docs:begin many
    // ON CONFLICT on a multi-row insert: the count is of rows inserted or updated.
    std::vector<Account> batch{{0, "ada@example.org", "Ada", 1}, {0, "bob@example.org", "Bob", 1}};
    std::int64_t n = conn.execute(retort::insert_many(batch).on_conflict<&Account::email>().do_nothing());
    std::cout << "inserted: " << n << '\n';
    // docs:end many

    // docs:begin constraint
    // PostgreSQL can name the constraint instead of its columns; on SQLite this is a
    // compile error when rendered for SQLite ("retort: SQLite has no ON CONFLICT ON
    // CONSTRAINT ..."), and a programming_error if run on a SQLite connection.
    auto by_name = retort::insert(Account{0, "bob@example.org", "Bob", 1})
                       .on_conflict_constraint<"accounts_email_key">()
                       .do_nothing();
    static_assert(retort::sql<decltype(by_name), retort::postgresql> ==
                  R"(INSERT INTO "accounts" ("email", "name", "logins") VALUES ($1, $2, $3) )"
                  R"(ON CONFLICT ON CONSTRAINT "accounts_email_key" DO NOTHING RETURNING "id")");
    // docs:end constraint
    (void)by_name;

    print(conn);
}
