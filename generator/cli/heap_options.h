#pragma once
// The allocator options `build` and `check` run with, shared by the launcher (launcher.cpp) and
// the generator's own fallback restart (main.cpp). Plain C data: the launcher links no C++
// runtime.
//
// mimalloc reads its options from the environment once, as the process starts, before main().
// A build touches hundreds of megabytes of fresh memory, and a page fault costs much on a
// virtual machine: set from the start, a heap on transparent huge pages (madvise), laid out in
// one reserved range, faults 2 MB at a time. Every segment is committed whole at once
// (eager_commit_delay 0): committing a thread's first segment in 64 KB steps splits the range
// and loses the huge pages. Freed memory is not given back (allow_decommit 0): a build soon
// needs it again, and exits soon after. A one-edit rebuild at 10,000 practices: 5,500 page
// faults without the last two, 1,300 with them (0.49 → 0.37 s). `serve` keeps the defaults.

#include <cstdlib>
#include <cstring>

namespace nk::cli {

struct HeapOption {
    const char* name;
    const char* value;
};

inline constexpr HeapOption kHeapOptions[] = {
    {"MIMALLOC_LARGE_OS_PAGES", "1"},
    {"MIMALLOC_RESERVE_OS_MEMORY", "1g"},
    {"MIMALLOC_EAGER_COMMIT_DELAY", "0"},
    {"MIMALLOC_ALLOW_DECOMMIT", "0"},
};

/// Set once the options are in the environment: the generator does not restart itself.
inline constexpr const char* kHeapOptionsSet = "NASTAVNIK_HEAP_OPTIONS";

/// Only the commands that build run with them, and only once.
inline bool wants_heap_options(int argc, char** argv) {
    return argc > 1 && (std::strcmp(argv[1], "build") == 0 || std::strcmp(argv[1], "check") == 0) &&
           !std::getenv(kHeapOptionsSet);
}

/// Puts them in this process's environment, for the program it starts next (options the user
/// set are kept).
inline void set_heap_options() {
    for (const auto& option : kHeapOptions) ::setenv(option.name, option.value, 0);
    ::setenv(kHeapOptionsSet, "1", 1);
}

}  // namespace nk::cli
