// hello.cpp — the first program of docs/getting-started.md (examples/docs/getting_started.cpp).
#include <retort/retort.hpp>

#include <cstdint>
#include <iostream>
#include <string>

// A model is a plain aggregate; its table is declared beside it.
struct Task {
    std::int64_t id;
    std::string title;
    bool done;
};

template <>
inline constexpr auto retort::table_of<Task> = retort::table<Task>("tasks", retort::primary_key<&Task::id>);

using retort::c;  // c<&Task::done> is the typed column tasks.done

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");  // a file: "sqlite:///tasks.db"
    auto conn = engine.connect();
    retort::create_all<Task>(conn);

    for (const char* title : {"write the docs", "compile them", "run them"})
        conn.execute(retort::insert(Task{.id = 0, .title = title, .done = false}));
    conn.execute(retort::update<Task>().set(c<&Task::done> = true).where(c<&Task::id> <= 2));

    auto open = retort::select(c<&Task::id>, c<&Task::title>).where(!c<&Task::done>).order_by(c<&Task::id>);
    std::cout << retort::sql<decltype(open), retort::sqlite> << '\n';  // computed at compile time
    for (const auto& [id, title] : conn.execute(open))                 // std::tuple<std::int64_t, std::string>
        std::cout << id << ": " << title << '\n';
}
