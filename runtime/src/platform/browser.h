// Platform seam: showing a URL to the user in their browser. POSIX: browser_posix.cpp.
#pragma once

#include <string>

namespace wink::platform {

// Starts the desktop's URL opener (xdg-open, open) and waits for it; false when there is none
// (no display, not installed). The caller has already printed the URL.
bool open_in_browser(const std::string& url);

}  // namespace wink::platform
