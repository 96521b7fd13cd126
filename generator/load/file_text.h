// A document's bytes, read with plain POSIX calls into memory that is backed up front: the
// document is the biggest block a run reads, and one MAP_POPULATE call costs less than a page
// fault per 4 KiB (and an iostream's extra copy). Not a mapping of the file itself: a file
// truncated while mapped would kill the process (SIGBUS).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wink::codegen::load {

class FileText {
 public:
  FileText() = default;
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  // Reads the whole file (`size_hint`: its expected size; it may differ). On failure it holds
  // nothing and errno says why.
  enum class Result { Ok, CannotOpen, CannotRead };
  Result read(const std::string& path, std::size_t size_hint);
  std::string_view view() const { return {data_, size_}; }

 private:
  bool reserve(std::size_t bytes);
  void release();

  char* data_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
  bool mapped_ = false;  // from mmap (else from new[])
};

}  // namespace wink::codegen::load
