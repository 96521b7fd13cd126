// ApiError: keeps the raw response; its message carries only a short redacted excerpt.
#include "wink/errors.h"

#include <nlohmann/json.hpp>

#include "wink/redact.h"

namespace wink {

namespace {
std::string api_message(const std::string& operation_id, const HttpResponse& response) {
  std::string m = operation_id + ": HTTP " + std::to_string(response.status);
  std::string body = excerpt(response.body, 200);
  if (!body.empty()) m += ": " + body;
  return m;
}
}  // namespace

ApiError::ApiError(std::string operation_id, HttpResponse response)
    : Error(ErrorKind::Api, api_message(operation_id, response)),
      operation_id_(std::move(operation_id)),
      response_(std::move(response)) {}

std::optional<nlohmann::json> ApiError::body_json() const {
  if (response_.body.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(response_.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

}  // namespace wink
