// (i) A table option that names a member of another struct: table<Comment> with
// primary_key<&Post::id>.
#include "models.hpp"

struct Comment {
    std::int64_t id;
    std::string body;
};

template <>
inline constexpr auto retort::table_of<Comment> = retort::table<Comment>("comments",
#ifdef RETORT_EXPECT_FAIL
    retort::primary_key<&Post::id>
#else
    retort::primary_key<&Comment::id>
#endif
);

int main() {
    static_assert(retort::Table<Comment>);
}
