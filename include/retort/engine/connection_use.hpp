// retort/engine/connection_use.hpp — the checks that a connection is used one way at a time.
//
// A retort::connection (with its results, transactions and savepoints) belongs to one
// thread at a time. Every operation on it (execute, stream, execute_many, scripts,
// transactions, savepoints) enters this mark first, and every open result holds it until
// it is read or destroyed: another thread that enters meanwhile gets a
// concurrent_use_error at once, instead of a hang in libpq or a crash in SQLite. The
// same thread may nest (a statement inside a result loop). The cost is one atomic
// compare-exchange per operation and a thread-id compare (measured in README.md).
//
// PostgreSQL sends a stream()'s rows over the connection one at a time, so while a
// stream is open the connection can run nothing else: entering then is a
// programming_error that says so.
#pragma once

#include <atomic>
#include <thread>

#include "retort/engine/error.hpp"

namespace retort::detail {

[[noreturn, gnu::cold]] void throw_concurrent_use();
[[noreturn, gnu::cold]] void throw_stream_open();

class connection_use {
public:
    /// Holds the connection for this thread (nested holds count); throws
    /// concurrent_use_error when another thread holds it.
    [[gnu::always_inline]] void enter() {
        const thread_mark me = this_thread();
        thread_mark seen{};
        // Free: take it (the common case, one compare-exchange). Held: by this thread is a
        // nested hold, by another is the error.
        if (!holder_.compare_exchange_strong(seen, me, std::memory_order_acquire, std::memory_order_relaxed) &&
            seen != me) [[unlikely]]
            throw_concurrent_use();
        ++depth_;
    }
    /// One more hold by the thread that holds the connection now (a result made inside
    /// an operation): no check needed.
    void enter_nested() noexcept { ++depth_; }
    /// As enter(), for an operation that sends something to the database: also refused
    /// while a PostgreSQL stream is reading rows.
    [[gnu::always_inline]] void enter_operation() {
        enter();
        if (stream_open_) [[unlikely]] {
            leave();
            throw_stream_open();
        }
    }
    void leave() noexcept {
        if (--depth_ == 0) holder_.store(thread_mark{}, std::memory_order_release);
    }

    /// Set by a PostgreSQL stream() result from its start to its end (holder only).
    void set_stream_open(bool open) noexcept { stream_open_ = open; }

private:
    /// Names the calling thread: its thread pointer where the compiler reads it inline (one
    /// instruction; unique among live threads, as pthread_self() is), else std::thread::id.
#if defined(__has_builtin)
#if __has_builtin(__builtin_thread_pointer) && (defined(__x86_64__) || defined(__aarch64__))
#define RETORT_THREAD_POINTER 1
#endif
#endif
#ifdef RETORT_THREAD_POINTER
    using thread_mark = const void*;
    static thread_mark this_thread() noexcept { return __builtin_thread_pointer(); }
#else
    using thread_mark = std::thread::id;
    static thread_mark this_thread() noexcept { return std::this_thread::get_id(); }
#endif
    std::atomic<thread_mark> holder_{};
    unsigned depth_ = 0;        // touched only by the holder
    bool stream_open_ = false;  // touched only by the holder
};

/// One operation on a connection (RAII enter_operation / leave).
class operation_guard {
public:
    explicit operation_guard(connection_use& use) : use_(use) { use_.enter_operation(); }
    ~operation_guard() { use_.leave(); }
    operation_guard(const operation_guard&) = delete;
    operation_guard& operator=(const operation_guard&) = delete;

private:
    connection_use& use_;
};

}  // namespace retort::detail
