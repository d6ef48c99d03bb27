// order_by(label<"name">) with a label the select list does not have: the error names the
// labels it has.
#include "models.hpp"

int main() {
    auto q = retort::select(c<&Post::user_id>, retort::count().as<"posts">()).from<Post>().group_by(c<&Post::user_id>);
    (void)q.order_by(retort::label<"posts">.desc());
#ifdef RETORT_EXPECT_FAIL
    (void)q.order_by(retort::label<"post">.desc());
#endif
}
