#pragma once
// The bearer tokens of `koers serve --tokens FILE`, managed by `koers token add|list|revoke`.
// The file holds, per token, its name, role, creation time, salt and keyed hash: never a token
// itself, which is shown once when it is made. One line per token, tab-separated, so that an
// operator can read and diff it:
//
//   # koers tokens 1
//   anna	caseworker	2026-12-02T10:00:00Z	<salt, hex>	<hash, hex>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "service/access.h"

namespace koers::service {

// A token file that cannot be used; what() reads "FILE:LINE: what is wrong".
class TokenFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Names are what audit lines show: letters, digits and . _ @ - (1 to 64 of them).
bool valid_token_name(std::string_view name);

// Reads a token file. An absent file is an error unless `absent_is_empty`.
std::vector<StoredToken> read_token_file(const std::filesystem::path& path,
                                         bool absent_is_empty = false);

std::string format_token_file(const std::vector<StoredToken>& tokens);

// A new token: "koers_" and 64 random hex digits (256 bits), stored under a fresh salt.
struct NewToken {
  StoredToken stored;
  std::string token;  // shown once, to the person who asked for it
};
NewToken make_token(std::string name, Role role, std::string created);

}  // namespace koers::service
