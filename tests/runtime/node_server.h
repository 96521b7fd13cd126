// Starts tests/servers/oauth_server.mjs (oauth2-mock-server based) with node on 127.0.0.1 and
// an ephemeral port; stops it in the destructor (closing its stdin makes it exit).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace wink::test {

class NodeServer {
 public:
  // Empty when the server can run; otherwise why not (for GTEST_SKIP).
  static std::string unavailable() {
    std::string node = WINK_NODE_EXECUTABLE;
    if (node.empty() || node.find("NOTFOUND") != std::string::npos || !std::filesystem::exists(node))
      return "node is not installed (it runs tests/servers/oauth_server.mjs)";
    if (!std::filesystem::exists(std::string(WINK_TEST_SERVERS_DIR) + "/node_modules/oauth2-mock-server"))
      return "the npm OAuth2 test server is not installed: run `npm ci --prefix tests/servers`";
    return {};
  }

  explicit NodeServer(const std::map<std::string, std::string>& env = {}) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    std::vector<std::string> envs;
    for (char** e = environ; *e != nullptr; ++e) envs.emplace_back(*e);
    for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : envs) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string node = WINK_NODE_EXECUTABLE, script = std::string(WINK_TEST_SERVERS_DIR) + "/oauth_server.mjs";
    std::string zero = "0";
    char* argv[] = {node.data(), script.data(), zero.data(), nullptr};
    int rc = posix_spawn(&pid_, node.c_str(), &fa, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    if (rc != 0) {
      close(out[0]);
      throw std::runtime_error("cannot start node");
    }
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    auto j = nlohmann::json::parse(line.substr(0, line.find('\n')), nullptr, false);
    if (!j.is_object() || !j.contains("port")) {
      stop();
      throw std::runtime_error("node OAuth2 server did not report its port: " + line);
    }
    port_ = j["port"].get<int>();
  }
  ~NodeServer() { stop(); }

  std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void stop() {
    if (stdin_ >= 0) close(stdin_);
    stdin_ = -1;
    if (pid_ <= 0) return;
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = 0;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

  pid_t pid_ = 0;
  int stdin_ = -1;
  int port_ = 0;
};

}  // namespace wink::test
