// nastavnik — the command users run. It starts the generator (nastavnik-generator, beside it)
// with the allocator's options in its environment (heap_options.h). The generator could
// restart itself with them, but loading its 38 shared libraries twice costs a one-edit rebuild
// about 70 ms on this kind of machine; this program is linked statically and starts in one.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "heap_options.h"

namespace {

constexpr const char* kGenerator = "nastavnik-generator";

}  // namespace

int main(int argc, char** argv) {
    if (nk::cli::wants_heap_options(argc, argv)) nk::cli::set_heap_options();
    // Beside this program's own file, wherever it is called from (a symlink on PATH included).
    char path[4096] = {};
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    char* slash = n > 0 ? std::strrchr(path, '/') : nullptr;
    if (!slash || static_cast<size_t>(slash + 1 - path) + std::strlen(kGenerator) >= sizeof path) {
        std::fprintf(stderr, "nastavnik: error: cannot find my own folder\n");
        return 127;
    }
    std::strcpy(slash + 1, kGenerator);
    ::execv(path, argv);
    std::fprintf(stderr, "nastavnik: error: cannot run %s: %s\n", path, std::strerror(errno));
    return 127;
}
