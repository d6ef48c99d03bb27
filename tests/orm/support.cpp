// tests/orm/support.cpp — the fixture and the recorder of tests/orm/common.hpp.
#include "common.hpp"

namespace {

struct shared_state {
    recorder rec;
    retort::engine engine;
    retort::engine plain;
    shared_state() : engine(retort::create_engine(test_url(), observed(rec))), plain(retort::create_engine(test_url())) {}

    static retort::engine_options observed(recorder& rec) {
        retort::engine_options o;
        o.on_event = [&rec](const retort::event& e) { rec.on(e); };
        return o;
    }
};

shared_state& shared() {
    static shared_state state;
    return state;
}

bool is_control(std::string_view sql) {
    for (std::string_view p : {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START TRANSACTION"})
        if (sql.substr(0, p.size()) == p) return true;
    return false;
}

}  // namespace

std::vector<std::string> recorder::data_since(std::size_t from) {
    std::vector<std::string> out;
    for (auto& s : since(from))
        if (!is_control(s)) out.push_back(std::move(s));
    return out;
}

std::size_t recorder::count_since(std::size_t from, std::string_view prefix) {
    std::size_t n = 0;
    for (const auto& s : data_since(from))
        if (std::string_view(s).substr(0, prefix.size()) == prefix) ++n;
    return n;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

fixture::fixture() : rec(&shared().rec), engine(shared().engine), plain(shared().plain), check(plain.connect()) {
    {
        std::lock_guard lock{rec->m};
        rec->sql.clear();
    }
    rec->hook = nullptr;
    static bool created = false;
    if (!created) {
        retort::drop_all<Author, Book, Tag, BookTag, Order, OrderLine, Employee, Club, Member, Sample, Item, Country>(
            check);
        retort::create_all<Author, Book, Tag, BookTag, Order, OrderLine, Employee, Club, Member, Sample, Item, Country>(
            check);
        created = true;
    }
    auto tx = check.begin();
    check.execute(retort::delete_from<BookTag>());
    check.execute(retort::delete_from<Book>());
    check.execute(retort::delete_from<Tag>());
    check.execute(retort::delete_from<Author>());
    check.execute(retort::delete_from<OrderLine>());
    check.execute(retort::delete_from<Order>());
    check.execute(retort::delete_from<Member>());
    check.execute(retort::delete_from<Club>());
    check.execute(retort::delete_from<Employee>());
    check.execute(retort::delete_from<Sample>());
    check.execute(retort::delete_from<Item>());
    check.execute(retort::delete_from<Country>());
    tx.commit();
}

fixture::~fixture() { rec->hook = nullptr; }
