// retort::adopt() of a pqxx::nontransaction: there is no transaction to join.
#include <retort/interop/pqxx.hpp>

#include <pqxx/pqxx>

void adopt_all(pqxx::connection& pg, pqxx::work& txn, [[maybe_unused]] pqxx::nontransaction& ntx) {
    retort::connection a = retort::adopt(pg);
    retort::connection b = retort::adopt(txn);
#ifdef RETORT_EXPECT_FAIL
    retort::connection c = retort::adopt(ntx);
#endif
}

int main() {}
