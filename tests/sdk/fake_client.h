// A wink::Client that records requests and answers from a queue: tests of generated code
// without a network.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include <wink/client.h>

namespace wink::testing {

class FakeClient : public wink::Client {
 public:
  wink::HttpResponse send(const wink::ApiRequest& request, const wink::CallOptions&) override {
    requests.push_back(request);
    if (answers.empty()) return {200, {}, "{}"};
    auto r = answers.front();
    answers.pop_front();
    return r;
  }
  void answer(long status, std::string body, std::string content_type = "application/json") {
    wink::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.add("Content-Type", std::move(content_type));
    answers.push_back(std::move(r));
  }
  const wink::ApiRequest& last() const { return requests.back(); }

  std::vector<wink::ApiRequest> requests;
  std::deque<wink::HttpResponse> answers;
};

}  // namespace wink::testing
