// benchmarks/wide_bench.hpp — a six-column model (two strings, a nullable int) against the
// raw C APIs, same work, same run (benchmarks/wide_bench.cpp; dispatched from bench.cpp,
// run by scripts/bench).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace wide_bench {

/// U1, U1-many, U2, U2-into, C1: workloads of this file (benchmarks/wide_bench.cpp lists them).
bool is_wide_workload(const std::string& workload);

/// Operations one run of `workload` performs with N rows (the per-operation divisor).
std::int64_t ops(const std::string& workload, std::int64_t n);

/// Runs one case once on `database` ("sqlite-memory", "sqlite-wal", "postgresql") with
/// `impl` ("retort" or "raw"); `start` and `stop` bracket the measured part. Returns a
/// checksum so that nothing is optimised away.
std::int64_t run(const std::string& workload, const std::string& database, const std::string& impl,
                 std::int64_t n, const std::function<void()>& start, const std::function<void()>& stop);

}  // namespace wide_bench
