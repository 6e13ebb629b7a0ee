#include "util/sha256.h"

// GNU Nettle's SHA-256 (SHA-NI where the CPU has it). Not OpenSSL: loading libcrypto and
// initialising its digest providers cost ~1 ms per process, a fifth of the budget of
// `koers advise` for one case; Nettle loads in ~0.05 ms.
#include <nettle/sha2.h>

#include <array>

namespace koers {

std::string sha256_hex(std::string_view data) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (uint8_t byte : digest) {
    out += hex[byte >> 4];
    out += hex[byte & 0xF];
  }
  return out;
}

}  // namespace koers
