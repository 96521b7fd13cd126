// Parameter serialisation styles (OpenAPI 3 `style` / `explode`) used by generated operations.
#include <gtest/gtest.h>

#include <wink/url.h>

namespace {

using wink::url::Style;

TEST(Url, QueryStyles) {
  std::vector<std::string> v = {"a b", "c"};
  auto query = [](auto add) {
    wink::url::Query q;
    add(q);
    return q.str();
  };
  EXPECT_EQ(query([&](auto& q) { q.add("x", v, Style::kForm, true); }), "?x=a%20b&x=c");
  EXPECT_EQ(query([&](auto& q) { q.add("x", v, Style::kForm, false); }), "?x=a%20b,c");
  EXPECT_EQ(query([&](auto& q) { q.add("x", v, Style::kSpaceDelimited, false); }), "?x=a%20b%20c");
  EXPECT_EQ(query([&](auto& q) { q.add("x", v, Style::kPipeDelimited, false); }), "?x=a%20b%7Cc");
  std::map<std::string, std::int32_t> filter = {{"min", 1}, {"max", 5}};
  EXPECT_EQ(query([&](auto& q) { q.add("f", filter, Style::kDeepObject, true); }), "?f%5Bmax%5D=5&f%5Bmin%5D=1");
  EXPECT_EQ(query([&](auto& q) { q.add("f", filter, Style::kForm, true); }), "?max=5&min=1");
  EXPECT_EQ(query([&](auto& q) { q.add("n", std::optional<std::int64_t>{}, Style::kForm, true); }), "");
  EXPECT_EQ(query([&](auto& q) { q.add("b", true, Style::kForm, true); }), "?b=true");
}

TEST(Url, PathStyles) {
  std::vector<std::string> v = {"a", "b/c"};
  EXPECT_EQ(wink::url::path_param(v, Style::kSimple, false, "id"), "a,b%2Fc");
  EXPECT_EQ(wink::url::path_param(v, Style::kLabel, true, "id"), ".a.b%2Fc");
  EXPECT_EQ(wink::url::path_param(v, Style::kMatrix, true, "id"), ";id=a;id=b%2Fc");
  EXPECT_EQ(wink::url::path_param(v, Style::kMatrix, false, "id"), ";id=a,b%2Fc");
  EXPECT_EQ(wink::url::path_param(std::string("x y"), Style::kMatrix, false, "id"), ";id=x%20y");
}

}  // namespace
