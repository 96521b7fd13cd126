// oneOf/anyOf: the alternatives of a C++ variant, and the discriminator that picks one.
#include <map>
#include <string>
#include <vector>

#include "diff/differ.h"

namespace wink::codegen::diff {

using spec::Schema;

// oneOf/anyOf alternatives (a C++ variant): component alternatives by name, inline ones by position.
void Differ::compare_alternatives(const Schema& a, const Schema& b, const SchemaSite& site,
                                  const std::string& pointer, const Owner& owner) {
  auto keyed = [](const Schema& s) {
    std::map<std::string, std::pair<const Schema*, std::string>> out;  // key -> (schema, pointer)
    int inline_index = 0;
    auto add_list = [&](const std::vector<spec::SchemaPtr>& list, const char* keyword) {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& alt = list[i];
        std::string key = alt->is_ref() ? cat("ref:", alt->ref) : cat("inline:", std::to_string(inline_index++));
        out.emplace(key, std::pair{alt.get(), cat("/", keyword, "/", std::to_string(i))});
      }
    };
    add_list(s.one_of, "oneOf");
    add_list(s.any_of, "anyOf");
    return out;
  };
  auto ka = keyed(a), kb = keyed(b);
  if (ka.empty() && kb.empty()) return;
  bool request = site.direction == Direction::Request;
  const char* dir = direction_name(site.direction);
  auto label = [](const std::string& key) { return key.rfind("ref:", 0) == 0 ? key.substr(4) : key; };
  for (const auto& [key, alt] : ka) {
    if (kb.count(key)) continue;
    add("alternative-removed", request ? Level::Breaking : Level::Info, Level::Source,
        located(site.base, cat(pointer, alt.second), b),
        cat("alternative '", label(key), request ? "' is no longer accepted" : "' is no longer returned",
            " (C++: the variant loses it)"),
        dir);
  }
  for (const auto& [key, alt] : kb) {
    auto old = ka.find(key);
    if (old == ka.end()) {
      add("alternative-added", request ? Level::NonBreaking : Level::Breaking, Level::Source,
          located(site.base, cat(pointer, alt.second), *alt.first),
          cat("alternative '", label(key),
              request ? "' is now accepted" : "' may now be returned: OLD clients cannot decode it",
              " (C++: the variant gains an alternative; exhaustive visitors stop compiling)"),
          dir);
      continue;
    }
    compare_schemas(old->second.first, alt.first, {site.direction, site.base, false, std::nullopt},
                    cat(pointer, alt.second), owner);
  }
}

// The discriminator picks the alternative a payload decodes as: the SDK's variant decoder reads
// that property and maps its value (mapping, else the component's name) to an alternative.
void Differ::compare_discriminator(const Schema& a, const Schema& b, const SchemaSite& site, const Location& at) {
  if (!a.discriminator && !b.discriminator) return;
  const char* dir = direction_name(site.direction);
  bool request = site.direction == Direction::Request;
  const std::string pa = a.discriminator ? a.discriminator->property : std::string();
  const std::string pb = b.discriminator ? b.discriminator->property : std::string();
  if (pa != pb) {
    add("discriminator-property-changed", Level::Breaking, Level::Info, at,
        cat("the discriminator property ", pa.empty() ? std::string("(none)") : quoted(pa), " -> ",
            pb.empty() ? std::string("(none)") : quoted(pb),
            request ? ": NEW tells alternatives apart by another property than the one OLD clients send"
                    : ": OLD clients look for the old one to decode the response"),
        dir);
    return;
  }
  std::map<std::string, std::string> ma(a.discriminator->mapping.begin(), a.discriminator->mapping.end());
  std::map<std::string, std::string> mb(b.discriminator->mapping.begin(), b.discriminator->mapping.end());
  if (ma == mb) return;
  std::vector<std::string> removed, added, moved;
  for (const auto& [value, target] : ma) {
    auto it = mb.find(value);
    if (it == mb.end()) removed.push_back(cat(value, " -> ", target));
    else if (it->second != target) moved.push_back(cat(value, ": ", target, " -> ", it->second));
  }
  for (const auto& [value, target] : mb)
    if (!ma.count(value)) added.push_back(cat(value, " -> ", target));
  bool breaking = !moved.empty() || (request ? !removed.empty() : !added.empty());
  std::string message = cat("discriminator '", pb, "' mapping changed:");
  if (!added.empty()) message += cat(" added ", join(added), ";");
  if (!removed.empty()) message += cat(" removed ", join(removed), ";");
  if (!moved.empty()) message += cat(" now decoded as another alternative ", join(moved), ";");
  message.pop_back();
  message += breaking ? (request ? " (NEW rejects or misreads values OLD clients send)"
                                 : " (OLD clients cannot decode or misread values NEW returns)")
                      : " (OLD clients are unaffected)";
  add("discriminator-mapping-changed", breaking ? Level::Breaking : Level::NonBreaking, Level::Info, at, message, dir);
}

}  // namespace wink::codegen::diff
