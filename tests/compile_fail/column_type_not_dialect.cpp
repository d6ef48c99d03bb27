// column_type<&T::f, D>: D names the dialect the type applies to.
#include "models.hpp"

struct Tag {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<Tag> = retort::table<Tag>(
    "tags", retort::primary_key<&Tag::id>,
#ifdef RETORT_EXPECT_FAIL
    retort::column_type<&Tag::name, std::string>("CITEXT")
#else
    retort::column_type<&Tag::name, retort::sqlite>("TEXT")
#endif
);

int main() {
    static_assert(retort::Table<Tag>);
}
