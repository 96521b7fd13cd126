// wink::json::Writer against nlohmann::json::dump(): same bytes for every value it writes, and
// an EncodeError exactly where nlohmann refuses a string (invalid UTF-8).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "wink/json_tree.h"

namespace {

using nlohmann::json;
using wink::json::Writer;

std::string written(const std::string& s) {
  Writer w;
  w.string(s);
  return w.take();
}

TEST(JsonWriter, StringsAreEscapedLikeNlohmann) {
  std::string all_ascii;
  for (int c = 0; c < 128; ++c) all_ascii.push_back(static_cast<char>(c));
  for (const std::string& s : {std::string(), std::string("plain"), all_ascii, std::string("quote \" back \\ slash"),
                               std::string("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8F\xA8"), std::string(1, '\0')})
    EXPECT_EQ(written(s), json(s).dump()) << json(s).dump();
}

// Random byte strings, biased towards UTF-8 lead and continuation bytes: valid ones must be
// written as nlohmann writes them, invalid ones refused by both.
TEST(JsonWriter, Utf8ValidationAgreesWithNlohmann) {
  std::mt19937 rng(20261123);
  const unsigned char interesting[] = {0x00, 0x1F, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0,
                                       0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  int valid = 0, invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int n = rng() % 6; n >= 0; --n) s.push_back(static_cast<char>(interesting[rng() % std::size(interesting)]));
    std::string expected;
    bool nlohmann_refuses = false;
    try {
      expected = json(s).dump();
    } catch (const json::type_error&) {
      nlohmann_refuses = true;
    }
    if (nlohmann_refuses) {
      ++invalid;
      EXPECT_THROW(written(s), wink::EncodeError) << json(std::vector<std::uint8_t>(s.begin(), s.end())).dump();
    } else {
      ++valid;
      EXPECT_EQ(written(s), expected);
    }
  }
  EXPECT_GT(valid, 1000);
  EXPECT_GT(invalid, 1000);
}

TEST(JsonWriter, NumbersUseNlohmannsFormatting) {
  const double doubles[] = {0.0, -0.0, 1.0, 3.0, 0.1, 129.5, 1e15, 1e16, 1e17, 1.5e300, -2.5e-300, 5e-324,
                            std::numeric_limits<double>::max(), static_cast<double>(0.1f), 12.5,
                            std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
  for (double d : doubles) {
    Writer w;
    w.number(d);
    EXPECT_EQ(w.take(), json(d).dump()) << d;
  }
  for (std::int64_t i : {std::int64_t{0}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::min(),
                         std::numeric_limits<std::int64_t>::max()}) {
    Writer w;
    w.integer(i);
    EXPECT_EQ(w.take(), json(i).dump());
  }
  float f = 0.1f;  // nlohmann keeps floats as doubles
  EXPECT_EQ(wink::json::dump(f), json(f).dump());
}

TEST(JsonWriter, ContainersAndOptionalsMatchTheTreeEncoding) {
  std::map<std::string, std::vector<std::optional<std::int32_t>>> nested{
      {"b", {1, std::nullopt, 3}}, {"a", {}}, {"\xC3\xA9t\xC3\xA9", {7}}};
  EXPECT_EQ(wink::json::dump(nested), wink::json::encode(nested).dump());
  json free_form = {{"z", {1, 2.5, "x"}}, {"a", nullptr}, {"m", json::object()}};
  std::vector<json> values{free_form, json::array(), json("s")};
  EXPECT_EQ(wink::json::dump(values), wink::json::encode(values).dump());
  EXPECT_EQ(wink::json::dump(std::vector<std::string>{}), "[]");
}

TEST(JsonWriter, EncodeErrorNamesThePropertyNotTheValue) {
  Writer w;
  w.begin_object();
  w.key("partnerSecret");
  try {
    w.string("s3cr3t-\xFF-value");
    FAIL() << "expected an EncodeError";
  } catch (const wink::EncodeError& e) {
    std::string what = e.what();
    EXPECT_EQ(e.kind(), wink::ErrorKind::Encode);
    EXPECT_NE(what.find("\"partnerSecret\""), std::string::npos) << what;
    EXPECT_NE(what.find("0xFF at index 7"), std::string::npos) << what;
    EXPECT_EQ(what.find("s3cr3t"), std::string::npos) << what;
  }
}

}  // namespace
