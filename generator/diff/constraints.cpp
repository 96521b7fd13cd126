// Validation keywords and defaults: they change what a server accepts or assumes, never a C++
// type. Limits are judged for requests only: the SDK checks nothing it reads, so a response
// limit changes nothing for OLD clients.
#include <string>
#include <vector>

#include "diff/differ.h"

namespace wink::codegen::diff {
namespace {

using spec::Bound;
using spec::Schema;

std::string count_text(const std::optional<std::uint64_t>& n) { return n ? std::to_string(*n) : "(none)"; }

std::string bound_text(const std::optional<Bound>& b, bool lower) {
  if (!b) return "(none)";
  return cat(lower ? (b->exclusive ? "> " : ">= ") : (b->exclusive ? "< " : "<= "), b->text);
}

// Is `y` a stricter bound than `x`? (For a lower bound: higher, or as high and exclusive.)
bool stricter(const std::optional<Bound>& x, const std::optional<Bound>& y, bool lower) {
  if (!y) return false;
  if (!x) return true;
  if (y->value != x->value) return lower ? y->value > x->value : y->value < x->value;
  return y->exclusive && !x->exclusive;
}

bool same(const std::optional<Bound>& x, const std::optional<Bound>& y) {
  return x.has_value() == y.has_value() && (!x || (x->value == y->value && x->exclusive == y->exclusive));
}

}  // namespace

void Differ::compare_constraints(const Schema& a, const Schema& b, const SchemaSite& site, const Location& at) {
  if (site.direction != Direction::Request) return;
  std::vector<std::string> tightened, loosened;
  // maxLength, maxItems: lower is stricter; absent is no limit.
  auto most = [&](const char* key, const std::optional<std::uint64_t>& x, const std::optional<std::uint64_t>& y) {
    if (x == y) return;
    bool tighter = y && (!x || *y < *x);
    (tighter ? tightened : loosened).push_back(cat(key, " ", count_text(x), " -> ", count_text(y)));
  };
  // minLength, minItems: higher is stricter; absent is 0.
  auto least = [&](const char* key, const std::optional<std::uint64_t>& x, const std::optional<std::uint64_t>& y) {
    if (x.value_or(0) == y.value_or(0)) return;
    bool tighter = y.value_or(0) > x.value_or(0);
    (tighter ? tightened : loosened).push_back(cat(key, " ", count_text(x), " -> ", count_text(y)));
  };
  least("minLength", a.min_length, b.min_length);
  most("maxLength", a.max_length, b.max_length);
  least("minItems", a.min_items, b.min_items);
  most("maxItems", a.max_items, b.max_items);
  if (a.pattern != b.pattern) {
    // A different pattern may reject what the old one accepted: only its removal is safe.
    if (b.pattern)
      tightened.push_back(a.pattern ? cat("pattern ", quoted(*a.pattern), " -> ", quoted(*b.pattern))
                                    : cat("pattern ", quoted(*b.pattern), " added"));
    else
      loosened.push_back(cat("pattern ", quoted(*a.pattern), " removed"));
  }
  for (bool lower : {true, false}) {
    const auto& x = lower ? a.minimum : a.maximum;
    const auto& y = lower ? b.minimum : b.maximum;
    if (same(x, y)) continue;
    (stricter(x, y, lower) ? tightened : loosened)
        .push_back(cat(lower ? "minimum " : "maximum ", bound_text(x, lower), " -> ", bound_text(y, lower)));
  }
  if (!tightened.empty())
    add("request-constraint-tightened", Level::Breaking, Level::Info, at,
        cat(join(tightened), ": NEW may reject values OLD clients send"), "request");
  if (!loosened.empty())
    add("request-constraint-loosened", Level::NonBreaking, Level::Info, at,
        cat(join(loosened), " (NEW accepts everything OLD did)"), "request");
}

// The SDK fills in no defaults: a request default is what the server assumes when an OLD client
// leaves the value out; a response default only documents the server. `default: null` says what
// leaving the value out says already.
void Differ::compare_default(const Schema& a, const Schema& b, const SchemaSite& site, const Location& at) {
  auto text = [](const Schema& s) {
    return s.default_value && !s.default_value->is_null() ? s.default_value->dump() : std::string("(none)");
  };
  std::string from = text(a), to = text(b);
  if (from == to) return;
  if (site.direction == Direction::Request)
    add("default-value-changed", Level::NonBreaking, Level::Info, at,
        cat("default ", from, " -> ", to, ": OLD clients that leave it out now get ",
            to == "(none)" ? "no default" : to),
        "request");
  else
    add("default-value-changed", Level::Info, Level::Info, at,
        cat("default ", from, " -> ", to, " (documentation: the SDK fills in no defaults)"), "response");
}

}  // namespace wink::codegen::diff
