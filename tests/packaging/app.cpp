// The program each packaging route builds against an installed (or subproject) retort.
#include <retort/retort.hpp>

#include <cstdio>

struct Note {
    std::int64_t id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<Note> = retort::table<Note>("notes", retort::primary_key<&Note::id>);

int main() {
    auto engine = retort::create_engine("sqlite:///:memory:");
    auto conn = engine.connect();
    retort::create_all<Note>(conn);
    Note n{0, "installed"};
    conn.execute(retort::insert(n));
    auto back = conn.execute(retort::select<Note>().where(retort::c<&Note::id> == n.id)).one();
    std::printf("%s %lld\n", back.text.c_str(), static_cast<long long>(back.id));
    return back.text == "installed" && n.id == 1 ? 0 : 1;
}
