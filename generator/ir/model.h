// Schemas -> C++ models: component and inline structs, enums, aliases and variants, with
// recursion broken by wink::Box and mutually recursive models grouped into one header.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostics.h"
#include "ir/ir.h"
#include "ir/naming.h"
#include "spec/document.h"

namespace wink::codegen::ir {

// The name an inline model gets: a fixed name, or "parent + member" composed only when a model
// is actually made (most members are references or scalars; composing every member's name
// was a fifth of this stage). Suffixed hints ("Item", "Value") refer to the hint they extend,
// so a hint must not outlive the call it was made for.
class NameHint {
 public:
  NameHint(std::string name) : name_(std::move(name)) {}  // NOLINT(google-explicit-constructor)
  static NameHint nested(const std::string& parent, const std::string& member);
  NameHint suffixed(const char* suffix) const;
  std::string str() const;

 private:
  NameHint() = default;
  std::string name_;
  const std::string* parent_ = nullptr;  // nested: "Promotion" + "promotionType" -> PromotionType
  const std::string* member_ = nullptr;
  const NameHint* outer_ = nullptr;      // suffixed: outer's name + suffix_
  const char* suffix_ = nullptr;
};

// A C++ type that holds nlohmann::json values (free-form schemas), e.g. std::vector<nlohmann::json>.
bool holds_json(const std::string& cpp_type);

// Groups per model source file, on average at most (see ModelSource).
inline constexpr std::size_t kGroupsPerSource = 8;
// The model sources for `groups` (which they point into): the smallest power of two of buckets
// that holds kGroupsPerSource groups each on average, a group in bucket stable_hash(stem) mod count;
// empty buckets make no file. Stems are "models_" + the bucket number, zero-padded. Groups that
// reach nlohmann::json values are bucketed apart ("models_json_" + number), so that the other
// sources, most of them, need not parse <nlohmann/json.hpp>.
std::vector<ModelSource> plan_model_sources(const std::vector<ModelGroup>& groups);

class ModelBuilder {
 public:
  ModelBuilder(const spec::Document& doc, NameScope& type_names, Diagnostics& diags);

  // One model per component schema (call first).
  void build_components();

  // The C++ type of a schema used somewhere; inline structs/enums/variants become models
  // named `context`. `owner` (may be null) records which models the user mentions.
  // `files` maps `format: binary` to wink::FilePart (multipart bodies).
  std::string type_of(const spec::Schema& s, const NameHint& context, Model* owner, bool by_value = true,
                      bool files = false);

  // The object schema behind a (possibly referenced) schema, or nullptr.
  const spec::Schema* resolve(const spec::Schema& s) const;
  // Properties of an object schema including allOf parts, in order, without duplicates.
  // (Pointers into the document.)
  std::vector<const spec::Property*> merged_properties(const spec::Schema& s) const;
  bool has_merged_properties(const spec::Schema& s) const;
  std::vector<std::string> merged_required(const spec::Schema& s) const;
  // Component C++ type name.
  const std::string& component_type(const std::string& component) const;

  // Orders models and groups mutually recursive ones (call last).
  std::vector<ModelGroup> finish();
  std::deque<Model>& models() { return models_; }
  // Model group file stem of a C++ type name ("" for non-models).
  const std::string& stem_of(const std::string& type_name) const;

 private:
  Model& new_model(Model::Kind kind, const std::string& name, const spec::Schema& s);
  void fill_struct(Model& m, const spec::Schema& s, bool files);
  void fill_component(Model& m, const spec::Schema& s);
  void fill_variant(Model& m, const spec::Schema& s, bool one_of);
  void fill_enum(Model& m, const spec::Schema& s);
  std::string model_ref(const std::string& component, Model* owner, bool by_value);
  template <typename Visit>
  void walk_all_of(const spec::Schema& s, Visit&& visit, int depth = 0) const;
  void compute_recursion();
  std::string compute_stem(const std::string& type_name) const;
  void note_use(Model* owner, const std::string& type_name, bool by_value);

  const spec::Document& doc_;
  NameScope& type_names_;
  [[maybe_unused]] Diagnostics& diags_;  // for model-level findings
  std::deque<Model> models_;
  std::map<std::string, std::string> component_types_;   // component -> C++ name
  std::unordered_map<std::string, Model*> by_name_;       // C++ name -> model
  std::unordered_map<std::string, std::string> unit_of_;  // C++ name -> owning component C++ name
  std::unordered_map<std::string, int> scc_;              // component C++ name -> SCC id
  mutable std::unordered_map<std::string, std::string> stems_;  // C++ name -> stem_of() (memo)
  std::unordered_map<std::string, std::set<std::pair<std::string, bool>>> edges_;  // model -> (model, by value)
  std::string current_unit_;
};

}  // namespace wink::codegen::ir
