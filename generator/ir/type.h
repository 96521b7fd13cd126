// A C++ type of the generated SDK as a value: what it is (a kind, the model it names, the type it
// wraps), not how it is spelled. One function, cpp(), spells it; every question later stages ask
// (does it hold nlohmann::json? is it boxed? which models does it name?) is a method here, so no
// stage searches spelled types and a new wrapper is a change to this file alone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wink::codegen::ir {

class Type {
 public:
  enum class Kind : std::uint8_t {
    kBool, kInt32, kInt64, kFloat, kDouble,  // scalars: passed by value
    kString,    // std::string (also a text result or a raw body)
    kJson,      // nlohmann::json: a free-form value, kept as it came
    kFilePart,  // wink::FilePart: a file of a multipart body
    kEmpty,     // wink::Empty: no value (an operation without a result body)
    kModel,     // a generated struct, variant or alias, by name
    kEnum,      // wink::EnumValue<E>: generated enum E, plus the text of values E does not know
    kBox,       // wink::Box<M>: a member that makes its model recursive (heap-allocated)
    kVector,    // std::vector<T>
    kMap,       // std::map<std::string, T>: JSON object keys are strings
    kOptional,  // std::optional<T>: may be absent
    kNullable,  // wink::Nullable<T>: may be absent, or sent as null
  };

  Type() = default;  // wink::Empty
  explicit Type(Kind leaf);  // a kind without a name or element (scalars, string, JSON, ...)
  static Type model(std::string name);        // a struct, variant or alias of the SDK
  static Type enumeration(std::string name);  // wink::EnumValue<name>
  static Type box(Type model);
  static Type vector(Type element);
  static Type map(Type value);
  static Type optional(Type value);
  static Type nullable(Type value);

  Kind kind() const { return kind_; }
  // The model or enum a kModel/kEnum type names (unqualified); empty for other kinds.
  const std::string& name() const { return name_; }
  // The wrapped type of kBox, kVector, kMap (the value), kOptional and kNullable.
  const Type& element() const;

  // The C++ spelling, e.g. std::optional<std::vector<Room>>. With `ns`, the SDK's models are
  // qualified (std::vector<wink::sdk::Room>), for code outside the SDK's namespace.
  std::string cpp(std::string_view ns = {}) const;

  bool passed_by_value() const;  // a scalar: cheaper to copy than to refer to
  bool holds_json() const;       // nlohmann::json anywhere inside: users need its complete type
  bool is_box() const { return kind_ == Kind::kBox; }
  // Without its std::optional / wink::Nullable wrappers.
  const Type& unwrapped() const;
  // Names of the SDK's models (structs, variants, aliases, enums) it mentions, in spelling order.
  std::vector<std::string> models() const;

  friend bool operator==(const Type& a, const Type& b);
  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }

 private:
  Type(Kind kind, std::string name, std::shared_ptr<const Type> element)
      : kind_(kind), name_(std::move(name)), element_(std::move(element)) {}
  static Type wrap(Kind kind, Type element);
  void append_cpp(std::string& out, std::string_view ns) const;
  void append_models(std::vector<std::string>& out) const;

  Kind kind_ = Kind::kEmpty;
  std::string name_;
  std::shared_ptr<const Type> element_;  // immutable, so copies share it
};

}  // namespace wink::codegen::ir
