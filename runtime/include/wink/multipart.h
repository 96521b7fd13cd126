// Request bodies other than JSON: multipart/form-data (files and file arrays) and
// application/x-www-form-urlencoded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wink/json.h"
#include "wink/url.h"
#include "wink/values.h"

namespace wink {

class Multipart {
 public:
  void add(const char* name, const FilePart& file) {
    parts_.push_back({name, file.filename, file.content_type, file.data});
  }
  void add(const char* name, const std::vector<FilePart>& files) {
    for (const auto& f : files) add(name, f);
  }
  template <class T>
  void add(const char* name, const std::optional<T>& v) {
    if (v) add(name, *v);
  }
  template <class T>
  void add(const char* name, const std::vector<T>& values) {
    for (const auto& v : values) add(name, v);
  }
  void add(const char* name, const std::string& text) { parts_.push_back({name, {}, {}, text}); }
  void add(const char* name, bool v) { add(name, url::to_text(v)); }
  void add(const char* name, std::int32_t v) { add(name, url::to_text(v)); }
  void add(const char* name, std::int64_t v) { add(name, url::to_text(v)); }
  void add(const char* name, double v) { add(name, url::to_text(v)); }
  void add(const char* name, float v) { add(name, url::to_text(v)); }
  template <class E>
  void add(const char* name, const EnumValue<E>& v) {
    add(name, url::to_text(v));
  }
  // Objects travel as a JSON part.
  template <class T>
  void add(const char* name, const T& model) {
    parts_.push_back({name, {}, "application/json", json::dump(model)});
  }

  // The boundary is chosen when first asked for: one that occurs in no part. Compiled in the
  // runtime (src/multipart.cpp), so API sources do not parse <random>.
  std::string content_type();
  std::string body();

 private:
  struct Part {
    std::string name, filename, content_type, data;
  };
  void ensure_boundary();
  std::vector<Part> parts_;
  std::string boundary_;
};

class Form {
 public:
  template <class T>
  void add(const char* name, const T& v) {
    append(name, url::to_text(v));
  }
  template <class T>
  void add(const char* name, const std::optional<T>& v) {
    if (v) add(name, *v);
  }
  template <class T>
  void add(const char* name, const std::vector<T>& v) {
    for (const auto& e : v) add(name, e);
  }
  static std::string content_type() { return "application/x-www-form-urlencoded"; }
  const std::string& body() const { return text_; }

 private:
  void append(const char* name, const std::string& value) {
    if (!text_.empty()) text_ += '&';
    text_ += url::encode(name) + "=" + url::encode(value);
  }
  std::string text_;
};

}  // namespace wink
