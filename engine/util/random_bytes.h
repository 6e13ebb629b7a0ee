#pragma once
// Unpredictable bytes from the kernel, for names, salts, tokens and request ids that another
// user or a client must not be able to guess.
#include <cstddef>
#include <string>
#include <string_view>

namespace koers {

// `count` random bytes (raw). getrandom(2); std::random_device where the kernel refuses it.
std::string random_bytes(size_t count);

// Lower-case hexadecimal of `bytes`.
std::string to_hex(std::string_view bytes);

// `digit_count` random hexadecimal digits (rounded up to an even count).
inline std::string random_hex(size_t digit_count) {
  return to_hex(random_bytes((digit_count + 1) / 2));
}

}  // namespace koers
