// Derives the documents the benchmarks need from one of Wink's published JSON documents, in a
// temporary folder (Wink's documents are never copied into the repository). Key order is kept
// (nlohmann::ordered_json) so that generated code only differs where the document does.
//
//   derive_spec normalize    IN.json OUT.json
//       the same document re-serialised (the reference for the incremental compile benchmark)
//   derive_spec add-property IN.json OUT.json SCHEMA PROPERTY
//       adds an optional string property to components/schemas/SCHEMA
//   derive_spec yaml         IN.json OUT.yaml MIN_BYTES
//       the document as YAML (yaml-cpp's emitter); while it is smaller than MIN_BYTES, renamed
//       copies of its schemas and paths are merged in (schemas `<name>_Copy<k>` with their $refs
//       rewritten, paths `/bench-copy-<k><path>`, operationIds `<id>_copy<k>`; the last copy has
//       every schema and only as many paths as needed), so the result is still a valid OpenAPI
//       document the generator accepts, just over MIN_BYTES.
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <functional>
#include <set>
#include <string_view>

#include "bench_util.h"

namespace {

using Json = nlohmann::ordered_json;

Json load(const std::string& path) { return Json::parse(wink_bench::read_file(path)); }

void save(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

// Plain scalars YAML would read as something other than a string are double-quoted.
bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (std::string_view("0123456789+-.~").find(s[0]) != std::string_view::npos) return true;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "null", "y", "n"})
    if (lower == word) return true;
  return false;
}

void emit_string(YAML::Emitter& out, const std::string& s) {
  if (needs_quotes(s))
    out << YAML::DoubleQuoted << s;
  else
    out << s;
}

void emit(YAML::Emitter& out, const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, value] : j.items()) {
        out << YAML::Key;
        emit_string(out, key);
        out << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : j) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Json::value_t::string: emit_string(out, j.get_ref<const std::string&>()); break;
    case Json::value_t::boolean: out << (j.get<bool>() ? "true" : "false"); break;
    case Json::value_t::null: out << "null"; break;
    default: out << j.dump(); break;  // numbers, written exactly as JSON writes them
  }
}

std::string to_yaml(const Json& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, doc);
  if (!out.good()) throw std::runtime_error("yaml-cpp emitter: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

const std::string kSchemaPrefix = "#/components/schemas/";

// Appends `suffix` to the schema name of every `#/components/schemas/<name>` reference whose
// schema is copied (`copied(name)`); other references keep pointing at the original schema.
void rename_refs(Json& j, const std::string& suffix, const std::function<bool(const std::string&)>& copied) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      if (key == "$ref" && value.is_string()) {
        std::string ref = value.get<std::string>();
        if (ref.rfind(kSchemaPrefix, 0) == 0) {
          auto end = ref.find('/', kSchemaPrefix.size());
          if (end == std::string::npos) end = ref.size();
          if (copied(ref.substr(kSchemaPrefix.size(), end - kSchemaPrefix.size()))) {
            ref.insert(end, suffix);
            value = ref;
          }
        }
      } else {
        rename_refs(value, suffix, copied);
      }
    }
  } else if (j.is_array()) {
    for (auto& item : j) rename_refs(item, suffix, copied);
  }
}

// The document plus `copies` whole renamed copies of its schemas and paths, and one partial copy
// holding the first `per_mille`/1000 of its schemas and of its paths.
Json with_copies(const Json& original, int copies, int per_mille) {
  static const Json kNone = Json::object();
  const Json& schemas = original.contains("components") && original["components"].contains("schemas")
                            ? original["components"]["schemas"]
                            : kNone;
  const Json& paths = original["paths"];
  Json doc = original;
  for (int k = 2; k <= copies + 2; ++k) {
    const bool partial = k == copies + 2;
    if (partial && per_mille == 0) break;
    const std::size_t n_schemas = partial ? schemas.size() * static_cast<std::size_t>(per_mille) / 1000 : schemas.size();
    const std::size_t n_paths = partial ? paths.size() * static_cast<std::size_t>(per_mille) / 1000 : paths.size();
    std::set<std::string> copied;
    for (const auto& [name, schema] : schemas.items()) {
      if (copied.size() == n_schemas) break;
      copied.insert(name);
    }
    const std::function<bool(const std::string&)> is_copied = [&](const std::string& name) { return copied.count(name) > 0; };
    const std::string schema_suffix = "_Copy" + std::to_string(k);
    const std::string op_suffix = "_copy" + std::to_string(k);
    const std::string path_prefix = "/bench-copy-" + std::to_string(k);
    for (const auto& [name, schema] : schemas.items()) {
      if (!is_copied(name)) continue;
      Json copy = schema;
      rename_refs(copy, schema_suffix, is_copied);
      doc["components"]["schemas"][name + schema_suffix] = std::move(copy);
    }
    std::size_t taken = 0;
    for (const auto& [path, item] : paths.items()) {
      if (taken++ == n_paths) break;
      Json copy = item;
      rename_refs(copy, schema_suffix, is_copied);
      for (auto& [method, op] : copy.items())
        if (op.is_object() && op.contains("operationId") && op["operationId"].is_string())
          op["operationId"] = op["operationId"].get<std::string>() + op_suffix;
      doc["paths"][path_prefix + path] = std::move(copy);
    }
  }
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "normalize" && argc == 4) {
      save(argv[3], load(argv[2]).dump(2) + "\n");
    } else if (mode == "add-property" && argc == 6) {
      Json doc = load(argv[2]);
      const std::string schema = argv[4], property = argv[5];
      auto& schemas = doc["components"]["schemas"];
      if (!schemas.contains(schema) || !schemas[schema].contains("properties"))
        throw std::runtime_error("components/schemas/" + schema + " is missing or has no properties");
      auto& props = schemas[schema]["properties"];
      if (props.contains(property)) throw std::runtime_error(schema + " already has property " + property);
      props[property] = Json{{"type", "string"}, {"description", "Added by the incremental compile benchmark."}};
      save(argv[3], doc.dump(2) + "\n");
    } else if (mode == "yaml" && argc == 5) {
      const Json original = load(argv[2]);
      const double min_bytes = std::atof(argv[4]);
      const std::size_t single = to_yaml(original).size();
      // Whole copies while they keep the document below MIN_BYTES, then the smallest partial copy
      // (in thousandths of the schemas and paths) that reaches it.
      int copies = 0;
      while (static_cast<double>(to_yaml(with_copies(original, copies + 1, 0)).size()) < min_bytes) ++copies;
      int lo = 0, hi = 1000;
      std::string text = to_yaml(with_copies(original, copies, 1000));
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        std::string t = to_yaml(with_copies(original, copies, mid));
        if (static_cast<double>(t.size()) >= min_bytes) {
          hi = mid;
          text = std::move(t);
        } else {
          lo = mid + 1;
        }
      }
      wink_bench::note("yaml_document", "YAML document: " + std::to_string(text.size()) + " bytes = the JSON document as YAML (" +
                                            std::to_string(single) + " bytes) + " + std::to_string(copies) +
                                            " renamed whole copy/copies + a renamed copy of the first " +
                                            std::to_string(hi / 10.0).substr(0, 4) + "% of its schemas and paths");
      save(argv[3], text);
    } else {
      std::cerr << "usage: derive_spec normalize IN OUT | add-property IN OUT SCHEMA PROPERTY | yaml IN OUT MIN_BYTES\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "derive_spec: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
