// open_in_browser on POSIX: `open` on macOS, `xdg-open` under X11/Wayland elsewhere.
#include "platform/browser.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>

extern char** environ;

namespace wink::platform {

bool open_in_browser(const std::string& url) {
#if defined(__APPLE__)
  const char* opener = "open";
#else
  if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) return false;
  const char* opener = "xdg-open";
#endif
  std::string u = url;
  std::string name = opener;
  char* argv[] = {name.data(), u.data(), nullptr};
  pid_t pid = 0;
  if (::posix_spawnp(&pid, opener, nullptr, nullptr, argv, environ) != 0) return false;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace wink::platform
