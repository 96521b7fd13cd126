// A node as a JSON value: how enum values, `const`, `default` and examples reach later stages
// (compared and written back as JSON, never re-parsed from text).
#pragma once

#include <nlohmann/json.hpp>

#include "load/node.h"

namespace wink::codegen::load {

// Object member order is kept. Numbers keep their kind as written: an integer literal becomes an
// integer (unsigned when not negative, as nlohmann's parser makes it), anything else a double;
// YAML's .inf/.nan become null (JSON has neither).
nlohmann::ordered_json to_json_value(const Node& node);

}  // namespace wink::codegen::load
