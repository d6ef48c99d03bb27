// join<T>() without a condition where no retort::foreign_key links T with the statement's
// tables: one message naming both tables, saying to write the condition.
#include "models.hpp"

struct Note {
    std::int64_t id;
    std::int64_t author_id;  // no foreign key declared
    std::string text;
};
template <>
inline constexpr auto retort::table_of<Note> = retort::table<Note>("notes", retort::primary_key<&Note::id>);

int main() {
    auto ok = retort::select(c<&User::name>, c<&Post::title>).from<User>().join<Post>();
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(c<&User::name>, c<&Note::text>).from<User>().join<Note>();
    (void)retort::sql<decltype(q), retort::sqlite>;  // no follow-on error
#endif
}
