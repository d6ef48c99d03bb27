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
//
// Both that refusal and autobegin (commit-as-you-go: the first operation on a connection
// with no transaction open runs BEGIN) live behind one flag byte tested on entry, so an
// operation pays the same single test whether or not either is in play.
#pragma once

#include <atomic>

#include "retort/engine/error.hpp"

/// The calling thread is named by its thread pointer where the compiler reads it inline
/// (one instruction; unique among live threads, as pthread_self() is), else by
/// std::thread::id (and only then is <thread> parsed).
#if defined(__has_builtin)
#if __has_builtin(__builtin_thread_pointer) && (defined(__x86_64__) || defined(__aarch64__))
#define RETORT_THREAD_POINTER 1
#endif
#endif
#ifndef RETORT_THREAD_POINTER
#include <thread>
#endif

namespace retort::detail {

/// Names the calling thread (see RETORT_THREAD_POINTER above); also the session's owner mark.
#ifdef RETORT_THREAD_POINTER
using thread_mark = const void*;
inline thread_mark this_thread() noexcept { return __builtin_thread_pointer(); }
#else
using thread_mark = std::thread::id;
inline thread_mark this_thread() noexcept { return std::this_thread::get_id(); }
#endif

[[noreturn, gnu::cold]] void throw_concurrent_use();
[[noreturn, gnu::cold]] void throw_stream_open();
class connection_use;
/// The slow path of enter_operation() (flags set): refuses the operation during a stream,
/// or runs the autobegin hook. Leaves the hold released when it throws.
[[gnu::cold]] void attend_operation(connection_use& use);

class connection_use {
public:
    /// Holds the connection for this thread (nested holds count); throws
    /// concurrent_use_error when another thread holds it.
    [[gnu::always_inline]] void enter() {
        const thread_mark me = this_thread();
        thread_mark seen{};
        // Free: take it (the common case, one compare-exchange). Held: by this thread is a
        // nested hold, by another is the error.
        if (!holder_.compare_exchange_strong(seen, me, std::memory_order_acquire, std::memory_order_relaxed))
            [[unlikely]] {
            if (seen != me) throw_concurrent_use();
        }
        ++depth_;
    }
    /// One more hold by the thread that holds the connection now (a result made inside
    /// an operation): no check needed.
    void enter_nested() noexcept { ++depth_; }
    /// As enter(), for an operation that sends something to the database: also refused
    /// while a PostgreSQL stream is reading rows.
    /// Also runs the autobegin hook when a transaction is to be begun first.
    [[gnu::always_inline]] void enter_operation() {
        enter();
        if (flags_) [[unlikely]]
            attend_operation(*this);
    }
    /// As enter_operation(), for what controls transactions itself (begin, commit,
    /// rollback, savepoints): refused during a stream, never autobegins.
    void enter_control() {
        enter();
        if (flags_ & stream_flag) [[unlikely]] {
            leave();
            throw_stream_open();
        }
    }
    [[gnu::always_inline]] void leave() noexcept {
        if (--depth_ == 0) holder_.store(thread_mark{}, std::memory_order_release);
    }

    /// Set by a PostgreSQL stream() result from its start to its end (holder only).
    void set_stream_open(bool open) noexcept { set_flag(stream_flag, open); }
    bool stream_open() const noexcept { return flags_ & stream_flag; }

    /// Autobegin: `hook(context)` runs before the next operation (and clears the request
    /// with set_autobegin_pending(false)). Set by the connection (holder only).
    void set_autobegin_hook(void (*hook)(void*), void* context) noexcept {
        hook_ = hook;
        context_ = context;
    }
    void set_autobegin_pending(bool pending) noexcept { set_flag(autobegin_flag, pending); }
    bool autobegin_pending() const noexcept { return flags_ & autobegin_flag; }
    void run_autobegin() { hook_(context_); }

private:
    static constexpr unsigned char stream_flag = 1;     // a PostgreSQL stream is reading rows
    static constexpr unsigned char autobegin_flag = 2;  // BEGIN before the next operation
    void set_flag(unsigned char flag, bool on) noexcept {
        flags_ = static_cast<unsigned char>(on ? flags_ | flag : flags_ & ~flag);
    }

    std::atomic<thread_mark> holder_{};
    unsigned depth_ = 0;         // touched only by the holder
    unsigned char flags_ = 0;    // touched only by the holder
    void (*hook_)(void*) = nullptr;
    void* context_ = nullptr;
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

/// As operation_guard, for an operation whose hold passes to what it returns (a select's
/// result holds the connection until it is read or destroyed): hand_over() gives the hold
/// to that object once it exists; a guard that still has it (an exception before) leaves.
class handover_guard {
public:
    [[gnu::always_inline]] explicit handover_guard(connection_use& use) : use_(&use) { use.enter_operation(); }
    [[gnu::always_inline]] ~handover_guard() {
        if (use_) use_->leave();
    }
    handover_guard(const handover_guard&) = delete;
    handover_guard& operator=(const handover_guard&) = delete;

    [[gnu::always_inline]] connection_use& hand_over() noexcept {
        connection_use& use = *use_;
        use_ = nullptr;
        return use;
    }

private:
    connection_use* use_;
};

/// A transaction-control operation (RAII enter_control / leave).
class control_guard {
public:
    explicit control_guard(connection_use& use) : use_(use) { use_.enter_control(); }
    ~control_guard() { use_.leave(); }
    control_guard(const control_guard&) = delete;
    control_guard& operator=(const control_guard&) = delete;

private:
    connection_use& use_;
};

}  // namespace retort::detail
