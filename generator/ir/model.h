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
#include "ir/sdk_names.h"
#include "ir/type.h"
#include "spec/document.h"

namespace wink::codegen::ir {

// The name an inline model gets: a fixed name, or "parent + member" composed only when a model
// is actually made (most members are references or scalars, which need no name). Suffixed hints ("Item", "Value") refer to the hint they extend,
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

// A schema the SDK makes a C++ enum (wink::EnumValue<E>): string values only.
bool is_string_enum(const spec::Schema& s);

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
  // Models are made into `models` (which must outlive the builder); types are named in `names`.
  ModelBuilder(const spec::Document& doc, SdkNames& names, std::deque<Model>& models, Diagnostics& diags);

  // One model per component schema (call first).
  void build_components();

  // The C++ type of a schema used somewhere; inline structs/enums/variants become models
  // named `context`. `owner` (may be null) records which models the user mentions.
  // `files` maps `format: binary` to wink::FilePart (multipart bodies).
  Type type_of(const spec::Schema& s, const NameHint& context, Model* owner, bool by_value = true,
               bool files = false);
  // The type of a multipart (`files`) or form body: a struct made for it is sent field by field
  // and gets no JSON codec (a component schema keeps its own).
  Type form_type(const spec::Schema& s, const NameHint& context, bool files);

  // Orders models and groups mutually recursive ones (call last).
  std::vector<ModelGroup> finish();
  const std::deque<Model>& models() const { return models_; }
  // Model group file stem of a C++ type name ("" for non-models).
  const std::string& stem_of(const std::string& type_name) const;

 private:
  Model& new_model(Model::Kind kind, const std::string& name, const spec::Schema& s);
  void fill_struct(Model& m, const spec::Schema& s, bool files);
  void fill_component(Model& m, const spec::Schema& s);
  void fill_variant(Model& m, const spec::Schema& s, bool one_of);
  void fill_enum(Model& m, const spec::Schema& s);
  Type model_ref(const std::string& component, Model* owner, bool by_value);
  void compute_recursion();
  std::string compute_stem(const std::string& type_name) const;
  void note_use(Model* owner, const std::string& type_name, bool by_value);

  const spec::Document& doc_;
  SdkNames& names_;
  [[maybe_unused]] Diagnostics& diags_;  // for model-level findings
  std::deque<Model>& models_;
  std::unordered_map<std::string, Model*> by_name_;       // C++ name -> model
  std::unordered_map<std::string, std::string> unit_of_;  // C++ name -> owning component C++ name
  std::unordered_map<std::string, int> scc_;              // component C++ name -> SCC id
  mutable std::unordered_map<std::string, std::string> stems_;  // C++ name -> stem_of() (memo)
  std::unordered_map<std::string, std::set<std::pair<std::string, bool>>> edges_;  // model -> (model, by value)
  std::string current_unit_;
};

}  // namespace wink::codegen::ir
