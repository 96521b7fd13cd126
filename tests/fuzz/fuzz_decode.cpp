// Fuzz target: JSON decoding of every model of the bundled SDK. The first byte picks the model,
// the rest is the response body. Anything may fail with wink::DecodeError; nothing may crash,
// and whatever decodes must encode and decode again to the same value, and
// wink::json::dump() must write exactly what the encoded tree's dump() writes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

#include <wink/supplier/models.h>

namespace {

using Models = wink::supplier::JsonModels;

template <class T>
void check_one(const std::string& body) {
  T value;
  try {
    value = wink::json::decode_text<T>(body);
  } catch (const wink::DecodeError&) {
    return;
  }
  nlohmann::json again = encode(value);
  // The direct writer must give the tree's bytes (parsed strings are valid UTF-8, so no throw).
  if (wink::json::dump(value) != again.dump()) __builtin_trap();
  T round_tripped = wink::json::decode_document<T>(again);
  if (!(round_tripped == value)) __builtin_trap();
}

template <std::size_t... I>
void dispatch(std::size_t index, const std::string& body, std::index_sequence<I...>) {
  ((I == index ? check_one<std::tuple_element_t<I, Models>>(body) : void()), ...);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr std::size_t kCount = std::tuple_size_v<Models>;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  dispatch(data[0] % kCount, body, std::make_index_sequence<kCount>{});
  return 0;
}
