#include "emit/mustache.h"

#include <string_view>
#include <utility>

namespace wink::codegen::emit {
namespace {

// A line holding only a section tag moves to the start of the next line, followed by kMark so
// that kainjow does not take that line for a standalone one too; kMark is removed after
// rendering.
constexpr char kMark = '\x02';

std::string drop_standalone_tag_lines(const std::string& tmpl) {
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    std::size_t end = tmpl.find('\n', pos);
    std::size_t next = end == std::string::npos ? tmpl.size() : end + 1;
    std::string_view line(tmpl.data() + pos, (end == std::string::npos ? tmpl.size() : end) - pos);
    std::size_t a = line.find_first_not_of(" \t");
    bool standalone = a != std::string_view::npos && line.substr(a).rfind("{{", 0) == 0 && a + 2 < line.size() &&
                      (line[a + 2] == '#' || line[a + 2] == '^' || line[a + 2] == '/') &&
                      line.find("}}") == line.size() - 2 && line.find("{{", a + 2) == std::string_view::npos;
    if (standalone) {
      out += line.substr(a);
      out += kMark;
    }
    else out.append(tmpl, pos, next - pos);
    pos = next;
  }
  return out;
}

// A list item that costs nothing to copy, then the item itself. (list_value() only hands out
// const references, to lists this code owns.)
Data& add_item(Data& list) {
  list.push_back(Data(false));
  return const_cast<Data&>(list.list_value().back());
}

}  // namespace

Template parse_template(const std::string& text) {
  Template tmpl(drop_standalone_tag_lines(text));
  tmpl.set_custom_escape([](const std::string& s) { return s; });  // C++, not HTML
  return tmpl;
}

void render_append(Template& tmpl, Data& data, std::string& out) {
  // Appended piece by piece (kainjow's string render goes through an ostringstream), leaving out
  // the standalone-line marks on the way.
  tmpl.render(data, [&out](const std::string& piece) {
    for (std::size_t from = 0;;) {
      std::size_t mark = piece.find(kMark, from);
      out.append(piece, from, mark == std::string::npos ? std::string::npos : mark - from);
      if (mark == std::string::npos) break;
      from = mark + 1;
    }
  });
}

Data& put(Data& object, const std::string& key, Data&& value) { return object[key] = std::move(value); }

Data& add_list(Data& object, const std::string& key, std::size_t count) {
  Data& list = put(object, key, Data(Data::type::list));
  const_cast<std::vector<Data>&>(list.list_value()).reserve(count);
  return list;
}

Data& add_object(Data& list) { return add_item(list) = Data(); }

Data unchecked::strings(const std::vector<std::string>& items) {
  Data list(Data::type::list);
  const_cast<std::vector<Data>&>(list.list_value()).reserve(items.size());
  for (const auto& s : items) add_item(list) = text(s);
  return list;
}

}  // namespace wink::codegen::emit
