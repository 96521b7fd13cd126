// Redaction: hooks, log lines and exception messages never carry credentials. Key-based rules
// and the JWT shape catch tokens we have never seen (any access_token=... / "access_token": "..."
// / eyJ...); literal scrubbing catches the secrets the runtime holds wherever they appear.
#include "wink/redact.h"

#include <algorithm>
#include <array>

#include "secret_registry.h"

namespace wink {

namespace {

constexpr std::array<std::string_view, 9> kSensitiveFields = {
    "access_token", "refresh_token", "id_token", "client_secret", "code_verifier",
    "password", "registration_access_token", "client_assertion", "assertion"};
constexpr std::array<std::string_view, 4> kSensitiveHeaders = {"authorization", "proxy-authorization", "cookie",
                                                               "set-cookie"};
constexpr std::array<std::string_view, 2> kAuthSchemes = {"bearer", "basic"};

bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_token68(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
}

bool word_at(std::string_view text, std::size_t i, std::string_view word) {
  if (i + word.size() > text.size()) return false;
  if (i > 0 && is_ident(text[i - 1])) return false;
  if (i + word.size() < text.size() && is_ident(text[i + word.size()])) return false;
  return iequals(text.substr(i, word.size()), word);
}

// If a sensitive "key: value" / "key=value" starts at i, returns [value_begin, value_end).
bool sensitive_value_at(std::string_view text, std::size_t i, std::size_t& vb, std::size_t& ve) {
  for (std::string_view f : kSensitiveFields) {
    if (!word_at(text, i, f)) continue;
    std::size_t p = i + f.size();
    const std::size_t n = text.size();
    if (p < n && text[p] == '=') {  // form field or query parameter
      vb = ++p;
      while (p < n && text[p] != '&' && text[p] != '"' && text[p] != '#' && text[p] != ';' && !is_space(text[p])) ++p;
      ve = p;
      return ve > vb;
    }
    while (p < n && (text[p] == '"' || text[p] == '\\' || text[p] == '\'')) ++p;
    while (p < n && is_space(text[p])) ++p;
    if (p >= n || text[p] != ':') continue;
    ++p;
    while (p < n && is_space(text[p])) ++p;
    bool quoted = false;
    while (p < n && (text[p] == '"' || text[p] == '\\' || text[p] == '\'')) {
      quoted = true;
      ++p;
    }
    vb = p;
    if (quoted) {
      while (p < n && text[p] != '"' && text[p] != '\\' && text[p] != '\'') ++p;
    } else {
      while (p < n && text[p] != ',' && text[p] != '}' && text[p] != ']' && text[p] != '&' && !is_space(text[p])) ++p;
    }
    ve = p;
    if (!quoted && text.substr(vb, ve - vb) == "null") return false;
    return ve > vb;
  }
  return false;
}

// "Bearer <token68>" / "Basic <token68>": returns the credential's range.
bool credential_at(std::string_view text, std::size_t i, std::size_t& vb, std::size_t& ve) {
  for (std::string_view scheme : kAuthSchemes) {
    if (!word_at(text, i, scheme)) continue;
    std::size_t p = i + scheme.size();
    if (p >= text.size() || text[p] != ' ') continue;
    while (p < text.size() && text[p] == ' ') ++p;
    vb = p;
    while (p < text.size() && is_token68(text[p])) ++p;
    ve = p;
    if (ve > vb) return true;
  }
  return false;
}

bool is_base64url(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// A JWS/JWE compact serialisation ("eyJ<header>.<payload>[.<signature>...]") starting at i.
bool jwt_at(std::string_view text, std::size_t i, std::size_t& ve) {
  if (text.substr(i, 3) != "eyJ" || (i > 0 && is_base64url(text[i - 1]))) return false;
  std::size_t p = i;
  int segments = 0;
  for (;;) {
    std::size_t begin = p;
    while (p < text.size() && is_base64url(text[p])) ++p;
    const std::size_t len = p - begin;
    if (segments == 0 && len < 10) return false;
    ++segments;
    if (p < text.size() && text[p] == '.' && segments < 5) {
      ++p;
      continue;
    }
    if (segments < 2 || (segments == 2 && len == 0)) return false;
    ve = p;
    return true;
  }
}

void scrub_literals(std::string& out, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    if (s.size() < 4) continue;
    for (std::size_t pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + kRedacted.size()))
      out.replace(pos, s.size(), kRedacted);
  }
}

std::string scrub_literals(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  std::vector<std::string> sorted(secrets);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  scrub_literals(out, sorted);
  scrub_literals(out, *detail::scrubbed_secrets());
  return out;
}

// Key-based rules, credentials after an auth scheme, JWT shapes.
std::string redact_patterns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t vb = 0, ve = 0;
    if (sensitive_value_at(text, i, vb, ve) || credential_at(text, i, vb, ve)) {
      out.append(text.substr(i, vb - i));
      out.append(kRedacted);
      i = ve;
      continue;
    }
    if (jwt_at(text, i, ve)) {
      out.append(kRedacted);
      i = ve;
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace

bool is_sensitive_header(std::string_view name) {
  return std::any_of(kSensitiveHeaders.begin(), kSensitiveHeaders.end(), [&](auto h) { return iequals(h, name); });
}

bool is_sensitive_field(std::string_view name) {
  return std::any_of(kSensitiveFields.begin(), kSensitiveFields.end(), [&](auto f) { return iequals(f, name); });
}

std::string redact_text(std::string_view text) { return redact_patterns(scrub_literals(text, {})); }

std::string redact_text(std::string_view text, const std::vector<std::string>& secrets) {
  return redact_patterns(scrub_literals(text, secrets));
}

std::string escape_controls(std::string_view text, std::size_t max_bytes) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  const bool cut = text.size() > max_bytes;
  if (cut) text = text.substr(0, max_bytes);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) {
      out.push_back(ch);
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == 0) {
      out += "\\0";
    } else {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  if (cut) out += "...";
  return out;
}

Headers redact_headers(const Headers& headers, const std::vector<std::string>& secrets) {
  Headers out;
  for (const auto& [name, value] : headers)
    out.add(name, is_sensitive_header(name) ? std::string(kRedacted) : redact_text(value, secrets));
  return out;
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  std::string red = redact_text(text);
  std::string flat;
  flat.reserve(std::min(red.size(), max_bytes + 8));
  for (char c : red) {
    unsigned char u = static_cast<unsigned char>(c);
    bool space = u < 0x20 || u == 0x7f || c == ' ';
    if (space) {
      if (!flat.empty() && flat.back() != ' ') flat.push_back(' ');
    } else {
      flat.push_back(c);
    }
    if (flat.size() > max_bytes + 4) break;
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (flat.size() <= max_bytes) return flat;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "...";
}

}  // namespace wink
