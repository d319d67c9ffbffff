#pragma once
// Keys of cache entries (.nastavnik-cache/): hashes combined in order. The same algorithm as
// pipeline::Hasher and pipeline::hash_bytes, so the build cache can switch to these without
// changing a key.

#include <cstdint>
#include <string_view>

namespace nk::cache {

/// 64-bit XXH3 of `bytes`.
uint64_t hash_bytes(std::string_view bytes);

/// Combines parts in order into one key: a string is its length and hash, so "ab","c" and
/// "a","bc" make different keys.
class KeyBuilder {
  public:
    KeyBuilder& add(std::string_view bytes);
    KeyBuilder& add(uint64_t value);
    uint64_t value() const { return state_; }

  private:
    uint64_t state_ = 0x9e3779b97f4a7c15ull;
};

}  // namespace nk::cache
