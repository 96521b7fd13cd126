#include "load/text_support.h"

#include <cstring>

namespace wink::codegen::load::detail {

SourceLocation LineCursor::at(std::size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < pos_) {
    pos_ = 0;
    line_ = 1;
    column_ = 1;
  }
  const char* p = text_.data() + pos_;
  const char* const end = text_.data() + offset;
  std::uint32_t line = line_;
  std::uint32_t column = column_;
  // A lone CR ends a line too (old Mac line ends); CR LF counts once. Texts without CR keep
  // the fast path: whole lines are skipped with memchr, code points counted on the last one.
  if (p > text_.data() && p < end && p[-1] == '\r' && *p == '\n') ++p;  // its CR was counted already
  const bool has_cr = std::memchr(p, '\r', static_cast<std::size_t>(end - p)) != nullptr;
  while (p < end) {
    if (has_cr) {
      const char c = *p++;
      if (c == '\n' || c == '\r') {
        if (c == '\r' && p < end && *p == '\n') ++p;
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) {
        ++column;
      }
      continue;
    }
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl) {
      p = static_cast<const char*>(nl) + 1;
      ++line;
      column = 1;
      continue;
    }
    for (; p < end; ++p) {
      if ((static_cast<unsigned char>(*p) & 0xC0u) != 0x80u) ++column;
    }
  }
  pos_ = offset;
  line_ = line;
  column_ = column;
  return SourceLocation{file_, line, column};
}

std::uint32_t column_of(std::string_view text, std::size_t line_start, std::size_t offset) {
  std::uint32_t column = 1;
  for (std::size_t i = line_start; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) ++column;
  }
  return column;
}

SourceLocation location_of(std::string_view text, std::size_t offset, const std::string* file) {
  LineCursor cursor(text, file);
  return cursor.at(offset);
}

std::string_view strip_utf8_bom(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  return text;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return i;  // continuation byte without lead, overlong C0/C1, or F5..FF
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = s[i + k];
      if ((cc & 0xC0u) != 0x80u) return i;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

namespace {

char hex_digit(unsigned v) { return "0123456789ABCDEF"[v & 0xFu]; }

std::string byte_hex(unsigned char b) {
  std::string s = "0x";
  s += hex_digit(b >> 4);
  s += hex_digit(b);
  return s;
}

}  // namespace

bool check_document_encoding(std::string_view text, const std::string* file, Diagnostics& diags) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const SourceLocation start{file, 1, 1};
  if (text.size() >= 4 && ((byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) ||
                           (byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0))) {
    diags.error(start, "file is not UTF-8 (it starts with a UTF-32 byte order mark); convert it to UTF-8");
    return false;
  }
  if (text.size() >= 2 && ((byte(0) == 0xFE && byte(1) == 0xFF) || (byte(0) == 0xFF && byte(1) == 0xFE))) {
    diags.error(start, "file is not UTF-8 (it starts with a UTF-16 byte order mark); convert it to UTF-8");
    return false;
  }
  if (auto bad = find_invalid_utf8(text)) {
    diags.error(location_of(text, *bad, file),
                "file is not valid UTF-8 (unexpected byte " + byte_hex(byte(*bad)) + "); convert it to UTF-8");
    return false;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    diags.error(location_of(text, offset, file),
                "file contains a NUL byte; it is not a UTF-8 text file (UTF-16 without a byte order mark?)");
    return false;
  }
  return true;
}

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

std::string quote_for_message(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0u) != 0x80u) {
      if (chars == max_chars) {
        out += "...";
        break;
      }
      ++chars;
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += hex_digit(c >> 4);
          out += hex_digit(c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

bool prepare_document_text(std::string_view& text, const std::string* file, Diagnostics& diags) {
  if (!check_document_encoding(text, file, diags)) return false;
  text = strip_utf8_bom(text);
  if (is_blank(text)) {
    diags.error(SourceLocation{file, 1, 1}, "empty document");
    return false;
  }
  return true;
}

}  // namespace wink::codegen::load::detail
