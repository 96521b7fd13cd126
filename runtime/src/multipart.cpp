// multipart/form-data bodies (<wink/multipart.h>).
#include "wink/multipart.h"

#include <random>

namespace wink {
namespace {

// Header parameter values: quotes are percent-encoded and line breaks dropped.
std::string quote(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '"' ? std::string("%22") : c == '\r' || c == '\n' ? std::string(" ") : std::string(1, c));
  return out;
}

}  // namespace

std::string Multipart::content_type() {
  ensure_boundary();
  return "multipart/form-data; boundary=" + boundary_;
}

std::string Multipart::body() {
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

void Multipart::ensure_boundary() {
  if (!boundary_.empty()) return;
  std::random_device rd;
  for (;;) {
    boundary_ = "wink-" + std::to_string(rd()) + std::to_string(rd());
    bool clash = false;
    for (const auto& p : parts_) clash = clash || p.data.find(boundary_) != std::string::npos;
    if (!clash) return;
  }
}

}  // namespace wink
