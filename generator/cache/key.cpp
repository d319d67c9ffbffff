#include "cache/key.h"

#include <xxhash.h>

namespace nk::cache {

uint64_t hash_bytes(std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
}

KeyBuilder& KeyBuilder::add(std::string_view bytes) {
    add(static_cast<uint64_t>(bytes.size()));
    return add(hash_bytes(bytes));
}

KeyBuilder& KeyBuilder::add(uint64_t value) {
    uint64_t pair[2] = {state_, value};
    state_ = XXH3_64bits(pair, sizeof pair);
    return *this;
}

}  // namespace nk::cache
