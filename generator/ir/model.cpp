#include "ir/model.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "spec/all_of.h"

namespace wink::codegen::ir {
namespace {

using spec::Schema;

// The name of an inline schema under `parent`: "Promotion" + "promotionType" gives
// "PromotionType", not "PromotionPromotionType" (shared words are written once).
std::string nested_name(const std::string& parent, const std::string& member) {
  std::string child = pascal_case(member);
  auto a = split_words(parent), b = split_words(child);
  for (std::size_t k = std::min(a.size(), b.size()); k > 0; --k) {
    if (std::equal(a.end() - static_cast<std::ptrdiff_t>(k), a.end(), b.begin())) {
      std::string rest;
      for (std::size_t i = k; i < b.size(); ++i) rest += pascal_case(b[i]);
      return parent + rest;
    }
  }
  return parent + child;
}

}  // namespace

NameHint NameHint::nested(const std::string& parent, const std::string& member) {
  NameHint h;
  h.parent_ = &parent;
  h.member_ = &member;
  return h;
}

NameHint NameHint::suffixed(const char* suffix) const {
  NameHint h;
  h.outer_ = this;
  h.suffix_ = suffix;
  return h;
}

std::string NameHint::str() const {
  if (outer_) return outer_->str() + suffix_;
  if (parent_) return nested_name(*parent_, *member_);
  return name_;
}

namespace {

std::vector<std::string> schema_doc(const Schema& s) {
  std::vector<std::string> lines;
  if (const std::string& text = s.description.empty() ? s.title : s.description; !text.empty()) lines.push_back(text);
  if (s.read_only) lines.push_back("Read-only: sent by the server, ignored in requests.");
  if (s.write_only) lines.push_back("Write-only: sent in requests, never returned.");
  return lines;
}

bool holds_json_values(const Model& m) {
  if (m.kind == Model::Kind::Alias && m.alias_type.holds_json()) return true;
  for (const auto& f : m.fields)
    if (f.type.holds_json()) return true;
  for (const auto& a : m.alternatives)
    if (a.type.holds_json()) return true;
  return false;
}

// Sets reaches_json_values: holds_json_values, or includes a group that reaches such values.
void mark_groups_reaching_json(std::vector<ModelGroup>& groups) {
  std::unordered_map<std::string, const ModelGroup*> by_stem;
  for (auto& g : groups) {
    g.reaches_json_values = g.holds_json_values;
    by_stem.emplace(g.file_stem, &g);
  }
  for (bool changed = true; changed;) {  // includes may form cycles: iterate to the fixed point
    changed = false;
    for (auto& g : groups) {
      if (g.reaches_json_values) continue;
      for (const auto& stem : g.include_stems) {
        auto found = by_stem.find(stem);
        if (found != by_stem.end() && found->second->reaches_json_values) {
          g.reaches_json_values = changed = true;
          break;
        }
      }
    }
  }
}

}  // namespace

bool is_string_enum(const Schema& s) {
  if (s.enum_values.empty()) return false;
  if ((s.types & ~spec::kNull) != 0 && (s.types & ~spec::kNull) != spec::kString) return false;
  return std::all_of(s.enum_values.begin(), s.enum_values.end(), [](const spec::Value& v) { return v.is_string(); });
}

ModelBuilder::ModelBuilder(const spec::Document& doc, SdkNames& names, std::deque<Model>& models, Diagnostics& diags)
    : doc_(doc), names_(names), diags_(diags), models_(models) {}

Model& ModelBuilder::new_model(Model::Kind kind, const std::string& name, const Schema& s) {
  Model& m = models_.emplace_back();
  m.kind = kind;
  m.name = name;
  m.location = s.location;
  m.doc = schema_doc(s);
  m.deprecated = s.deprecated;
  by_name_[name] = &m;
  unit_of_[name] = current_unit_.empty() ? name : current_unit_;
  return m;
}

void ModelBuilder::build_components() {
  compute_recursion();
  for (const auto& [name, schema] : doc_.schemas) {
    current_unit_ = names_.components.at(name);
    fill_component(new_model(Model::Kind::Struct, current_unit_, *schema), *schema);
    by_name_[current_unit_]->wire_name = name;
  }
  current_unit_.clear();
}

// Components that reach themselves through by-value members need wink::Box; find the strongly
// connected components of the reference graph (Tarjan) before any type is spelled. Vertices are
// the components' C++ names, numbered; only which vertices share a component matters.
void ModelBuilder::compute_recursion() {
  std::unordered_map<std::string, int> vertex_of;
  std::vector<const std::string*> names;
  auto vertex = [&](const std::string& type) {
    auto [it, added] = vertex_of.try_emplace(type, static_cast<int>(names.size()));
    if (added) names.push_back(&it->first);
    return it->second;
  };
  std::vector<std::vector<int>> edges;
  struct Walker {  // the components a schema mentions, through any nesting
    ModelBuilder& self;
    std::vector<int>& out;
    decltype(vertex)& vertex_of_type;
    void walk(const Schema& s, int depth) {
      if (depth > 300) return;
      if (s.is_ref()) {
        if (self.doc_.find_schema(s.ref)) out.push_back(vertex_of_type(self.names_.components.at(s.ref)));
        return;
      }
      for (const auto& p : s.properties) walk(*p.schema, depth + 1);
      if (s.items) walk(*s.items, depth + 1);
      if (s.additional_properties) walk(*s.additional_properties, depth + 1);
      for (const auto* list : {&s.all_of, &s.one_of, &s.any_of})
        for (const auto& x : *list) walk(*x, depth + 1);
    }
  };
  for (const auto& [name, schema] : doc_.schemas) {
    int from = vertex(names_.components.at(name));
    std::vector<int> out;
    Walker{*this, out, vertex}.walk(*schema, 0);
    edges.resize(names.size());  // the walk may have numbered new vertices
    auto& list = edges[static_cast<std::size_t>(from)];
    list.insert(list.end(), out.begin(), out.end());
  }
  for (auto& list : edges) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  const std::size_t n = names.size();
  std::vector<int> index(n, -1), low(n, 0), scc(n, -1), stack;
  std::vector<char> on_stack(n, 0);
  int next_index = 0, next_scc = 0;
  std::function<void(int)> strong = [&](int v) {
    auto uv = static_cast<std::size_t>(v);
    index[uv] = low[uv] = next_index++;
    stack.push_back(v);
    on_stack[uv] = 1;
    for (int w : edges[uv]) {
      auto uw = static_cast<std::size_t>(w);
      if (index[uw] < 0) {
        strong(w);
        low[uv] = std::min(low[uv], low[uw]);
      } else if (on_stack[uw]) {
        low[uv] = std::min(low[uv], index[uw]);
      }
    }
    if (low[uv] == index[uv]) {
      for (;;) {
        int w = stack.back();
        stack.pop_back();
        on_stack[static_cast<std::size_t>(w)] = 0;
        scc[static_cast<std::size_t>(w)] = next_scc;
        if (w == v) break;
      }
      ++next_scc;
    }
  };
  for (std::size_t v = 0; v < n; ++v)
    if (index[v] < 0) strong(static_cast<int>(v));
  // A single component is recursive only when it refers to itself.
  std::vector<int> sizes(static_cast<std::size_t>(next_scc), 0);
  for (int id : scc) ++sizes[static_cast<std::size_t>(id)];
  for (std::size_t v = 0; v < n; ++v) {
    int id = scc[v];
    bool self_loop = std::binary_search(edges[v].begin(), edges[v].end(), static_cast<int>(v));
    scc_[*names[v]] = sizes[static_cast<std::size_t>(id)] == 1 && !self_loop ? -1 - id : id;  // negative: not recursive
  }
}

void ModelBuilder::note_use(Model* owner, const std::string& type_name, bool by_value) {
  if (!owner) return;
  edges_[owner->name].insert({type_name, by_value});
  if (std::find(owner->uses.begin(), owner->uses.end(), type_name) == owner->uses.end())
    owner->uses.push_back(type_name);
}

Type ModelBuilder::model_ref(const std::string& component, Model* owner, bool by_value) {
  const std::string& type = names_.components.at(component);
  note_use(owner, type, by_value);
  if (const Schema* target = doc_.find_schema(component); target && is_string_enum(*target))
    return Type::enumeration(type);
  if (owner && by_value) {
    auto a = scc_.find(unit_of_[owner->name]);
    auto b = scc_.find(type);
    if (a != scc_.end() && b != scc_.end() && a->second >= 0 && a->second == b->second) return Type::box(Type::model(type));
  }
  return Type::model(type);
}

Type ModelBuilder::type_of(const Schema& s, const NameHint& context, Model* owner, bool by_value, bool files) {
  using K = Type::Kind;
  if (s.is_ref()) {
    if (!doc_.find_schema(s.ref)) return Type(K::kJson);
    return model_ref(s.ref, owner, by_value);
  }
  auto inline_model = [&](Model::Kind kind) -> Model& {
    const std::string name = context.str();
    Model& m = new_model(kind, names_.types.claim(safe_identifier(pascal_case(name))), s);
    m.wire_name = name;
    note_use(owner, m.name, by_value);
    return m;
  };
  if (is_string_enum(s)) {
    Model& m = inline_model(Model::Kind::Enum);
    fill_enum(m, s);
    return Type::enumeration(m.name);
  }
  if (!s.one_of.empty() || !s.any_of.empty()) {
    Model& m = inline_model(Model::Kind::Struct);
    fill_variant(m, s, !s.one_of.empty());
    return Type::model(m.name);
  }
  if (!s.all_of.empty()) {
    if (s.all_of.size() == 1 && s.properties.empty()) return type_of(*s.all_of[0], context, owner, by_value, files);
    Model& m = inline_model(Model::Kind::Struct);
    fill_struct(m, s, files);
    return Type::model(m.name);
  }
  std::uint8_t t = s.types & ~spec::kNull;
  if (t == spec::kString) return Type(files && s.format == "binary" ? K::kFilePart : K::kString);
  if (t == spec::kInteger) return Type(s.format == "int32" ? K::kInt32 : K::kInt64);
  if (t == spec::kNumber) return Type(s.format == "float" ? K::kFloat : K::kDouble);
  if (t == spec::kBoolean) return Type(K::kBool);
  if (t == spec::kArray) {
    if (!s.items) return Type::vector(Type(K::kJson));
    return Type::vector(type_of(*s.items, context.suffixed("Item"), owner, false, files));
  }
  if (t == spec::kObject || t == 0) {
    if (!s.properties.empty()) {
      Model& m = inline_model(Model::Kind::Struct);
      fill_struct(m, s, files);
      return Type::model(m.name);
    }
    if (s.additional_properties && !s.additional_properties->is_free_form())
      return Type::map(type_of(*s.additional_properties, context.suffixed("Value"), owner, false, files));
    return Type(K::kJson);
  }
  return Type(K::kJson);  // several types at once: keep the value as it came
}

Type ModelBuilder::form_type(const Schema& s, const NameHint& context, bool files) {
  const std::size_t first = models_.size();
  Type t = type_of(s, context, nullptr, false, files);
  // The body's own struct is the first model the call makes (nested ones follow it).
  if (models_.size() > first && t.kind() == Type::Kind::kModel && models_[first].name == t.name())
    models_[first].json_codec = false;
  return t;
}

void ModelBuilder::fill_component(Model& m, const Schema& s) {
  if (s.is_ref()) {
    m.kind = Model::Kind::Alias;
    m.alias_type = type_of(s, m.name + "Value", &m);
    return;
  }
  if (is_string_enum(s)) {
    m.kind = Model::Kind::Enum;
    fill_enum(m, s);
    return;
  }
  if (!s.one_of.empty() || !s.any_of.empty()) {
    fill_variant(m, s, !s.one_of.empty());
    return;
  }
  bool object_like = !spec::merge_all_of(doc_, s).properties.empty() || (!s.all_of.empty()) ||
                     ((s.types & spec::kObject) && !s.additional_properties);
  if (object_like && !(s.all_of.size() == 1 && s.properties.empty())) {
    fill_struct(m, s, false);
    return;
  }
  m.kind = Model::Kind::Alias;
  m.alias_type = type_of(s, m.name + "Value", &m);
  // `using Tree = std::vector<Tree>;` names itself before it exists: C++ cannot spell it.
  const auto named = m.alias_type.models();
  if (std::find(named.begin(), named.end(), m.name) != named.end())
    diags_.error(s.location, "schema '" + m.name + "' is an array or map of itself, which C++ cannot declare; "
                                 "make it an object with a property holding the list or map", s.pointer());
}

void ModelBuilder::fill_struct(Model& m, const Schema& s, bool files) {
  m.kind = Model::Kind::Struct;
  NameScope fields;
  const spec::MergedObject object = spec::merge_all_of(doc_, s);
  std::vector<std::string> wire_names;
  for (const spec::Property* property : object.properties) {
    const spec::Property& p = *property;
    wire_names.push_back(p.name);
    Field f;
    f.name = fields.claim(safe_identifier(camel_case(p.name)));
    f.wire_name = p.name;
    f.doc = schema_doc(*p.schema);
    f.deprecated = p.schema->deprecated;
    Type base = type_of(*p.schema, NameHint::nested(m.name, p.name), &m, true, files);
    bool nullable = p.schema->nullable;
    if (const Schema* r = p.schema->is_ref() ? doc_.resolve(p.schema.get()) : nullptr)
      nullable = nullable || (r->types & spec::kNull);
    // A recursive member cannot be required (the value would be infinite).
    f.required = object.is_required(p.name) && !base.is_box();
    const auto& fixed = p.schema->const_value;
    if (f.required && !nullable && base.kind() == Type::Kind::kString && fixed && fixed->is_string())
      f.fixed_value = fixed->get_ref<const std::string&>();
    if (f.required) f.type = nullable ? Type::optional(std::move(base)) : std::move(base);
    else f.type = nullable ? Type::nullable(std::move(base)) : Type::optional(std::move(base));
    m.fields.push_back(std::move(f));
  }
  m.write_order.resize(m.fields.size());
  for (std::size_t i = 0; i < m.write_order.size(); ++i) m.write_order[i] = i;
  std::sort(m.write_order.begin(), m.write_order.end(),
            [&](std::size_t a, std::size_t b) { return wire_names[a] < wire_names[b]; });
}

void ModelBuilder::fill_enum(Model& m, const Schema& s) {
  m.kind = Model::Kind::Enum;
  NameScope names;
  names.reserve("kUnknown");
  std::set<std::string> seen;
  for (const auto& v : s.enum_values) {
    const std::string& value = v.get_ref<const std::string&>();  // a string enum's
    if (!seen.insert(value).second) continue;
    std::string base = pascal_case(value);
    EnumMember e;
    e.name = names.claim("k" + (base.empty() ? std::string("Empty") : base));
    e.wire_name = value;
    e.raw = value;
    m.members.push_back(std::move(e));
  }
  if (!m.members.empty()) m.members.back().last = true;
}

void ModelBuilder::fill_variant(Model& m, const Schema& s, bool one_of) {
  m.kind = Model::Kind::Variant;
  const auto& list = one_of ? s.one_of : s.any_of;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Type t = type_of(*list[i], m.name + "Option" + std::to_string(i + 1), &m, true);
    auto same = [&](const Alternative& a) { return a.type == t; };
    if (std::any_of(m.alternatives.begin(), m.alternatives.end(), same)) continue;  // std::variant needs distinct alternatives
    Alternative a;
    a.type = std::move(t);
    if (s.discriminator && list[i]->is_ref()) {
      for (const auto& [value, target] : s.discriminator->mapping)
        if (target == list[i]->ref) a.discriminator_values.push_back(value);
      if (s.discriminator->mapping.empty()) a.discriminator_values.push_back(list[i]->ref);
    }
    m.alternatives.push_back(std::move(a));
  }
  if (s.discriminator) m.discriminator = s.discriminator->property;
  if (m.alternatives.empty()) {
    m.kind = Model::Kind::Alias;
    m.alias_type = Type(Type::Kind::kJson);
  }
}

