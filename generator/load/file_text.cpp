#include "load/file_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

namespace wink::codegen::load {

FileText::~FileText() { release(); }

void FileText::release() {
  if (mapped_) ::munmap(data_, capacity_);
  else delete[] data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  mapped_ = false;
}

// Room for `bytes`, keeping what was read so far.
bool FileText::reserve(std::size_t bytes) {
  const std::size_t page = 4096;
  const std::size_t capacity = (bytes + page) / page * page;
  int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_POPULATE
  flags |= MAP_POPULATE;
#endif
  void* p = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, flags, -1, 0);
  bool mapped = p != MAP_FAILED;
  if (!mapped) {
    p = new (std::nothrow) char[capacity];
    if (!p) {
      errno = ENOMEM;
      return false;
    }
  }
  if (size_) std::memcpy(p, data_, size_);
  const std::size_t size = size_;
  release();
  data_ = static_cast<char*>(p);
  size_ = size;
  capacity_ = capacity;
  mapped_ = mapped;
  return true;
}

FileText::Result FileText::read(const std::string& path, std::size_t size_hint) {
  release();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Result::CannotOpen;
  bool ok = reserve(size_hint);
  while (ok) {
    if (size_ == capacity_ && !(ok = reserve(capacity_ * 2))) break;  // the file grew
    const ssize_t n = ::read(fd, data_ + size_, capacity_ - size_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    size_ += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  ::close(fd);
  if (ok) return Result::Ok;
  release();
  errno = saved;
  return Result::CannotRead;
}

}  // namespace wink::codegen::load
