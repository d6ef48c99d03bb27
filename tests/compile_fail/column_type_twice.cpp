// column_type for one column and one dialect given twice: which one applies would depend
// on the order of the options, so it is a compile error.
#include "models.hpp"

struct Tag {
    std::int64_t id;
    std::string name;
};
template <>
inline constexpr auto retort::table_of<Tag> = retort::table<Tag>(
    "tags", retort::primary_key<&Tag::id>, retort::column_type<&Tag::name>("VARCHAR(80)"),
    retort::column_type<&Tag::name, retort::postgresql>("CITEXT")
#ifdef RETORT_EXPECT_FAIL
        ,
    retort::column_type<&Tag::name, retort::postgresql>("VARCHAR(40)")
#endif
);

int main() {
    static_assert(retort::Table<Tag>);
}
