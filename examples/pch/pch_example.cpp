// examples/pch/pch_example.cpp — built with a precompiled header (examples/pch/meson.build):
// the source is an ordinary retort program; the build gives it the parsed headers.
#include <cstdio>

#include "models.hpp"

using retort::c;

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<Note>(conn);
    Note a{0, "compile once", 5};
    Note b{0, "include everywhere", std::nullopt};
    conn.execute(retort::insert(a));
    conn.execute(retort::insert(b));
    for (auto [title] : conn.execute(retort::select(c<&Note::title>).where(retort::is_not_null(c<&Note::stars>))))
        std::printf("%s\n", title.c_str());
    return 0;
}
