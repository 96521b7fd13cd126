// The generator's use of kainjow mustache, and the two places where kainjow needs help: lines
// that hold only a section tag must leave no blank line (Mustache's "standalone" rule, which
// kainjow applies only to sections that render), and data must be built in place (kainjow copies
// whole subtrees on set() and push_back()).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

namespace wink::codegen::emit {

using Data = kainjow::mustache::data;
using Template = kainjow::mustache::mustache;

// A template for C++ output (no HTML escaping), standalone tag lines taken care of; check
// is_valid() / error_message().
Template parse_template(const std::string& text);
// Appends what `tmpl` renders from `data` to `out`.
void render_append(Template& tmpl, Data& data, std::string& out);

inline Data flag(bool b) { return Data(b); }

// Building data in place: put() moves a value into a member; add_list() makes a list member with
// room for `count` items (kainjow's move constructor is not noexcept, so a list that grows copies
// every item it holds); add_object() appends an empty object to a list and returns it.
Data& put(Data& object, const std::string& key, Data&& value);
Data& add_list(Data& object, const std::string& key, std::size_t count);
Data& add_object(Data& list);

// Text values as they are, unescaped and unchecked: only emit/cpp_text.cpp, which escapes or
// checks them for their C++ context, may use these (render.cpp uses cpp_text.h).
namespace unchecked {
// kainjow's Data(const char*) would pick the bool constructor; always pass std::string.
inline Data text(const std::string& s) { return Data(s); }
Data strings(const std::vector<std::string>& items);  // a list of texts
}  // namespace unchecked

}  // namespace wink::codegen::emit
