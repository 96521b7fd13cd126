#include "ir/type.h"

#include <cassert>

namespace wink::codegen::ir {

Type::Type(Kind leaf) : kind_(leaf) {
  assert(leaf != Kind::kModel && leaf != Kind::kEnum && leaf != Kind::kBox && leaf != Kind::kVector &&
         leaf != Kind::kMap && leaf != Kind::kOptional && leaf != Kind::kNullable);
}

Type Type::model(std::string name) { return Type(Kind::kModel, std::move(name), nullptr); }
Type Type::enumeration(std::string name) { return Type(Kind::kEnum, std::move(name), nullptr); }
Type Type::wrap(Kind kind, Type element) { return Type(kind, {}, std::make_shared<const Type>(std::move(element))); }
Type Type::box(Type model) { return wrap(Kind::kBox, std::move(model)); }
Type Type::vector(Type element) { return wrap(Kind::kVector, std::move(element)); }
Type Type::map(Type value) { return wrap(Kind::kMap, std::move(value)); }
Type Type::optional(Type value) { return wrap(Kind::kOptional, std::move(value)); }
Type Type::nullable(Type value) { return wrap(Kind::kNullable, std::move(value)); }

const Type& Type::element() const {
  static const Type kNone;
  return element_ ? *element_ : kNone;
}

std::string Type::cpp(std::string_view ns) const {
  std::string out;
  append_cpp(out, ns);
  return out;
}

void Type::append_cpp(std::string& out, std::string_view ns) const {
  auto wrapped = [&](const char* open) {
    out += open;
    element().append_cpp(out, ns);
    out += '>';
  };
  auto named = [&] {
    if (!ns.empty()) {
      out += ns;
      out += "::";
    }
    out += name_;
  };
  switch (kind_) {
    case Kind::kBool: out += "bool"; return;
    case Kind::kInt32: out += "std::int32_t"; return;
    case Kind::kInt64: out += "std::int64_t"; return;
    case Kind::kFloat: out += "float"; return;
    case Kind::kDouble: out += "double"; return;
    case Kind::kString: out += "std::string"; return;
    case Kind::kJson: out += "nlohmann::json"; return;
    case Kind::kFilePart: out += "wink::FilePart"; return;
    case Kind::kEmpty: out += "wink::Empty"; return;
    case Kind::kModel: named(); return;
    case Kind::kEnum:
      out += "wink::EnumValue<";
      named();
      out += '>';
      return;
    case Kind::kBox: wrapped("wink::Box<"); return;
    case Kind::kVector: wrapped("std::vector<"); return;
    case Kind::kMap: wrapped("std::map<std::string, "); return;
    case Kind::kOptional: wrapped("std::optional<"); return;
    case Kind::kNullable: wrapped("wink::Nullable<"); return;
  }
}

bool Type::passed_by_value() const {
  switch (kind_) {
    case Kind::kBool:
    case Kind::kInt32:
    case Kind::kInt64:
    case Kind::kFloat:
    case Kind::kDouble: return true;
    default: return false;
  }
}

bool Type::holds_json() const { return kind_ == Kind::kJson || (element_ && element_->holds_json()); }

const Type& Type::unwrapped() const {
  return kind_ == Kind::kOptional || kind_ == Kind::kNullable ? element().unwrapped() : *this;
}

std::vector<std::string> Type::models() const {
  std::vector<std::string> out;
  append_models(out);
  return out;
}

void Type::append_models(std::vector<std::string>& out) const {
  if (kind_ == Kind::kModel || kind_ == Kind::kEnum) out.push_back(name_);
  if (element_) element_->append_models(out);
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_ || a.name_ != b.name_) return false;
  return !a.element_ || !b.element_ ? a.element_ == b.element_ : *a.element_ == *b.element_;
}

}  // namespace wink::codegen::ir
