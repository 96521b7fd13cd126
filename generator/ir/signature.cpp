#include "ir/signature.h"

#include <vector>

namespace wink::codegen::ir {
namespace {

struct Argument {
  std::string type;
  std::string name;
  std::string default_value;  // empty: none
};

std::vector<Argument> arguments(const Method& m) {
  std::vector<Argument> out;
  for (const auto& p : m.positional) out.push_back({argument_type(p), p.name, {}});
  if (m.body.kind != BodyKind::None) {
    const Type passed = m.body.required ? m.body.type : Type::optional(m.body.type);
    out.push_back({"const " + passed.cpp() + "&", "body", m.body.required ? "" : "std::nullopt"});
  }
  if (!m.params_struct.empty()) out.push_back({"const " + m.params_struct + "&", "params", "{}"});
  out.push_back({"const wink::CallOptions&", "options", "{}"});
  return out;
}

// MOCK_METHOD takes each type as one macro argument: a top-level comma needs parentheses.
std::string mock_type(const std::string& t) { return t.find(',') != std::string::npos ? "(" + t + ")" : t; }

template <typename Spell>
std::string join(const std::vector<Argument>& args, Spell spell) {
  std::string out;
  for (const auto& a : args) {
    if (!out.empty()) out += ", ";
    out += spell(a);
  }
  return out;
}

}  // namespace

std::string style_enumerator(Style style) {
  switch (style) {
    case Style::kSimple: return "wink::url::Style::kSimple";
    case Style::kLabel: return "wink::url::Style::kLabel";
    case Style::kMatrix: return "wink::url::Style::kMatrix";
    case Style::kForm: return "wink::url::Style::kForm";
    case Style::kSpaceDelimited: return "wink::url::Style::kSpaceDelimited";
    case Style::kPipeDelimited: return "wink::url::Style::kPipeDelimited";
    case Style::kDeepObject: return "wink::url::Style::kDeepObject";
  }
  return "wink::url::Style::kForm";
}

std::string argument_type(const Param& p) {
  return p.type.passed_by_value() ? p.type.cpp() : "const " + p.type.cpp() + "&";
}

std::string argument_access(const Param& p) { return p.required ? p.name : "params." + p.name; }

std::string declaration_args(const Method& m) {
  return join(arguments(m), [](const Argument& a) {
    return a.type + " " + a.name + (a.default_value.empty() ? "" : " = " + a.default_value);
  });
}

std::string definition_args(const Method& m) {
  return join(arguments(m), [](const Argument& a) { return a.type + " " + a.name; });
}

bool mock_packed(const Method& m) { return arguments(m).size() > kMockMaxArguments; }

std::string mock_tuple(const Method& m) {
  return "std::tuple<" + join(arguments(m), [](const Argument& a) { return a.type; }) + ">";
}

std::string mock_args(const Method& m) {
  if (mock_packed(m)) return "((" + mock_tuple(m) + "))";
  return "(" + join(arguments(m), [](const Argument& a) { return mock_type(a.type); }) + ")";
}

std::string mock_pack(const Method& m) {
  return mock_tuple(m) + "(" + join(arguments(m), [](const Argument& a) { return a.name; }) + ")";
}

std::string mock_return(const Method& m) { return mock_type("wink::Response<" + m.result.type.cpp() + ">"); }

std::string body_guard(const Method& m) { return m.body.required ? "" : "if (body) "; }
std::string body_value(const Method& m) { return m.body.required ? "body" : "(*body)"; }

std::string finish_function(const Method& m) {
  switch (m.result.kind) {
    case Result::Kind::Empty: return "wink::detail::finish_empty";
    case Result::Kind::Json: return "wink::detail::finish_json<" + m.result.type.cpp() + ">";
    case Result::Kind::Text: return "wink::detail::finish_text";
  }
  return "wink::detail::finish_empty";
}

}  // namespace wink::codegen::ir
