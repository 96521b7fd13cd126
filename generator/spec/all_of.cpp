#include "spec/all_of.h"

#include <algorithm>

namespace wink::codegen::spec {
namespace {

void merge(const Document& doc, const Schema& s, MergedObject& out, int depth) {
  const Schema* r = doc.resolve(&s);
  if (!r || depth > 32) return;
  for (const auto& part : r->all_of) merge(doc, *part, out, depth + 1);
  for (const auto& p : r->properties) {
    auto same = std::find_if(out.properties.begin(), out.properties.end(),
                             [&](const Property* q) { return q->name == p.name; });
    if (same == out.properties.end()) out.properties.push_back(&p);
    else *same = &p;
  }
  out.required.insert(out.required.end(), r->required.begin(), r->required.end());
}

}  // namespace

bool MergedObject::is_required(const std::string& name) const {
  return std::find(required.begin(), required.end(), name) != required.end();
}

MergedObject merge_all_of(const Document& doc, const Schema& schema) {
  MergedObject out;
  merge(doc, schema, out, 0);
  return out;
}

}  // namespace wink::codegen::spec
