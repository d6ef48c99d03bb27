// benchmarks/orm_bench.hpp — the ORM session against Core on the same data, in the same
// run (benchmarks/orm_bench.cpp; dispatched from bench.cpp, run by scripts/bench).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace orm_bench {

/// O1, O2, O3: workloads of this file (benchmarks/orm_bench.cpp lists them).
bool is_orm_workload(const std::string& workload);

/// Runs one case once on `database` ("sqlite-memory", "sqlite-wal", "postgresql") with
/// `impl` ("session", "core" or "raw"); `start` and `stop` bracket the measured part.
/// Returns a checksum so that nothing is optimised away.
std::int64_t run(const std::string& workload, const std::string& database, const std::string& impl,
                 std::int64_t n, const std::function<void()>& start, const std::function<void()>& stop);

/// --orm-memory [N]: heap bytes per object held by a session after loading N rows (default
/// 100,000), against the same rows loaded by Core into a std::vector. One line of key=value.
int memory_mode(int argc, char** argv);

}  // namespace orm_bench
