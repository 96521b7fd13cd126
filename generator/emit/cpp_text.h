// The only ways a value reaches a template: one function per C++ context. Text from a document,
// a scope map or the command line goes through literal() or comment() (which escape it);
// names and C++ spelled by the IR go through identifier(), header_path() and code() (which check
// it and throw std::logic_error, a generator bug, when it could change the code around it).
// mustache.h has no other way to make a text value, so a template cannot get unescaped text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "emit/mustache.h"

namespace wink::codegen::emit {

Data literal(std::string_view raw);  // the body of a "..." literal
Data literals(const std::vector<std::string>& raw);
// The lines of a `///` block: each paragraph's lines, in order.
Data comment(const std::vector<std::string>& paragraphs);
Data comment_line(std::string_view raw);  // one `//` line (line breaks become spaces)

Data identifier(const std::string& name);  // [A-Za-z_][A-Za-z0-9_]*
Data identifiers(const std::vector<std::string>& names);
Data header_path(const std::string& path);  // inside #include "...": [A-Za-z0-9_/.-], no ".."
Data headers(const std::vector<std::string>& paths);
// C++ the IR spells (types, argument lists, statements): one line of printable ASCII, no
// comment, no backslash outside literals, every literal closed.
Data code(const std::string& spelled);
Data codes(const std::vector<std::string>& spelled);
Data number(std::size_t n);
Data boolean(bool b);  // true / false, as C++

// `"raw"` as C++ (a literal with its quotes), for code() built from document text.
std::string cpp_quoted(std::string_view raw);

}  // namespace wink::codegen::emit
