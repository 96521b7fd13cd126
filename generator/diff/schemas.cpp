// Payload schemas, compared where they are used: request bodies and parameters judged as
// "can an OLD client still send this", responses as "can an OLD client still read this".
// A `$ref` to the same component on both sides is compared once per direction, at the component
// (location: schema name + pointer); anything else is compared structurally in place.
#include <algorithm>
#include <map>
#include <set>

#include "diff/differ.h"
#include "ir/naming.h"

namespace wink::codegen::diff {
namespace {

using spec::Schema;

// Resolves component names on one side of the comparison.
struct Side {
  const spec::Document& doc;
  const Schema* find(const std::string& name) const { return doc.find_schema(name); }
  const Schema* resolve(const Schema* s) const { return doc.resolve(s); }
};

bool string_enum(const Schema& s) {  // mirrors ir/model.cpp: such enums become C++ enums
  if (s.enum_values.empty()) return false;
  if ((s.types & ~spec::kNull) != 0 && (s.types & ~spec::kNull) != spec::kString) return false;
  return std::all_of(s.enum_values.begin(), s.enum_values.end(),
                     [](const std::string& v) { return !v.empty() && v[0] == '"'; });
}

// The primitive types a schema admits (without null); structure implies a type when none is said.
std::uint8_t types_of(const Schema& s, const Side& side, int depth = 0) {
  std::uint8_t t = s.types & ~spec::kNull;
  if (t != 0) return t;
  if (!s.properties.empty() || s.additional_properties) return spec::kObject;
  if (s.items) return spec::kArray;
  if (depth < 16)
    for (const auto& part : s.all_of)
      if (const Schema* r = side.resolve(part.get())) t |= types_of(*r, side, depth + 1);
  return t;
}

bool nullable(const Schema& s) { return s.nullable || (s.types & spec::kNull) != 0; }

std::string type_text(const Schema& s, const Side& side) {
  std::uint8_t t = types_of(s, side);
  std::string out;
  static const std::pair<std::uint8_t, const char*> kNames[] = {
      {spec::kString, "string"}, {spec::kInteger, "integer"}, {spec::kNumber, "number"}, {spec::kBoolean, "boolean"},
      {spec::kObject, "object"}, {spec::kArray, "array"}};
  for (const auto& [bit, name] : kNames)
    if (t & bit) out += out.empty() ? name : cat("|", name);
  if (out.empty()) out = !s.one_of.empty() ? "oneOf" : !s.any_of.empty() ? "anyOf" : "any";
  if (!s.format.empty()) out += cat(" (", s.format, ")");
  if (string_enum(s) || !s.enum_values.empty()) out += " enum";
  return out;
}

// Is the component a named C++ type (struct, enum, variant) rather than an alias of another type?
bool named_model(const Schema& s) {
  if (s.is_ref()) return false;
  if (string_enum(s) || !s.one_of.empty() || !s.any_of.empty()) return true;
  if (!s.all_of.empty()) return !(s.all_of.size() == 1 && s.properties.empty());
  return !s.properties.empty() || ((s.types & spec::kObject) && !s.additional_properties);
}

// The C++ type the generator would use, minus the names of inline models (which follow from
// the place, unchanged here): enough to tell whether code written against OLD still compiles.
std::string cpp_shape(const Schema& s, const Side& side, int depth = 0) {
  if (depth > 16) return "json";
  if (s.is_ref()) {
    const Schema* target = side.find(s.ref);
    if (!target) return "json";
    return named_model(*target) ? cat("named:", s.ref) : cpp_shape(*target, side, depth + 1);
  }
  if (string_enum(s)) return "inline-enum";
  if (!s.one_of.empty() || !s.any_of.empty()) return "inline-variant";
  if (!s.all_of.empty()) {
    if (s.all_of.size() == 1 && s.properties.empty()) return cpp_shape(*s.all_of[0], side, depth + 1);
    return "inline-struct";
  }
  std::uint8_t t = s.types & ~spec::kNull;
  if (t == spec::kString) return "std::string";
  if (t == spec::kInteger) return s.format == "int32" ? "std::int32_t" : "std::int64_t";
  if (t == spec::kNumber) return s.format == "float" ? "float" : "double";
  if (t == spec::kBoolean) return "bool";
  if (t == spec::kArray) return cat("vector<", s.items ? cpp_shape(*s.items, side, depth + 1) : "json", ">");
  if (t == spec::kObject || t == 0) {
    if (!s.properties.empty()) return "inline-struct";
    if (s.additional_properties && !s.additional_properties->is_free_form())
      return cat("map<", cpp_shape(*s.additional_properties, side, depth + 1), ">");
  }
  return "json";
}

// Does `y` accept every value `x` accepts? (Request: NEW must accept what OLD clients send.
// Response: OLD clients must accept what NEW returns, i.e. the question asked the other way.)
bool accepts_all_of(const Schema& x, const Side& sx, const Schema& y, const Side& sy) {
  std::uint8_t tx = types_of(x, sx), ty = types_of(y, sy);
  bool ex = !x.enum_values.empty(), ey = !y.enum_values.empty();
  if (ey) {
    if (!ex) return false;
    for (const auto& v : x.enum_values)
      if (std::find(y.enum_values.begin(), y.enum_values.end(), v) == y.enum_values.end()) return false;
  }
  if (ty == 0) return true;
  if (tx == 0) return false;
  std::uint8_t widened = ty & spec::kNumber ? static_cast<std::uint8_t>(ty | spec::kInteger) : ty;
  if (tx & ~widened) return false;
  if (x.format == y.format || y.format.empty()) return true;
  // A format on a string that had none (uuid, email, date-time, ...) is a validation hint the
  // values OLD clients send are expected to meet already; the C++ type stays std::string.
  if (tx == spec::kString && ty == spec::kString && x.format.empty()) return true;
  if (x.format == "int32" && y.format == "int64") return true;
  if (x.format == "float" && y.format == "double") return true;
  return (tx == spec::kInteger && (ty & spec::kNumber));  // integers into a number: formats do not matter
}

// Properties of a schema including those its allOf parts contribute (as the C++ struct has them).
void collect_properties(const Schema& s, const Side& side, std::map<std::string, const Schema*>& props,
                        std::set<std::string>& required, std::set<const Schema*>& seen) {
  if (!seen.insert(&s).second) return;
  for (const auto& p : s.properties) props.emplace(p.name, p.schema.get());
  required.insert(s.required.begin(), s.required.end());
  for (const auto& part : s.all_of)
    if (const Schema* r = side.resolve(part.get())) collect_properties(*r, side, props, required, seen);
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += out.empty() ? v : cat(", ", v);
  return out;
}

}  // namespace

void Differ::compare_schemas(const Schema* a, const Schema* b, const SchemaSite& site, const std::string& pointer,
                             const std::string& owner) {
  if (!a || !b) return;
  Side sa{old_}, sb{new_};
  const char* dir = direction_name(site.direction);
  if (a->is_ref() && b->is_ref() && a->ref == b->ref) {
    // `nullable` beside a 3.1 $ref belongs to this place, not to the component.
    if (nullable(*a) != nullable(*b)) {
      Schema na, nb;
      na.nullable = nullable(*a);
      nb.nullable = nullable(*b);
      compare_structure(na, nb, site, pointer, owner);
    }
    std::string key = cat(a->ref, "|", dir);
    reaches_[owner].insert(key);
    if (!compared_.insert(key).second) return;  // done already, or in progress (a cycle)
    const Schema* ra = old_.find_schema(a->ref);
    const Schema* rb = new_.find_schema(b->ref);
    if (!ra || !rb) return;
    SchemaSite component{site.direction, Location{{}, {}, a->ref, {}}, false};
    compare_structure(*ra, *rb, component, "", key);
    return;
  }
  const Schema* ra = sa.resolve(a);
  const Schema* rb = sb.resolve(b);
  if (!ra || !rb) return;
  if (a->is_ref() || b->is_ref()) {
    // A different component, or inline <-> component: the wire only sees the structure, but the
    // C++ type's name changes when either side is a named model.
    std::string shape_a = cpp_shape(*a, sa), shape_b = cpp_shape(*b, sb);
    if (shape_a != shape_b && types_of(*ra, sa) == types_of(*rb, sb)) {
      Location at = site.base;
      at.pointer += pointer;
      std::string from = a->is_ref() ? cat("schema '", a->ref, "'") : std::string("an inline schema");
      std::string to = b->is_ref() ? cat("schema '", b->ref, "'") : std::string("an inline schema");
      add("schema-ref-changed", Level::Info, Level::Source, at,
          cat("now uses ", to, " instead of ", from, ": the C++ type changes (compared structurally below)"), dir);
    }
    if (a->is_ref() && b->is_ref() && !compared_.insert(cat(a->ref, ">", b->ref, "|", dir)).second) return;
  }
  // `nullable` beside a $ref adds to the target's own nullability at this place.
  compare_structure(*ra, *rb, site, pointer, owner, a->is_ref() && nullable(*a), b->is_ref() && nullable(*b));
}

void Differ::compare_structure(const Schema& a, const Schema& b, const SchemaSite& site, const std::string& pointer,
                               const std::string& owner, bool extra_null_a, bool extra_null_b) {
  Side sa{old_}, sb{new_};
  const char* dir = direction_name(site.direction);
  bool request = site.direction == Direction::Request;
  Location at = site.base;
  at.pointer += pointer;
  std::uint8_t ta = types_of(a, sa), tb = types_of(b, sb);
  bool enum_constraint_changed = a.enum_values.empty() != b.enum_values.empty();
  if (ta != tb || a.format != b.format || enum_constraint_changed) {
    bool compatible = request ? accepts_all_of(a, sa, b, sb) : accepts_all_of(b, sb, a, sa);
    Level cpp = cpp_shape(a, sa) != cpp_shape(b, sb) ? Level::Source : Level::Info;
    std::string rule = site.parameter ? std::string("parameter-type-changed") : cat(dir, "-property-type-changed");
    add(rule, compatible ? Level::NonBreaking : Level::Breaking, cpp, at,
        cat("type ", type_text(a, sa), " -> ", type_text(b, sb),
            compatible ? (request ? " (NEW accepts everything OLD did)" : " (OLD clients can read every NEW value)")
                       : (request ? ": NEW rejects values OLD clients send" : ": OLD clients cannot read NEW values"),
            cpp == Level::Source ? "; the C++ type changes" : ""),
        dir);
    if (ta != tb) return;  // different kinds of value: nothing below is comparable
  }
  bool null_a = nullable(a) || extra_null_a, null_b = nullable(b) || extra_null_b;
  if (null_a != null_b) {
    if (null_b) {
      if (request)
        add("request-property-nullable", Level::NonBreaking, Level::Info, at, "NEW also accepts null", dir);
      else
        add("response-property-nullable", Level::Breaking, Level::Source, at,
            "may now be null: OLD clients do not expect it (C++: the member becomes optional/Nullable)", dir);
    } else {
      if (request)
        add("request-property-not-nullable", Level::Breaking, Level::Info, at,
            "null is no longer accepted: OLD clients may send it", dir);
      else
        add("response-property-not-nullable", Level::NonBreaking, Level::Source, at,
            "is never null any more (C++: the member may lose its optional/Nullable wrapper)", dir);
    }
  }
  compare_enum(a, b, site, pointer);
  compare_properties(a, b, site, pointer, owner);
  SchemaSite inner = site;
  if (a.items && b.items) compare_schemas(a.items.get(), b.items.get(), inner, cat(pointer, "/items"), owner);
  if (a.additional_properties && b.additional_properties)
    compare_schemas(a.additional_properties.get(), b.additional_properties.get(), inner,
                    cat(pointer, "/additionalProperties"), owner);
  compare_alternatives(a, b, site, pointer, owner);
}

void Differ::compare_properties(const Schema& a, const Schema& b, const SchemaSite& site, const std::string& pointer,
                                const std::string& owner) {
  Side sa{old_}, sb{new_};
  std::map<std::string, const Schema*> pa, pb;
  std::set<std::string> ra, rb;
  std::set<const Schema*> seen_a, seen_b;
  collect_properties(a, sa, pa, ra, seen_a);
  collect_properties(b, sb, pb, rb, seen_b);
  if (pa.empty() && pb.empty()) return;
  bool request = site.direction == Direction::Request;
  const char* dir = direction_name(site.direction);
  // readOnly properties are never sent, writeOnly ones never returned: skip them where irrelevant.
  auto irrelevant = [&](const Schema* s, const Side& side) {
    const Schema* r = side.resolve(s);
    bool read_only = s->read_only || (r && r->read_only), write_only = s->write_only || (r && r->write_only);
    return request ? read_only : write_only;
  };
  SchemaSite inner{site.direction, site.base, false};
  for (const auto& [name, schema] : pa) {
    if (pb.count(name) || irrelevant(schema, sa)) continue;
    Location at = site.base;
    at.pointer += cat(pointer, "/properties/", load::escape_pointer_token(name));
    if (request)
      add("request-property-removed", Level::NonBreaking, Level::Source, at,
          cat("property '", name, "' was removed (C++: the member is gone; the server ignores it if still sent)"), dir);
    else
      add("response-property-removed", Level::Breaking, Level::Source, at,
          cat("property '", name, "' is no longer returned (C++: the member is gone too)"), dir);
  }
  for (const auto& [name, schema] : pb) {
    if (irrelevant(schema, sb)) continue;
    Location at = site.base;
    at.pointer += cat(pointer, "/properties/", load::escape_pointer_token(name));
    auto old = pa.find(name);
    if (old == pa.end()) {
      bool required = rb.count(name) > 0;
      if (request && required)
        add("request-property-added", Level::Breaking, Level::Info, at,
            cat("required property '", name, "' was added: OLD clients do not send it"), dir);
      else
        add(cat(dir, "-property-added"), Level::NonBreaking, Level::Info, at,
            cat(required ? "required" : "optional", " property '", name, "' was added"), dir);
      continue;
    }
    if (irrelevant(old->second, sa)) continue;
    bool was = ra.count(name) > 0, is = rb.count(name) > 0;
    if (was != is) {
      if (request)
        add("request-property-required-changed", is ? Level::Breaking : Level::NonBreaking, Level::Info, at,
            cat("property '", name, is ? "' is now required: OLD clients may omit it" : "' is now optional"), dir);
      else
        add("response-property-required-changed", is ? Level::NonBreaking : Level::Breaking, Level::Source, at,
            cat("property '", name,
                is ? "' is now always returned (C++: the member loses its std::optional)"
                   : "' may now be absent: OLD clients expect it (C++: the member becomes std::optional)"),
            dir);
    }
    compare_schemas(old->second, schema, inner, cat(pointer, "/properties/", load::escape_pointer_token(name)),
                    owner);
  }
}

void Differ::compare_enum(const Schema& a, const Schema& b, const SchemaSite& site, const std::string& pointer) {
  if (a.enum_values.empty() || b.enum_values.empty()) return;  // a new/dropped constraint is a type change
  std::set<std::string> va(a.enum_values.begin(), a.enum_values.end()), vb(b.enum_values.begin(), b.enum_values.end());
  std::vector<std::string> added, removed;
  std::set_difference(vb.begin(), vb.end(), va.begin(), va.end(), std::back_inserter(added));
  std::set_difference(va.begin(), va.end(), vb.begin(), vb.end(), std::back_inserter(removed));
  bool request = site.direction == Direction::Request;
  const char* dir = direction_name(site.direction);
  Location at = site.base;
  at.pointer += pointer;
  // Removing a value removes a C++ enumerator; adding one is harmless to C++ callers.
  Level cpp_removed = string_enum(a) ? Level::Source : Level::Info;
  if (!removed.empty()) {
    if (request)
      add("enum-value-removed", Level::Breaking, cpp_removed, at,
          cat("no longer accepted: ", join_values(removed), " (OLD clients may send it)"), dir);
    else
      add("enum-value-removed", Level::Info, cpp_removed, at,
          cat("no longer returned: ", join_values(removed),
              cpp_removed == Level::Source ? " (C++: the enumerator is gone)" : ""),
          dir);
  }
  if (!added.empty()) {
    if (request)
      add("enum-value-added", Level::NonBreaking, Level::Info, at, cat("now also accepted: ", join_values(added)), dir);
    else
      add("enum-value-added", Level::NonBreaking, Level::Info, at,
          cat("may now be returned: ", join_values(added),
              " (note: OLD clients see an unknown value - wink::EnumValue keeps the text - and code that switches "
              "exhaustively on the enum should handle it)"),
          dir);
  }
}

// oneOf/anyOf alternatives (a C++ variant): component alternatives by name, inline ones by position.
void Differ::compare_alternatives(const Schema& a, const Schema& b, const SchemaSite& site,
                                  const std::string& pointer, const std::string& owner) {
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
    Location at = site.base;
    at.pointer += cat(pointer, alt.second);
    add("alternative-removed", request ? Level::Breaking : Level::Info, Level::Source, at,
        cat("alternative '", label(key), request ? "' is no longer accepted" : "' is no longer returned",
            " (C++: the variant loses it)"),
        dir);
  }
  for (const auto& [key, alt] : kb) {
    Location at = site.base;
    at.pointer += cat(pointer, alt.second);
    auto old = ka.find(key);
    if (old == ka.end()) {
      add("alternative-added", request ? Level::NonBreaking : Level::Breaking, Level::Source, at,
          cat("alternative '", label(key),
              request ? "' is now accepted" : "' may now be returned: OLD clients cannot decode it",
              " (C++: the variant gains an alternative; exhaustive visitors stop compiling)"),
          dir);
      continue;
    }
    compare_schemas(old->second.first, alt.first, {site.direction, site.base, false}, cat(pointer, alt.second), owner);
  }
}

}  // namespace wink::codegen::diff
