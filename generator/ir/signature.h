// The C++ text of a method beyond its types, spelled here only: its parameter lists (declaration,
// definition, GoogleMock), how its body reaches its arguments and how the response becomes its
// result. The emit stage hands these strings to the templates, which only substitute them.
#pragma once

#include <cstddef>
#include <string>

#include "ir/ir.h"

namespace wink::codegen::ir {

std::string style_enumerator(Style style);  // wink::url::Style::kForm
std::string argument_type(const Param& p);  // std::int32_t, or const std::string& (not a scalar)
std::string argument_access(const Param& p);  // in the method body: `id`, or `params.id` (optional)

// `const std::string& id, const std::optional<Room>& body = std::nullopt, ...` (declaration),
// the same without defaults (definition), and the parenthesised types for MOCK_METHOD.
std::string declaration_args(const Method& m);
std::string definition_args(const Method& m);
std::string mock_args(const Method& m);
// GoogleMock's MOCK_METHOD takes at most 15 arguments. A method with more is mocked as a method
// of the same name taking all of them as one std::tuple (mock_args then spells that tuple), which
// the override forwards to with mock_pack's expression: EXPECT_CALL(m, f(FieldsAre(...))).
inline constexpr std::size_t kMockMaxArguments = 15;
bool mock_packed(const Method& m);
std::string mock_tuple(const Method& m);  // std::tuple<const std::string&, std::int32_t, ...>
std::string mock_pack(const Method& m);   // std::tuple<...>(id, count, ..., options)
std::string mock_return(const Method& m);  // wink::Response<T>, parenthesised when T has a comma

// An optional body is sent only when given: the statement prefix and the expression of its value.
std::string body_guard(const Method& m);  // "" or "if (body) "
std::string body_value(const Method& m);  // body or (*body)

// The runtime function that turns the response into the result, e.g. wink::detail::finish_json<Room>.
std::string finish_function(const Method& m);

}  // namespace wink::codegen::ir
