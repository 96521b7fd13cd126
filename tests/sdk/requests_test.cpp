// Generated operations build the request the document describes.
#include <gtest/gtest.h>

#include <wink/supplier/sdk.h>

#include "fake_client.h"

namespace {

using namespace wink::supplier;
using wink::testing::FakeClient;

TEST(Requests, PathParametersArePercentEncodedAndQueryArraysExploded) {
  auto client = std::make_shared<FakeClient>();
  client->answer(200, R"({"content":[],"totalElements":0})");
  RatePlanApi api(client);
  ListRatePlansParams params;
  params.page = 2;
  params.sort = std::vector<std::string>{"name,asc", "code,desc"};
  params.status = RatePlanStatus::kActive;
  api.listRatePlans("hotel 1/a", params);
  const auto& r = client->last();
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path_and_query,
            "/api/managing-entity/hotel%201%2Fa/extranet/rate-plan/list?page=2&sort=name%2Casc&sort=code%2Cdesc&status=ACTIVE");
  EXPECT_EQ(r.operation, &operations::kListRatePlans);
  EXPECT_TRUE(r.body.empty());
  // Headers the runtime sets on every call are not the operation's business.
  EXPECT_FALSE(r.headers.contains("Wink-Version"));
  EXPECT_FALSE(r.headers.contains("Accept"));
}

TEST(Requests, HeaderAndCookieParametersAreSent) {
  auto client = std::make_shared<FakeClient>();
  client->answer(200, R"({"name":"n","code":"c","status":"ACTIVE","currency":"EUR","baseAmount":1,"identifier":"i"})");
  RatePlanApi api(client);
  RatePlanFields body;
  body.name = "Flex";
  api.updateRatePlan("h", "rp", "\"etag-1\"", body);
  ASSERT_NE(client->last().headers.find("If-Match"), nullptr);
  EXPECT_EQ(*client->last().headers.find("If-Match"), "\"etag-1\"");
  EXPECT_EQ(client->last().content_type, "application/json");

  client->answer(200, "{}");
  PropertyBookingApi bookings(client);
  ShowPropertyBookingParams p;
  p.winkSession = "s 1";
  try {
    bookings.showPropertyBooking("h", "b", p);
  } catch (const wink::DecodeError&) {
    // The empty answer lacks required fields; only the request matters here.
  }
  ASSERT_NE(client->last().headers.find("Cookie"), nullptr);
  EXPECT_EQ(*client->last().headers.find("Cookie"), "wink_session=s%201");
}

TEST(Requests, PatchDistinguishesAbsentNullAndValue) {
  auto client = std::make_shared<FakeClient>();
  PropertyApi api(client);
  PropertyProfilePatch patch;
  patch.displayName = std::string("Sea View");
  patch.website = nullptr;  // clear it
  // reservationsEmail stays absent: unchanged on the server
  client->answer(200, R"({"identifier":"h","name":"x"})");
  try {
    api.patchPropertyProfile("h", patch);
  } catch (const wink::DecodeError&) {
  }
  auto sent = nlohmann::json::parse(client->last().body);
  EXPECT_EQ(client->last().method, "PATCH");
  EXPECT_EQ(sent["displayName"], "Sea View");
  EXPECT_TRUE(sent.contains("website") && sent["website"].is_null());
  EXPECT_FALSE(sent.contains("reservationsEmail"));
}

TEST(Requests, MultipartUploadsCarryEveryFileOfAnArray) {
  auto client = std::make_shared<FakeClient>();
  client->answer(200, "[]");
  MediaApi api(client);
  UploadPropertyImagesRequest body;
  body.files = {{"a.jpg", "image/jpeg", "AAA"}, {"b.png", "image/png", "BBB"}};
  body.caption = "Lobby";
  api.uploadPropertyImages("h", body);
  const auto& r = client->last();
  ASSERT_EQ(r.content_type.rfind("multipart/form-data; boundary=", 0), 0u) << r.content_type;
  std::string boundary = r.content_type.substr(std::string("multipart/form-data; boundary=").size());
  EXPECT_NE(r.body.find("name=\"files\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nAAA\r\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("name=\"files\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n\r\nBBB\r\n"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"caption\"\r\n\r\nLobby\r\n"), std::string::npos);
  EXPECT_EQ(r.body.find("name=\"position\""), std::string::npos);  // absent optional part
  EXPECT_NE(r.body.find("--" + boundary + "--\r\n"), std::string::npos);
}

TEST(Requests, FormUrlEncodedBodies) {
  auto client = std::make_shared<FakeClient>();
  PropertyBookingApi api(client);
  CancelPropertyBookingRequest body;
  body.reason = CancellationReason::kGuestRequest;
  body.comment = "late & tired";
  body.notifyGuest = true;
  client->answer(200, "{}");
  try {
    api.cancelPropertyBooking("h", "b", body);
  } catch (const wink::DecodeError&) {
  }
  EXPECT_EQ(client->last().content_type, "application/x-www-form-urlencoded");
  EXPECT_NE(client->last().body.find("comment=late%20%26%20tired"), std::string::npos) << client->last().body;
  EXPECT_NE(client->last().body.find("notifyGuest=true"), std::string::npos);
}

TEST(Requests, NonJsonSuccessBodiesAreReturnedAsText) {
  auto client = std::make_shared<FakeClient>();
  client->answer(200, "id,total\n1,2\n", "text/csv");
  PropertyBookingApi api(client);
  auto csv = api.exportBookingsCsv("h", 2026);
  EXPECT_EQ(*csv, "id,total\n1,2\n");
  EXPECT_NE(client->last().path_and_query.find("year=2026"), std::string::npos);
  // The runtime's default Accept (application/json) is replaced by the result's media type.
  ASSERT_NE(client->last().headers.find("Accept"), nullptr);
  EXPECT_EQ(*client->last().headers.find("Accept"), "text/csv");
}

TEST(Requests, NoContentResults) {
  auto client = std::make_shared<FakeClient>();
  client->answer(204, "");
  RatePlanApi api(client);
  auto r = api.removeRatePlan("h", "rp");
  EXPECT_EQ(r.status(), 204);
  EXPECT_EQ(client->last().method, "DELETE");
}

}  // namespace
