// multipart/form-data bodies (<wink/multipart.h>).
#include "wink/multipart.h"

#include "encoding.h"
#include "wink/errors.h"
#include "wink/redact.h"

namespace wink {
namespace {

// Part header parameter values (name, filename): quotes are percent-encoded (as browsers do);
// a control character would end the header line, so it is refused.
std::string quote(const std::string& s, const char* what, const std::string& part) {
  if (!is_header_value(s) || s.find('\t') != std::string::npos)
    throw Error(ErrorKind::InvalidArgument, std::string("multipart part ") + escape_controls(part, 80) + ": " + what +
                                                " contains control characters; nothing was sent");
  std::string out;
  for (char c : s) out += (c == '"' ? std::string("%22") : std::string(1, c));
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
    out += "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + quote(p.name, "the name", p.name) + "\"";
    if (!p.filename.empty()) out += "; filename=\"" + quote(p.filename, "the file name", p.name) + "\"";
    out += "\r\n";
    if (!is_header_value(p.content_type))
      throw Error(ErrorKind::InvalidArgument, "multipart part " + escape_controls(p.name, 80) +
                                                  ": the content type contains control characters; nothing was sent");
    if (!p.content_type.empty()) out += "Content-Type: " + p.content_type + "\r\n";
    out += "\r\n" + p.data + "\r\n";
  }
  out += "--" + boundary_ + "--\r\n";
  return out;
}

void Multipart::ensure_boundary() {
  if (!boundary_.empty()) return;
  for (;;) {
    boundary_ = "wink-" + detail::base64url_encode(detail::random_bytes(18));
    bool clash = false;
    for (const auto& p : parts_) clash = clash || p.data.find(boundary_) != std::string::npos;
    if (!clash) return;
  }
}

}  // namespace wink
