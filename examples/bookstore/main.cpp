// The bookstore demo: creates its schema in a SQLite file (or any URL), fills it, and
// runs a few queries, printing each statement's compile-time SQL beside its rows.
//
//   bookstore [path-or-url]        default: bookstore.db in the current directory
#include <retort/retort.hpp>

#include <iomanip>
#include <iostream>
#include <string>

#include "models.hpp"

using namespace bookstore;
using retort::c;

namespace {

/// Prints the SQL that the connection's dialect runs for a statement.
template <class S>
void show(const retort::connection& conn, const S&) {
    const auto text = conn.dialect() == retort::dialect_id::sqlite ? retort::sql<S, retort::sqlite>
                                                                    : retort::sql<S, retort::postgresql>;
    std::cout << "\n  SQL> " << text << '\n';
}

}  // namespace

int main(int argc, char** argv) try {
    std::string target = argc > 1 ? argv[1] : "bookstore.db";
    if (target.find("://") == std::string::npos) target = "sqlite:///" + target;

    auto engine = retort::create_engine(target);
    auto conn = engine.connect();
    retort::drop_all<Author, Book, Order>(conn);
    retort::create_all<Author, Book, Order>(conn);
    std::cout << "schema created on " << engine.url().redacted() << '\n';

    // Insert in one transaction; generated keys come back into the structs.
    {
        auto tx = conn.begin();
        Author le_guin{.id = 0, .name = "Ursula K. Le Guin", .born = 1929};
        Author calvino{.id = 0, .name = "Italo Calvino", .born = 1923};
        Author anon{.id = 0, .name = "Anonymous", .born = std::nullopt};
        for (Author* a : {&le_guin, &calvino, &anon}) conn.execute(retort::insert(*a));

        Book books[] = {
            {0, le_guin.id, "A Wizard of Earthsea", 9.99, 12},
            {0, le_guin.id, "The Dispossessed", 12.50, 4},
            {0, calvino.id, "Invisible Cities", 11.00, 7},
            {0, calvino.id, "If on a winter's night a traveler", 13.25, 0},
            {0, anon.id, "Beowulf", 6.75, 3},
        };
        for (auto& b : books) conn.execute(retort::insert(b));

        const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
        conn.execute(retort::insert(Order{0, books[0].id, 2, now, "gift wrap"}));
        conn.execute(retort::insert(Order{0, books[2].id, 1, now, std::nullopt}));
        tx.commit();
        std::cout << "inserted 3 authors, 5 books, 2 orders (last book id " << books[4].id << ")\n";
    }

    // Chosen columns, a filter, an order and a limit: rows are typed tuples.
    {
        auto q = retort::select(c<&Book::title>, c<&Book::price>)
                     .where(c<&Book::price> > 10.0 && c<&Book::stock> > 0)
                     .order_by(retort::desc(c<&Book::price>))
                     .limit(10);
        show(conn, q);
        for (const auto& [title, price] : conn.execute(q))
            std::cout << "  " << std::left << std::setw(36) << title << std::fixed << std::setprecision(2) << price
                      << '\n';
    }

    // Whole structs, NULL as std::optional.
    {
        auto q = retort::select<Author>().order_by(c<&Author::name>);
        show(conn, q);
        for (const Author& a : conn.execute(q).all())
            std::cout << "  #" << a.id << ' ' << a.name << " (born " << (a.born ? std::to_string(*a.born) : "?")
                      << ")\n";
    }

    // Update and delete return the number of rows they touched.
    {
        auto restock = retort::update<Book>().set(c<&Book::stock> = 5).where(c<&Book::stock> == 0);
        show(conn, restock);
        std::cout << "  restocked " << conn.execute(restock) << " book(s)\n";

        auto prune = retort::delete_from<Author>().where(retort::is_null(c<&Author::born>));
        show(conn, prune);
        std::cout << "  removed " << conn.execute(prune) << " author(s) without a birth year (their books cascade)\n";
    }

    // Constraint violations are typed errors, and a failed transaction leaves nothing behind.
    {
        try {
            auto tx = conn.begin();
            conn.execute(retort::insert(Book{0, 1, "Discount edition", -1.0, 1}));
            tx.commit();
        } catch (const retort::integrity_error& e) {
            std::cout << "\n  rejected: " << e.what() << '\n';
        }
        auto count = retort::select(c<&Book::id>);
        std::cout << "  books now: " << conn.execute(count).all().size() << '\n';
    }
    return 0;
} catch (const retort::error& e) {
    std::cerr << "bookstore: " << e.what() << '\n';
    return 1;
}
