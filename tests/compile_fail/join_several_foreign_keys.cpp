// join<T>() without a condition where two retort::foreign_key link T with the statement's
// tables: one message naming the table and both foreign keys, saying to write the condition.
#include "models.hpp"

struct Message {
    std::int64_t id;
    std::int64_t sender_id;
    std::int64_t recipient_id;
};
template <>
inline constexpr auto retort::table_of<Message> =
    retort::table<Message>("messages", retort::primary_key<&Message::id>,
                           retort::foreign_key<&Message::sender_id, &User::id>,
                           retort::foreign_key<&Message::recipient_id, &User::id>);

int main() {
    auto ok = retort::select(c<&User::name>, c<&Message::id>)
                  .from<User>()
                  .join<Message>(c<&Message::sender_id> == c<&User::id>);
    (void)retort::sql<decltype(ok), retort::sqlite>;
#ifdef RETORT_EXPECT_FAIL
    auto q = retort::select(c<&User::name>, c<&Message::id>).from<User>().left_join<Message>();
    (void)retort::sql<decltype(q), retort::sqlite>;  // no follow-on error
#endif
}
