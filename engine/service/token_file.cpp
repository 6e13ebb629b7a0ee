#include "service/token_file.h"

#include <fstream>
#include <sstream>

#include "util/random_bytes.h"

namespace koers::service {

namespace {

constexpr std::string_view kHeader = "# koers tokens 1";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Raw bytes of lower-case hex; empty when the text is not that.
std::string from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return {};
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return {};
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

}  // namespace

bool valid_token_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<StoredToken> read_token_file(const std::filesystem::path& path, bool absent_is_empty) {
  std::error_code ec;
  if (absent_is_empty && !std::filesystem::exists(path, ec)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TokenFileError(path.string() + ": cannot be read");
  std::vector<StoredToken> tokens;
  std::string line;
  size_t number = 0;
  const auto fail = [&](const std::string& what) {
    throw TokenFileError(path.string() + ":" + std::to_string(number) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++number;
    if (number == 1) {
      if (line != kHeader)
        fail("not a koers token file (its first line is not `" + std::string(kHeader) + "`)");
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split_tabs(line);
    if (fields.size() != 5) {
      fail("expected 5 fields separated by tabs (name, role, created, salt, hash), found " +
           std::to_string(fields.size()));
    }
    StoredToken token;
    token.name = fields[0];
    if (!valid_token_name(token.name)) fail("a token name may use letters, digits and . _ @ -");
    const auto role = parse_role(fields[1]);
    if (!role) fail("the role must be caseworker or maintainer, found `" + fields[1] + "`");
    token.role = *role;
    token.created = fields[2];
    token.salt = from_hex(fields[3]);
    token.hash = from_hex(fields[4]);
    if (token.salt.size() < 16) fail("the salt must be at least 32 hex digits");
    if (token.hash.size() != 32) fail("the hash must be 64 hex digits");
    for (const auto& earlier : tokens) {
      if (earlier.name == token.name) fail("the name `" + token.name + "` is used twice");
    }
    tokens.push_back(std::move(token));
  }
  if (number == 0) fail("the file is empty; `koers token add` writes its first line");
  return tokens;
}

std::string format_token_file(const std::vector<StoredToken>& tokens) {
  std::ostringstream out;
  out << kHeader << "\n"
      << "# Managed by `koers token add|list|revoke`. Tokens themselves are never stored.\n"
      << "# name\trole\tcreated\tsalt\thash\n";
  for (const auto& t : tokens) {
    out << t.name << '\t' << role_name(t.role) << '\t' << t.created << '\t' << to_hex(t.salt)
        << '\t' << to_hex(t.hash) << '\n';
  }
  return out.str();
}

NewToken make_token(std::string name, Role role, std::string created) {
  NewToken made;
  made.token = "koers_" + random_hex(64);
  made.stored.name = std::move(name);
  made.stored.role = role;
  made.stored.created = std::move(created);
  made.stored.salt = random_bytes(16);
  made.stored.hash = hash_token(made.token, made.stored.salt);
  return made;
}

}  // namespace koers::service
