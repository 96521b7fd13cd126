// Request bodies other than JSON: multipart/form-data (files and file arrays) and
// application/x-www-form-urlencoded.
#pragma once

#include <optional>
#include <random>
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

  std::string content_type() {
    ensure_boundary();
    return "multipart/form-data; boundary=" + boundary_;
  }
  std::string body() {
    ensure_boundary();
    std::string out;
    for (const auto& p : parts_) {
      out += "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + quote(p.name) + "\"";
      if (!p.filename.empty()) out += "; filename=\"" + quote(p.filename) + "\"";
      out += "\r\n";
      if (!p.content_type.empty()) out += "Content-Type: " + p.content_type + "\r\n";
      out += "\r\n" + p.data + "\r\n";
    }
    out += "--" + boundary_ + "--\r\n";
    return out;
  }

 private:
  struct Part {
    std::string name, filename, content_type, data;
  };
  static std::string quote(const std::string& s) {
    std::string out;
    for (char c : s) out += (c == '"' ? std::string("%22") : c == '\r' || c == '\n' ? std::string(" ") : std::string(1, c));
    return out;
  }
  // A boundary that occurs in no part.
  void ensure_boundary() {
    if (!boundary_.empty()) return;
    std::random_device rd;
    for (;;) {
      boundary_ = "wink-" + std::to_string(rd()) + std::to_string(rd());
      bool clash = false;
      for (const auto& p : parts_) clash = clash || p.data.find(boundary_) != std::string::npos;
      if (!clash) return;
    }
  }
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
