// The toml++ implementation, compiled into the fuzzers with coverage and sanitizers so that
// libFuzzer explores the parser and ASan checks it; it takes the place of the shared library.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
