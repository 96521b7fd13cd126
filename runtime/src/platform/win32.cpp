// The Win32 implementations of the platform seams (random.h, signals.h, browser.h,
// private_file.h, loopback_socket.h) are not written yet. Each seam header documents what its
// implementation must guarantee; random_posix.cpp & co. are the reference.
#error "wink runtime: the Win32 platform seams in runtime/src/platform/ are not implemented yet"
