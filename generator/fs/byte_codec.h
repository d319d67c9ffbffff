#pragma once
// The binary fields of the build caches (.nastavnik-cache/): 64-bit integers, strings with their
// length, source positions. Machine byte order: a cache is read by the build that wrote it or a
// later one on the same machine (anything else is another generator identity, hence a miss).

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"

namespace nk::fs {

/// A number in machine byte order, as ByteReader::u64() and u32() read it.
template <typename T>
inline void put_fixed(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
inline void put_u64(std::string& out, uint64_t v) {
    put_fixed(out, v);
}
inline void put_int(std::string& out, int64_t v) {
    put_u64(out, static_cast<uint64_t>(v));
}
inline void put_str(std::string& out, std::string_view s) {
    put_u64(out, s.size());
    out.append(s);
}
inline void put_loc(std::string& out, const diag::SourceLoc& loc) {
    put_str(out, loc.path);
    put_int(out, loc.line);
    put_int(out, loc.column);
}
/// LEB128: seven bits a byte, for the many small numbers of an index.
inline void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}
/// A string with a varint length (read back with ByteReader::short_view).
inline void put_short_str(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}
inline void put_u32(std::string& out, uint32_t v) {
    put_fixed(out, v);
}
inline void put_double(std::string& out, double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof v);
    put_u64(out, bits);
}

/// Reads fields back; any overrun marks the reader failed (a damaged entry is a miss).
class ByteReader {
  public:
    ByteReader(const char* data, size_t size) : p_(data), end_(data + size) {}
    explicit ByteReader(std::string_view bytes) : ByteReader(bytes.data(), bytes.size()) {}

    uint64_t u64() { return fixed<uint64_t>(); }
    uint32_t u32() { return fixed<uint32_t>(); }
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_) return fail();
            auto byte = static_cast<unsigned char>(*p_++);
            v |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        return fail();
    }
    /// A count written as a varint (see count()).
    uint64_t short_count() { return count_of(varint()); }
    /// A string written as a varint length and its bytes, as a view (no copy).
    std::string_view short_view() { return take(varint()); }
    int integer() { return static_cast<int>(static_cast<int64_t>(u64())); }
    double real() {
        uint64_t bits = u64();
        double v = 0;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    bool flag() { return u64() != 0; }
    std::string str() { return std::string(view()); }
    /// A string as a view into the bytes read (no copy).
    std::string_view view() { return take(u64()); }
    diag::SourceLoc loc() {
        diag::SourceLoc l;
        l.path = str();
        l.line = integer();
        l.column = integer();
        return l;
    }
    /// A count of items that follow, each at least one byte: larger than the bytes left is
    /// damage, not a reason to loop for ever.
    uint64_t count() { return count_of(u64()); }
    bool failed() const { return failed_; }
    /// Everything read, nothing left over.
    bool ok() const { return !failed_ && p_ == end_; }

  private:
    template <typename T>
    T fixed() {
        T v = 0;
        if (static_cast<size_t>(end_ - p_) < sizeof v) return static_cast<T>(fail());
        std::memcpy(&v, p_, sizeof v);
        p_ += sizeof v;
        return v;
    }
    // The next `n` bytes, or an empty view (and failure) when fewer are left.
    std::string_view take(uint64_t n) {
        if (failed_ || static_cast<uint64_t>(end_ - p_) < n) return fail(), std::string_view();
        std::string_view s(p_, n);
        p_ += n;
        return s;
    }
    // A count read as `n` is damage when larger than the bytes left.
    uint64_t count_of(uint64_t n) {
        if (n > static_cast<uint64_t>(end_ - p_)) return fail();
        return n;
    }
    uint64_t fail() {
        failed_ = true;
        p_ = end_;
        return 0;
    }
    const char* p_;
    const char* end_;
    bool failed_ = false;
};

}  // namespace nk::fs
