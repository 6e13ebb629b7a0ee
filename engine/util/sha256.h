#pragma once
#include <string>
#include <string_view>

namespace koers {
// Lower-case hex SHA-256 (OpenSSL's EVP interface).
std::string sha256_hex(std::string_view data);
}  // namespace koers
