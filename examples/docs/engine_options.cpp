// examples/docs/engine_options.cpp — quoted in docs/engine.md: engine and pool options, in
// code and in the URL, the pool's status, the statement cache, point selects into an object
// the caller keeps, and statement events.
#include <retort/retort.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

struct Note {
    std::int64_t id;
    std::string text;
};

template <>
inline constexpr auto retort::table_of<Note> = retort::table<Note>("notes", retort::primary_key<&Note::id>);

using retort::c;

int main() {
    std::filesystem::remove("notes.db");  // a file in the current directory

    // docs:begin options
    using namespace std::chrono_literals;
    retort::engine_options o;
    o.pool_size = 4;              // connections kept open (default 5)
    o.max_overflow = 2;           // more under load, closed when they come back (default 10)
    o.pool_timeout = 2s;          // connect() waits this long for a free one (default 30 s), then timeout_error
    o.pool_recycle = 1h;          // replace connections older than this at checkout (default 0: never)
    o.pool_pre_ping = true;       // test a connection at checkout; replace one the server dropped (default false)
    o.statement_cache_size = 100; // prepared statements kept per connection, LRU (default 500; 0: unbounded)
    auto engine = retort::create_engine("sqlite:///notes.db?journal_mode=wal&busy_timeout=2000", o);
    // docs:end options

    // docs:begin url
    // The same options in the URL's query; a URL value wins over engine_options.
    auto same = retort::create_engine(
        "sqlite:///notes.db?pool_size=4&max_overflow=2&pool_timeout=2&pool_recycle=3600&pool_pre_ping=true"
        "&statement_cache_size=100");
    std::cout << "pool_size " << same.options().pool_size << ", pool_timeout "
              << same.options().pool_timeout.count() << " ms\n";
    // docs:end url

    // docs:begin status
    {
        auto a = engine.connect();
        auto b = engine.connect();
        retort::create_all<Note>(a);
        std::cout << engine.status().to_string() << '\n';
    }  // a and b go back to the pool here
    std::cout << engine.status().to_string() << '\n';
    // docs:end status

    // docs:begin cache
    auto conn = engine.connect();
    for (int i = 0; i < 3; ++i) conn.execute(retort::insert(Note{0, "note " + std::to_string(i)}));
    std::cout << "prepared " << conn.cache_misses() << ", reused " << conn.cache_hits() << ", kept "
              << conn.cache_size() << '\n';
    // docs:end cache

    // docs:begin first_into
    Note note{};  // one object for every select of the loop: its string's buffer is reused
    for (std::int64_t id : {1, 3, 42}) {
        if (conn.execute(retort::select<Note>().where(c<&Note::id> == id)).first_into(note))
            std::cout << "note " << note.id << ": " << note.text << '\n';
        else
            std::cout << "no note " << id << " (note still holds " << note.id << ")\n";
    }
    // docs:end first_into

    // docs:begin events
    retort::engine_options logged;
    logged.echo_parameters = false;  // show each parameter as ?, e.g. for personal data
    logged.on_event = [](const retort::event& e) {
        if (e.kind == retort::event_kind::after_execute)
            std::cout << "ran: " << e.sql << " [" << e.parameters.size() << " parameter(s)"
                      << (e.failed ? ", failed" : "") << "]\n";
    };
    auto observed = retort::create_engine("sqlite:///notes.db", logged);
    auto oc = observed.connect();
    oc.execute(retort::select<Note>().where(c<&Note::id> == 2)).one();
    // docs:end events

    // docs:begin autobegin
    retort::engine_options as_you_go;
    as_you_go.autobegin = true;  // or ?autobegin=true in the URL
    auto writer = retort::create_engine("sqlite:///notes.db", as_you_go);
    auto w = writer.connect();
    w.execute(retort::insert(Note{0, "draft"}));  // BEGIN, then the INSERT
    w.execute(retort::update<Note>().set(c<&Note::text> = "final").where(c<&Note::text> == "draft"));
    w.commit();  // others see the note from here on
    w.execute(retort::delete_from<Note>().where(c<&Note::text> == "final"));  // begins another transaction
    w.rollback();                                                              // ... which this undoes
    std::cout << "final notes: " << w.execute(retort::select<Note>().where(c<&Note::text> == "final")).all().size()
              << '\n';
    // docs:end autobegin

    std::filesystem::remove("notes.db");
    std::filesystem::remove("notes.db-wal");
    std::filesystem::remove("notes.db-shm");
}