const std::string& ModelBuilder::stem_of(const std::string& type_name) const {
  static const std::string kNone;
  auto memo = stems_.find(type_name);
  if (memo != stems_.end()) return memo->second;
  std::string stem = compute_stem(type_name);
  if (stem.empty()) return kNone;  // not a model (yet): nothing to remember
  return stems_[type_name] = std::move(stem);  // (elements of an unordered_map stay put)
}

std::string ModelBuilder::compute_stem(const std::string& type_name) const {
  auto it = unit_of_.find(type_name);
  if (it == unit_of_.end()) return {};
  auto scc = scc_.find(it->second);
  // Members of one recursive group share the stem of the group's first name.
  if (scc != scc_.end() && scc->second >= 0) {
    std::string first;
    for (const auto& [name, id] : scc_)
      if (id == scc->second && (first.empty() || name < first)) first = name;
    return file_stem(first);
  }
  return file_stem(it->second);
}

std::vector<ModelGroup> ModelBuilder::finish() {
  std::map<std::string, ModelGroup> groups;
  for (const auto& m : models_) {
    const std::string& stem = stem_of(m.name);
    auto& g = groups[stem];
    g.file_stem = stem;
    g.models.push_back(&m);
  }
  std::vector<ModelGroup> out;
  for (auto& [stem, g] : groups) {
    // Order: a model comes after every group member it needs complete (by-value uses; any use
    // of an alias or enum). Structs are forward-declared, so other uses need no order.
    std::sort(g.models.begin(), g.models.end(), [](const Model* a, const Model* b) { return a->name < b->name; });
    enum State : char { kWaiting, kVisiting, kPlaced };
    std::unordered_map<const Model*, State> state;  // the group's members
    for (const auto* m : g.models) state.emplace(m, kWaiting);
    std::vector<const Model*> ordered;
    struct Placer {
      ModelBuilder& self;
      std::unordered_map<const Model*, State>& state;
      std::vector<const Model*>& ordered;
      void place(const Model* m) {
        State& st = state[m];
        if (st != kWaiting) return;
        st = kVisiting;
        for (const auto& [dep, by_value] : self.edges_[m->name]) {
          auto found = self.by_name_.find(dep);
          if (found == self.by_name_.end()) continue;
          const Model* d = found->second;
          if (d == m || !state.count(d)) continue;  // itself, or not in this group
          if (by_value || d->kind == Model::Kind::Alias || d->kind == Model::Kind::Enum) place(d);
        }
        st = kPlaced;  // (elements of an unordered_map stay put)
        ordered.push_back(m);
      }
    };
    Placer placer{*this, state, ordered};
    for (const auto* m : g.models) placer.place(m);
    g.models = ordered;
    std::set<std::string> includes;
    for (const auto* m : g.models) {
      g.holds_json_values = g.holds_json_values || holds_json_values(*m);
      if (m->kind == Model::Kind::Struct || m->kind == Model::Kind::Variant) g.forward_decls.push_back(m->name);
      for (const auto& u : m->uses) {
        const std::string& other = stem_of(u);
        if (!other.empty() && other != stem) includes.insert(other);
      }
    }
    std::sort(g.forward_decls.begin(), g.forward_decls.end());
    g.include_stems.assign(includes.begin(), includes.end());
    out.push_back(std::move(g));
  }
  mark_groups_reaching_json(out);
  return out;
}

