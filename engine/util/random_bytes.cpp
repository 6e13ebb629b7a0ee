#include "util/random_bytes.h"

#include <sys/random.h>

#include <cerrno>
#include <random>

namespace koers {

std::string random_bytes(size_t count) {
  std::string bytes(count, '\0');
  size_t got = 0;
  while (got < count) {
    const ssize_t n = ::getrandom(bytes.data() + got, count - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  // Without getrandom (an old kernel, a seccomp filter): std::random_device, also unpredictable.
  std::random_device device;
  for (; got < count; ++got) bytes[got] = static_cast<char>(device());
  return bytes;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace koers
