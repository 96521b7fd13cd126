// Payload schemas, compared where they are used: request bodies and parameters judged as
// "can an OLD client still send this", responses as "can an OLD client still read this".
// A `$ref` to a component on both sides (the same one, or payloads moved from one component to
// another) is compared once per direction, at the component (location: schema name + pointer,
// `usedBy` = every operation that reaches it); anything else is compared structurally in place.
// Wrappers that change nothing for the SDK (`allOf: [X]`, a union of X with null) are seen
// through, so a change behind them is never hidden.
#include <algorithm>
#include <map>
#include <set>

#include "diff/differ.h"
#include "ir/model.h"
#include "spec/all_of.h"

namespace wink::codegen::diff {
namespace {

using spec::Schema;

// Resolves component names on one side of the comparison.
struct Side {
  const spec::Document& doc;
  const Schema* find(const std::string& name) const { return doc.find_schema(name); }
  const Schema* resolve(const Schema* s) const { return doc.resolve(s); }
};

// The enum constraint of a schema, its own or one its allOf parts impose.
const std::vector<spec::Value>& enum_of(const Schema& s, const Side& side, int depth = 0) {
  static const std::vector<spec::Value> kNone;
  if (!s.enum_values.empty() || depth > 16) return s.enum_values;
  for (const auto& part : s.all_of)
    if (const Schema* r = side.resolve(part.get()))
      if (const auto& e = enum_of(*r, side, depth + 1); !e.empty()) return e;
  return kNone;
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
  if (!enum_of(s, side).empty()) out += " enum";
  return out;
}

// Is the component a named C++ type (struct, enum, variant) rather than an alias of another type?
bool named_model(const Schema& s) {
  if (s.is_ref()) return false;
  if (ir::is_string_enum(s) || !s.one_of.empty() || !s.any_of.empty()) return true;
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
  if (ir::is_string_enum(s)) return "inline-enum";
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

// `allOf: [X]` with nothing beside it is X to the generator (same C++ type) and on the wire;
// a `nullable` on the wrapper belongs to the place.
const Schema* unwrap(const Schema* s, bool& place_null) {
  for (int depth = 0; depth < 16 && !s->is_ref() && !ir::is_string_enum(*s) && s->one_of.empty() && s->any_of.empty() &&
                      s->all_of.size() == 1 && s->properties.empty();
       ++depth) {
    place_null = place_null || nullable(*s);
    s = s->all_of.front().get();
  }
  return s;
}

bool pure_null(const Schema& s) {
  return !s.is_ref() && s.types == spec::kNull && s.properties.empty() && !s.items && s.all_of.empty() &&
         s.one_of.empty() && s.any_of.empty();
}

// `anyOf`/`oneOf: [X, {type: "null"}]` (3.1's nullable X): the same values as a nullable X.
const Schema* null_union_member(const Schema& s) {
  if (s.is_ref() || !s.all_of.empty() || !s.properties.empty() || (s.one_of.empty() == s.any_of.empty()))
    return nullptr;
  const auto& list = s.one_of.empty() ? s.any_of : s.one_of;
  const Schema* member = nullptr;
  bool has_null = false;
  for (const auto& alt : list) {
    if (pure_null(*alt)) {
      has_null = true;
    } else {
      if (member) return nullptr;
      member = alt.get();
    }
  }
  return has_null ? member : nullptr;
}

// Does `y` accept every value `x` accepts? (Request: NEW must accept what OLD clients send.
// Response: OLD clients must accept what NEW returns, i.e. the question asked the other way.)
bool accepts_all_of(const Schema& x, const Side& sx, const Schema& y, const Side& sy) {
  std::uint8_t tx = types_of(x, sx), ty = types_of(y, sy);
  const auto& enum_x = enum_of(x, sx);
  const auto& enum_y = enum_of(y, sy);
  if (!enum_y.empty()) {
    if (enum_x.empty()) return false;
    for (const auto& v : enum_x)
      if (std::find(enum_y.begin(), enum_y.end(), v) == enum_y.end()) return false;
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
                        std::set<std::string>& required) {
  const spec::MergedObject merged = spec::merge_all_of(side.doc, s);
  for (const spec::Property* p : merged.properties) props.emplace(p->name, p->schema.get());
  required.insert(merged.required.begin(), merged.required.end());
}

// The C++ type of a struct member around its value type T (ir/model.cpp, fill_struct).
const char* member_wrapper(bool required, bool null) {
  return required ? (null ? "std::optional<T>" : "T") : (null ? "wink::Nullable<T>" : "std::optional<T>");
}

std::string type_rule(const SchemaSite& site) {
  return site.parameter ? std::string("parameter-type-changed")
                        : cat(direction_name(site.direction), "-property-type-changed");
}

}  // namespace

void Differ::compare_schemas(const Schema* a, const Schema* b, const SchemaSite& site, const std::string& pointer,
                             const Owner& owner) {
  if (!a || !b) return;
  Side sa{old_}, sb{new_};
  const Schema* written_a = a;
  const Schema* written_b = b;
  bool null_a = false, null_b = false;
  a = unwrap(a, null_a);
  b = unwrap(b, null_b);
  const Schema* member_a = null_union_member(*a);
  const Schema* member_b = null_union_member(*b);
  if (member_a) {
    null_a = true;
    a = unwrap(member_a, null_a);
  }
  if (member_b) {
    null_b = true;
    b = unwrap(member_b, null_b);
  }
  Location place = located(site.base, pointer, *written_b);
  if (!member_a != !member_b) {
    // The same values on the wire; the generator spells a union with null as a variant, though.
    std::string shape_a = cpp_shape(*written_a, sa), shape_b = cpp_shape(*written_b, sb);
    if (shape_a != shape_b)
      add(type_rule(site), Level::Info, Level::Source, place,
          cat(member_b ? "now written as a union with null" : "no longer written as a union with null",
              ": the same values on the wire, but the generated C++ type changes (", shape_a, " -> ", shape_b, ")"),
          direction_name(site.direction));
  }
  // `nullable` beside a 3.1 $ref belongs to this place, not to the component.
  if (a->is_ref()) null_a = null_a || nullable(*a);
  if (b->is_ref()) null_b = null_b || nullable(*b);
  if (a->is_ref() && b->is_ref()) {
    if (a->ref != b->ref && sa.resolve(a) && sb.resolve(b)) {
      // Another component: the wire only sees the structure, but the C++ type's name changes
      // when either side is a named model.
      std::string shape_a = cpp_shape(*a, sa), shape_b = cpp_shape(*b, sb);
      if (shape_a != shape_b && types_of(*sa.resolve(a), sa) == types_of(*sb.resolve(b), sb))
        add("schema-ref-changed", Level::Info, Level::Source, place,
            cat("now uses schema '", b->ref, "' instead of '", a->ref,
                "': the C++ type changes (the two are compared under schema ", a->ref, " -> ", b->ref, ")"),
            direction_name(site.direction));
    }
    compare_nullable(null_a, null_b, site, place);
    compare_component(a->ref, b->ref, site, owner);
    return;
  }
  const Schema* ra = sa.resolve(a);
  const Schema* rb = sb.resolve(b);
  if (!ra || !rb) return;
  if (a->is_ref() || b->is_ref()) {
    // Inline <-> component: compared in place, and the C++ type's name changes when the
    // component is a named model.
    std::string shape_a = cpp_shape(*a, sa), shape_b = cpp_shape(*b, sb);
    if (shape_a != shape_b && types_of(*ra, sa) == types_of(*rb, sb)) {
      std::string from = a->is_ref() ? cat("schema '", a->ref, "'") : std::string("an inline schema");
      std::string to = b->is_ref() ? cat("schema '", b->ref, "'") : std::string("an inline schema");
      add("schema-ref-changed", Level::Info, Level::Source, place,
          cat("now uses ", to, " instead of ", from, ": the C++ type changes (compared structurally below)"),
          direction_name(site.direction));
    }
  }
  compare_structure(*ra, *rb, site, pointer, owner, null_a, null_b);
}

void Differ::compare_component(const std::string& old_name, const std::string& new_name, const SchemaSite& site,
                               const Owner& owner) {
  ComponentKey key{old_name, new_name, site.direction};
  if (owner.component) component_reaches_[*owner.component].insert(key);
  else operation_reaches_[owner.operation].insert(key);
  if (!compared_.insert(key).second) return;  // done already, or in progress (a cycle)
  const Schema* ra = old_.find_schema(old_name);
  const Schema* rb = new_.find_schema(new_name);
  if (!ra || !rb) return;
  Location at;
  at.schema = new_name;
  if (old_name != new_name) at.old_schema = old_name;
  at.source = rb->location;
  compare_schemas(ra, rb, {site.direction, at, false, std::nullopt}, "", Owner{{}, key});
}

void Differ::compare_structure(const Schema& a, const Schema& b, const SchemaSite& site, const std::string& pointer,
                               const Owner& owner, bool place_null_a, bool place_null_b) {
  Side sa{old_}, sb{new_};
  const char* dir = direction_name(site.direction);
  bool request = site.direction == Direction::Request;
  Location at = located(site.base, pointer, b);
  std::uint8_t ta = types_of(a, sa), tb = types_of(b, sb);
  bool enum_constraint_changed = enum_of(a, sa).empty() != enum_of(b, sb).empty();
  if (ta != tb || a.format != b.format || enum_constraint_changed) {
    bool compatible = request ? accepts_all_of(a, sa, b, sb) : accepts_all_of(b, sb, a, sa);
    Level cpp = cpp_shape(a, sa) != cpp_shape(b, sb) ? Level::Source : Level::Info;
    add(type_rule(site), compatible ? Level::NonBreaking : Level::Breaking, cpp, at,
        cat("type ", type_text(a, sa), " -> ", type_text(b, sb),
            compatible ? (request ? " (NEW accepts everything OLD did)" : " (OLD clients can read every NEW value)")
                       : (request ? ": NEW rejects values OLD clients send" : ": OLD clients cannot read NEW values"),
            cpp == Level::Source ? "; the C++ type changes" : ""),
        dir);
    if (ta != tb) return;  // different kinds of value: nothing below is comparable
  }
  compare_nullable(nullable(a) || place_null_a, nullable(b) || place_null_b, site, at);
  if (a.deprecated != b.deprecated)
    add(b.deprecated ? "deprecation-added" : "deprecation-removed", Level::Info, Level::Info, at,
        b.deprecated ? "now deprecated (the SDK says so in a comment)" : "no longer deprecated", dir);
  compare_constraints(a, b, site, at);
  compare_default(a, b, site, at);
  compare_enum(a, b, site, at);
  compare_discriminator(a, b, site, at);
  compare_properties(a, b, site, pointer, owner);
  SchemaSite inner = site;
  inner.member.reset();
  if (a.items && b.items) compare_schemas(a.items.get(), b.items.get(), inner, cat(pointer, "/items"), owner);
  if (a.additional_properties && b.additional_properties)
    compare_schemas(a.additional_properties.get(), b.additional_properties.get(), inner,
                    cat(pointer, "/additionalProperties"), owner);
  compare_alternatives(a, b, site, pointer, owner);
}

// A value that may now be null: struct members change their C++ wrapper; on the wire an OLD
// client decodes null into an optional member's std::nullopt, but fails on anything else.
void Differ::compare_nullable(bool null_a, bool null_b, const SchemaSite& site, const Location& at) {
  if (null_a == null_b) return;
  const char* dir = direction_name(site.direction);
  bool request = site.direction == Direction::Request;
  const auto& member = site.member;
  Level cpp = member ? Level::Source : Level::Info;
  std::string cpp_note = member ? cat(" (C++: the member becomes ", member_wrapper(member->new_required, null_b),
                                      " instead of ", member_wrapper(member->new_required, null_a), ")")
                                : std::string();
  if (request) {
    if (null_b)
      add("request-property-nullable", Level::NonBreaking, cpp, at, cat("NEW also accepts null", cpp_note), dir);
    else
      add("request-property-not-nullable", Level::Breaking, cpp, at,
          cat("null is no longer accepted: OLD clients may send it", cpp_note), dir);
    return;
  }
  if (!null_b) {
    add("response-property-not-nullable", Level::NonBreaking, cpp, at, cat("is never null any more", cpp_note), dir);
    return;
  }
  if (member && !member->old_required)
    add("response-property-nullable", Level::NonBreaking, cpp, at,
        cat("may now be null: OLD clients read it as absent (std::nullopt)", cpp_note), dir);
  else
    add("response-property-nullable", Level::Breaking, cpp, at,
        cat("may now be null: OLD clients expect a value here and fail to decode null", cpp_note), dir);
}

void Differ::compare_properties(const Schema& a, const Schema& b, const SchemaSite& site, const std::string& pointer,
                                const Owner& owner) {
  Side sa{old_}, sb{new_};
  std::map<std::string, const Schema*> pa, pb;
  std::set<std::string> ra, rb;
  collect_properties(a, sa, pa, ra);
  collect_properties(b, sb, pb, rb);
  if (pa.empty() && pb.empty()) return;
  bool request = site.direction == Direction::Request;
  const char* dir = direction_name(site.direction);
  auto flags = [](const Schema* s, const Side& side) {
    const Schema* r = side.resolve(s);
    return std::pair{s->read_only || (r && r->read_only), s->write_only || (r && r->write_only)};
  };
  // readOnly properties are never sent, writeOnly ones never returned: skip them where irrelevant.
  auto irrelevant = [&](const Schema* s, const Side& side) {
    auto [read_only, write_only] = flags(s, side);
    return request ? read_only : write_only;
  };
  auto where = [&](const std::string& name, const Schema& source) {
    return located(site.base, cat(pointer, "/properties/", load::escape_pointer_token(name)), source);
  };
  for (const auto& [name, schema] : pa) {
    if (pb.count(name) || irrelevant(schema, sa)) continue;
    Location at = where(name, b);
    if (request)
      add("request-property-removed", Level::NonBreaking, Level::Source, at,
          cat("property '", name, "' was removed (C++: the member is gone; the server ignores it if still sent)"), dir);
    else if (ra.count(name))
      add("response-property-removed", Level::Breaking, Level::Source, at,
          cat("required property '", name,
              "' is no longer returned: OLD clients fail to decode the response (C++: the member is gone too)"),
          dir);
    else
      add("response-property-removed", Level::NonBreaking, Level::Source, at,
          cat("optional property '", name,
              "' is no longer returned: OLD clients read std::nullopt (C++: the member is gone, code reading it "
              "no longer compiles)"),
          dir);
  }
  for (const auto& [name, schema] : pb) {
    Location at = where(name, *schema);
    auto old = pa.find(name);
    if (old == pa.end()) {
      if (irrelevant(schema, sb)) continue;
      bool required = rb.count(name) > 0;
      if (request && required)
        add("request-property-added", Level::Breaking, Level::Info, at,
            cat("required property '", name, "' was added: OLD clients do not send it"), dir);
      else
        add(cat(dir, "-property-added"), Level::NonBreaking, Level::Info, at,
            cat(required ? "required" : "optional", " property '", name, "' was added"), dir);
      continue;
    }
    bool was = ra.count(name) > 0, is = rb.count(name) > 0;
    auto [read_only_a, write_only_a] = flags(old->second, sa);
    auto [read_only_b, write_only_b] = flags(schema, sb);
    if (read_only_a != read_only_b) {
      Level wire = !request      ? Level::Info
                   : read_only_b ? Level::NonBreaking
                   : is          ? Level::Breaking
                                 : Level::NonBreaking;
      add("property-read-only-changed", wire, Level::Info, at,
          cat("property '", name, read_only_b ? "' is now readOnly" : "' is no longer readOnly",
              !request        ? " (responses are unaffected)"
              : read_only_b   ? ": NEW ignores it in requests, values OLD clients send are dropped"
              : is            ? ": it is required in requests now, and OLD clients may not send it"
                              : ": NEW now takes it from requests"),
          dir);
    }
    if (write_only_a != write_only_b) {
      Level wire = request         ? Level::Info
                   : !write_only_b ? Level::NonBreaking
                   : was           ? Level::Breaking
                                   : Level::NonBreaking;
      add("property-write-only-changed", wire, Level::Info, at,
          cat("property '", name, write_only_b ? "' is now writeOnly" : "' is no longer writeOnly",
              request        ? " (requests are unaffected)"
              : !write_only_b ? ": NEW returns it"
              : was           ? ": no longer returned, and OLD clients require it"
                              : ": no longer returned, OLD clients read std::nullopt"),
          dir);
    }
    if (irrelevant(old->second, sa) || irrelevant(schema, sb)) continue;
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
    SchemaSite inner{site.direction, site.base, false, MemberSlot{was, is}};
    compare_schemas(old->second, schema, inner, cat(pointer, "/properties/", load::escape_pointer_token(name)), owner);
  }
}

void Differ::compare_enum(const Schema& a, const Schema& b, const SchemaSite& site, const Location& at) {
  Side sa{old_}, sb{new_};
  const auto& ea = enum_of(a, sa);
  const auto& eb = enum_of(b, sb);
  if (ea.empty() || eb.empty()) return;  // a new/dropped constraint is a type change
  auto texts = [](const std::vector<spec::Value>& values) {
    std::set<std::string> out;
    for (const auto& v : values) out.insert(v.dump());
    return out;
  };
  std::set<std::string> va = texts(ea), vb = texts(eb);
  std::vector<std::string> added, removed;
  std::set_difference(vb.begin(), vb.end(), va.begin(), va.end(), std::back_inserter(added));
  std::set_difference(va.begin(), va.end(), vb.begin(), vb.end(), std::back_inserter(removed));
  bool request = site.direction == Direction::Request;
  const char* dir = direction_name(site.direction);
  // Removing a value removes a C++ enumerator; adding one is harmless to C++ callers.
  Level cpp_removed = ir::is_string_enum(a) ? Level::Source : Level::Info;
  if (!removed.empty()) {
    if (request)
      add("enum-value-removed", Level::Breaking, cpp_removed, at,
          cat("no longer accepted: ", join(removed), " (OLD clients may send it)"), dir);
    else
      add("enum-value-removed", Level::Info, cpp_removed, at,
          cat("no longer returned: ", join(removed),
              cpp_removed == Level::Source ? " (C++: the enumerator is gone)" : ""),
          dir);
  }
  if (!added.empty()) {
    if (request)
      add("enum-value-added", Level::NonBreaking, Level::Info, at, cat("now also accepted: ", join(added)), dir);
    else
      add("enum-value-added", Level::NonBreaking, Level::Info, at,
          cat("may now be returned: ", join(added),
              " (note: OLD clients see an unknown value - wink::EnumValue keeps the text - and code that switches "
              "exhaustively on the enum should handle it)"),
          dir);
  }
}

}  // namespace wink::codegen::diff
