// A relationship over a column that has no foreign key: Note::user_id is an integer like a
// key, but the table declares no foreign_key<&Note::user_id, ...>.
#include "orm_models.hpp"

struct Note {
    std::int64_t id;
    std::int64_t user_id;
    std::int64_t post_id;
    std::string text;
};
template <>
inline constexpr auto retort::table_of<Note> = retort::table<Note>(
    "notes", retort::primary_key<&Note::id>, retort::foreign_key<&Note::post_id, &Post::id>);

#ifdef RETORT_EXPECT_FAIL
template <>
inline constexpr auto retort::relations_of<Note> = retort::relations<Note>(retort::belongs_to<"user", &Note::user_id>());
#else
template <>
inline constexpr auto retort::relations_of<Note> = retort::relations<Note>(retort::belongs_to<"post", &Note::post_id>());
#endif

int main() {
    static_assert(retort::orm::detail::relation_count<Note>() == 1);
}