namespace {

// `groups` in buckets named prefix + number (see plan_model_sources).
void plan_buckets(const std::vector<const ModelGroup*>& groups, const std::string& prefix,
                  std::vector<ModelSource>& sources) {
  std::size_t buckets = 1;
  while (buckets * kGroupsPerSource < groups.size()) buckets *= 2;
  const std::size_t width = std::max<std::size_t>(2, std::to_string(buckets - 1).size());
  std::vector<std::vector<const ModelGroup*>> members(buckets);
  for (const auto* g : groups) members[stable_hash(g->file_stem) % buckets].push_back(g);
  for (std::size_t i = 0; i < buckets; ++i) {
    if (members[i].empty()) continue;
    std::sort(members[i].begin(), members[i].end(),
              [](const ModelGroup* a, const ModelGroup* b) { return a->file_stem < b->file_stem; });
    std::string number = std::to_string(i);
    sources.push_back({prefix + std::string(width - number.size(), '0') + number, std::move(members[i])});
  }
}

}  // namespace

std::vector<ModelSource> plan_model_sources(const std::vector<ModelGroup>& groups) {
  std::vector<const ModelGroup*> plain, json;
  for (const auto& g : groups) (g.reaches_json_values ? json : plain).push_back(&g);
  std::vector<ModelSource> sources;
  plan_buckets(plain, "models_", sources);
  plan_buckets(json, "models_json_", sources);
  return sources;
}

}  // namespace wink::codegen::ir
