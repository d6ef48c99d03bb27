// The ORM tour quoted by docs/orm.md: every snippet there is a region of this file, and
// the tests run it (suite `examples`) and compare its output with expected_output.txt.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "models.hpp"

using retort::c;

namespace {
bool show_sql = false;
int statements = 0;
}

int main() {
    const auto path = std::filesystem::temp_directory_path() / "retort_orm_tour.sqlite3";
    std::filesystem::remove(path);
    retort::engine_options options;
    options.on_event = [](const retort::event& e) {
        if (e.kind != retort::event_kind::before_execute) return;
        ++statements;
        if (show_sql) std::cout << "    SQL " << e.sql << '\n';
    };
    auto engine = retort::create_engine("sqlite:///" + path.string(), options);
    retort::create_all<Author, Book, Tag, BookTag, Employee>(engine);

    {
        // docs:begin add
        retort::session s{engine};
        Author& ursula = s.add(Author{.id = 0, .name = "Ursula K. Le Guin"});
        auto books = s.related<"books">(ursula);  // a new author has no books yet: no statement
        books.push_back(Book{.id = 0, .author_id = 0, .title = "A Wizard of Earthsea", .year = 1968, .version = 0});
        Book& tehanu = books.push_back(Book{.id = 0, .author_id = 0, .title = "Tehanu", .year = 1990, .version = 0});
        Tag& fantasy = s.add(Tag{.id = 0, .label = "fantasy"});
        s.related<"tags">(tehanu).push_back(fantasy);
        show_sql = true;
        s.commit();  // parents first: the author's generated key reaches its books
        show_sql = false;
        std::cout << "author " << ursula.id << ", Tehanu is book " << tehanu.id << " by author " << tehanu.author_id
                  << '\n';
        // docs:end add
    }
    {
        // docs:begin identity
        retort::session s{engine};
        Book& a = s.get_one<Book>(2);
        Book* b = s.get<Book>(2);  // the identity map answers: no statement
        std::cout << std::boolalpha << "same object: " << (&a == b) << '\n';
        auto found = s.query<Book>().where(c<&Book::title> == "Tehanu").all();
        std::cout << "the query returns it too: " << (&found[0] == &a) << '\n';
        // docs:end identity

        // docs:begin changes
        a.year = 1991;
        a.year = 1990;  // back to the loaded value: nothing to write
        std::cout << "modified: " << s.is_modified(a) << '\n';
        a.title = "Tehanu: The Last Book of Earthsea";
        auto h = s.history<&Book::title>(a);
        std::cout << "title: '" << h.old_value << "' -> '" << h.new_value << "'\n";
        show_sql = true;
        s.commit();  // only the changed column, and the version check
        show_sql = false;
        std::cout << "version " << a.version << '\n';
        // docs:end changes
    }
    {
        // docs:begin loading
        retort::session s{engine};
        statements = 0;
        auto authors = s.query<Author>()
                           .order_by(c<&Author::name>)
                           .options(retort::selectin<"books">, retort::selectin<"books.tags">)
                           .all();  // BEGIN and 4 SELECTs, whatever the number of authors
        for (Author& author : authors)
            for (Book& book : s.related<"books">(author)) {  // loaded: no statement here
                std::cout << author.name << ": " << book.title;
                for (Tag& tag : s.related<"tags">(book)) std::cout << " [" << tag.label << ']';
                std::cout << '\n';
            }
        Book& first = s.related<"books">(authors[0])[0];
        Author* author = s.related<"author">(first);  // many-to-one in the identity map: no statement
        std::cout << "written by " << author->name << "; statements: " << statements << '\n';
        // docs:end loading
    }
    {
        // docs:begin joined
        retort::session s{engine};
        statements = 0;
        auto books = s.query<Book>()
                         .where(c<&Book::year> < 2000)
                         .options(retort::joinedload<"author">)
                         .all();  // BEGIN and one SELECT ... LEFT JOIN "authors"
        for (Book& book : books) std::cout << book.title << " by " << s.related<"author">(book)->name << '\n';
        std::cout << "statements: " << statements << '\n';
        // docs:end joined
    }
    {
        // docs:begin rollback
        retort::session s{engine};
        Book& book = s.get_one<Book>(1);
        book.year = 2001;
        s.flush();                                   // the UPDATE is sent ...
        Tag& scifi = s.add(Tag{.id = 0, .label = "science fiction"});
        s.rollback();                                // ... and undone
        std::cout << "year " << *book.year << ", tag is " << retort::to_string(s.state_of(scifi)) << " with id "
                  << scifi.id << '\n';
        // docs:end rollback
    }
    {
        // docs:begin stale
        retort::session s{engine};
        Book& book = s.get_one<Book>(1);
        s.commit();  // the object keeps its values (expire_on_commit is false)
        {
            auto other = engine.connect();  // someone else changes the row meanwhile
            other.execute(retort::update<Book>()
                              .set(c<&Book::year> = 1969, c<&Book::version> = c<&Book::version> + 1)
                              .where(c<&Book::id> == 1));
        }
        book.title = "Earthsea";
        try {
            s.commit();
        } catch (const retort::stale_data_error& e) {
            std::cout << e.what() << '\n';
        }
        // docs:end stale
    }
    {
        // docs:begin employees
        retort::session s{engine};
        Employee& ceo = s.add(Employee{.id = 0, .name = "Ada", .manager_id = std::nullopt});
        Employee& cto = s.related<"reports">(ceo).push_back(Employee{.id = 0, .name = "Grace", .manager_id = {}});
        s.related<"reports">(cto).push_back(Employee{.id = 0, .name = "Linus", .manager_id = {}});
        s.commit();  // rows of one table in parent-first order
        for (Employee& e : s.query<Employee>().order_by(c<&Employee::id>).all()) {
            Employee* boss = s.related<"manager">(e);
            std::cout << e.name << " reports to " << (boss ? boss->name : "nobody") << '\n';
        }
        // docs:end employees
    }
    {
        // docs:begin cascade
        retort::session s{engine};
        Author& ursula = s.get_one<Author>(1);
        s.remove(ursula);  // cascade::all: her books go too (loaded first), then their tag rows
        show_sql = true;
        s.commit();
        show_sql = false;
        auto conn = engine.connect();
        std::cout << "books left: " << std::get<0>(conn.execute(retort::select(retort::count()).from<Book>()).one())
                  << '\n';
        // docs:end cascade
    }
    std::filesystem::remove(path);
}
