#pragma once
// A 64-bit XXH3 hash fed in pieces (text::hash64 hashes one buffer): keys and fingerprints made
// of many parts, without joining them into one string first.

#include <xxhash.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace nk::fs {

class HashStream {
  public:
    explicit HashStream(uint64_t seed = 0) : state_(XXH3_createState(), &XXH3_freeState) {
        XXH3_64bits_reset_withSeed(state_.get(), seed);
    }
    HashStream& add(const void* data, size_t size) {
        XXH3_64bits_update(state_.get(), data, size);
        return *this;
    }
    /// The bytes and the NUL after them: "ab","c" and "a","bc" hash apart.
    HashStream& add_terminated(std::string_view s) { return add(s.data(), s.size() + 1); }
    /// The length, then the bytes (for parts that may contain NULs).
    HashStream& add_sized(std::string_view s) {
        uint64_t n = s.size();
        return add(&n, sizeof n).add(s.data(), s.size());
    }
    uint64_t digest() const { return XXH3_64bits_digest(state_.get()); }

  private:
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state_;
};

}  // namespace nk::fs
