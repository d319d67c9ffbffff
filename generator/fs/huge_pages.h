#pragma once
// An allocator for big, short-lived arrays (the search index's term lists and postings): they
// are mapped with transparent huge pages, so filling them takes one page fault per 2 MB instead
// of one per 4 KB. Page faults are the dearest part of writing fresh memory on a virtual machine.

#include <sys/mman.h>

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace nk::fs {

template <typename T>
struct HugePageAllocator {
    using value_type = T;
    /// Smaller arrays come from the ordinary heap.
    static constexpr size_t kMinBytes = size_t{4} << 20;

    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) {}

    T* allocate(size_t n) {
        size_t bytes = n * sizeof(T);
        if (bytes < kMinBytes) return std::allocator<T>().allocate(n);
        void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        madvise(p, bytes, MADV_HUGEPAGE);  // advice only: without THP it is ordinary memory
        return static_cast<T*>(p);
    }
    void deallocate(T* p, size_t n) {
        size_t bytes = n * sizeof(T);
        if (bytes < kMinBytes)
            std::allocator<T>().deallocate(p, n);
        else
            munmap(p, bytes);
    }
    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const {
        return true;
    }
};

/// A fixed-size array of `size` elements from HugePageAllocator, left unfilled: for arrays that
/// are written once in parallel, where filling them first would touch every page twice.
template <typename T>
class HugeArray {
    static_assert(std::is_trivially_default_constructible_v<T> &&
                  std::is_trivially_destructible_v<T>);

  public:
    HugeArray() = default;
    explicit HugeArray(size_t size) : data_(HugePageAllocator<T>().allocate(size)), size_(size) {}
    ~HugeArray() { release(); }
    HugeArray(HugeArray&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
    HugeArray& operator=(HugeArray&& other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
        }
        return *this;
    }

    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    size_t size() const { return size_; }

  private:
    void release() {
        if (data_) HugePageAllocator<T>().deallocate(data_, size_);
        data_ = nullptr;
    }
    T* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace nk::fs
