// wink::json::Fields, the tables generated struct models decode, write and compare through:
// a hand-written model here, so that the runtime's loops are checked apart from the generator.
#include <gtest/gtest.h>

#include <iterator>

#include "wink/json_tree.h"

namespace demo {

struct Room {
  std::string id;
  std::optional<std::int32_t> beds;
  wink::Nullable<std::string> note;
  std::optional<std::vector<std::string>> tags;
};

constexpr wink::json::Field kRoomFieldTable[] = {
    {"id", true, &wink::json::Member<std::string>::ops},
    {"beds", false, &wink::json::Member<std::optional<std::int32_t>>::ops},
    {"note", false, &wink::json::Member<wink::Nullable<std::string>>::ops},
    {"tags", false, &wink::json::Member<std::optional<std::vector<std::string>>>::ops},
};
constexpr std::uint16_t kRoomWriteOrder[] = {1, 0, 2, 3};  // beds, id, note, tags
constexpr wink::json::Fields kRoomFields{kRoomFieldTable, std::size(kRoomFieldTable),
                                         [](void* model, std::size_t index) -> void* {
                                           auto& m = *static_cast<Room*>(model);
                                           switch (index) {
                                             case 0: return &m.id;
                                             case 1: return &m.beds;
                                             case 2: return &m.note;
                                             case 3: return &m.tags;
                                           }
                                           return nullptr;
                                         },
                                         kRoomWriteOrder};

void decode(const nlohmann::json& j, Room& out, wink::json::Path& p) { wink::json::decode_fields(j, &out, kRoomFields, p); }
void write(wink::json::Writer& w, const Room& v) { wink::json::write_fields(w, &v, kRoomFields); }
bool operator==(const Room& a, const Room& b) { return wink::json::equal_fields(&a, &b, kRoomFields); }

// A model holding models: a field's operations reach the inner model's functions by ADL.
struct Floor {
  std::vector<Room> rooms;
};
constexpr wink::json::Field kFloorFieldTable[] = {{"rooms", true, &wink::json::Member<std::vector<Room>>::ops}};
constexpr std::uint16_t kFloorWriteOrder[] = {0};
constexpr wink::json::Fields kFloorFields{kFloorFieldTable, 1,
                                          [](void* model, std::size_t) -> void* { return &static_cast<Floor*>(model)->rooms; },
                                          kFloorWriteOrder};
void decode(const nlohmann::json& j, Floor& out, wink::json::Path& p) { wink::json::decode_fields(j, &out, kFloorFields, p); }

}  // namespace demo

namespace {

using nlohmann::json;

std::string decode_error(const std::string& text) {
  try {
    wink::json::decode_text<demo::Floor>(text);
  } catch (const wink::DecodeError& e) {
    return e.what();
  }
  return "no error";
}

TEST(JsonFields, DecodeReadsPresentFieldsAndLeavesAbsentOnesEmpty) {
  auto room = wink::json::decode_text<demo::Room>(R"({"tags":["a","b"],"id":"r1","note":null,"extra":1})");
  EXPECT_EQ(room.id, "r1");
  EXPECT_FALSE(room.beds.has_value());
  EXPECT_TRUE(room.note.is_null());
  ASSERT_TRUE(room.tags.has_value());
  EXPECT_EQ(*room.tags, (std::vector<std::string>{"a", "b"}));
}

TEST(JsonFields, DecodeErrorsNameThePathOfTheField) {
  EXPECT_NE(decode_error(R"({"rooms":[{"id":"a"},{"beds":2}]})").find("$.rooms[1].id"), std::string::npos)
      << decode_error(R"({"rooms":[{"id":"a"},{"beds":2}]})");
  EXPECT_NE(decode_error(R"({"rooms":[{"id":"a","beds":"two"}]})").find("$.rooms[0].beds"), std::string::npos);
  EXPECT_NE(decode_error(R"({"rooms":{}})").find("$.rooms"), std::string::npos);
  EXPECT_NE(decode_error(R"([])").find("$"), std::string::npos);
}

TEST(JsonFields, WriteUsesTheWriteOrderAndOmitsAbsentOptionals) {
  demo::Room room;
  room.id = "r1";
  EXPECT_EQ(wink::json::dump(room), R"({"id":"r1"})");
  room.beds = 2;
  room.note = nullptr;  // explicitly null: written as null
  room.tags = std::vector<std::string>{};
  EXPECT_EQ(wink::json::dump(room), R"({"beds":2,"id":"r1","note":null,"tags":[]})");
  EXPECT_EQ(json::parse(wink::json::dump(room)), json::parse(R"({"id":"r1","beds":2,"note":null,"tags":[]})"));
}

TEST(JsonFields, EqualityComparesEveryField) {
  demo::Room a{"r1", 2, wink::Nullable<std::string>("n"), std::vector<std::string>{"x"}};
  demo::Room b = a;
  EXPECT_TRUE(a == b);
  for (int i = 0; i < 4; ++i) {
    demo::Room c = a;
    if (i == 0) c.id = "r2";
    if (i == 1) c.beds.reset();
    if (i == 2) c.note = nullptr;
    if (i == 3) c.tags->push_back("y");
    EXPECT_FALSE(a == c) << "field " << i;
  }
}

}  // namespace

namespace demo {

// A model that may hold itself, or null: `Node: {type: [object, "null"], properties: {next: Node}}`.
struct Node {
  wink::Nullable<wink::Box<Node>> next;
};

}  // namespace demo

// Nullable holds no value until it has one: a default Node does not build a chain of Nodes.
TEST(JsonFields, NullableBoxOfItsOwnModelConstructsNoValue) {
  demo::Node n;
  EXPECT_TRUE(n.next.is_absent());
  n.next.emplace();
  EXPECT_TRUE((*n.next)->next.is_absent());
  demo::Node copy = n;
  EXPECT_TRUE(copy.next.has_value());
  EXPECT_TRUE((*copy.next)->next.is_absent());
  copy.next.set_null();
  EXPECT_TRUE(copy.next.is_null());
}
