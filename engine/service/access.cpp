#include "service/access.h"

#include <arpa/inet.h>
#include <nettle/hmac.h>
#include <nettle/memops.h>

#include <array>
#include <nlohmann/json.hpp>

#include "util/random_bytes.h"

namespace koers::service {
namespace {

// Network-order bytes of an IPv4 or IPv6 address; an IPv4-mapped IPv6 address becomes IPv4 so a
// proxy listed as 10.0.0.1 matches ::ffff:10.0.0.1 from a dual-stack listener.
std::optional<std::vector<unsigned char>> address_bytes(std::string_view text) {
  std::string copy(text);
  std::array<unsigned char, 16> buffer{};
  if (inet_pton(AF_INET, copy.c_str(), buffer.data()) == 1) {
    return std::vector<unsigned char>(buffer.begin(), buffer.begin() + 4);
  }
  if (inet_pton(AF_INET6, copy.c_str(), buffer.data()) == 1) {
    constexpr std::array<unsigned char, 12> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped.begin(), mapped.end(), buffer.begin())) {
      return std::vector<unsigned char>(buffer.begin() + 12, buffer.end());
    }
    return std::vector<unsigned char>(buffer.begin(), buffer.end());
  }
  return std::nullopt;
}

bool prefix_matches(const std::vector<unsigned char>& left, const std::vector<unsigned char>& right,
                    int bits) {
  if (left.size() != right.size()) return false;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((left[i] & mask) != (right[i] & mask)) return false;
  }
  return true;
}

std::string error_body(std::string_view code, std::string_view message) {
  return nlohmann::json{{"error", code}, {"message", message}}.dump();
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  hmac_sha256_ctx context;
  hmac_sha256_set_key(&context, key.size(), reinterpret_cast<const uint8_t*>(key.data()));
  hmac_sha256_update(&context, message.size(), reinterpret_cast<const uint8_t*>(message.data()));
  std::string digest(SHA256_DIGEST_SIZE, '\0');
  hmac_sha256_digest(&context, digest.size(), reinterpret_cast<uint8_t*>(digest.data()));
  return digest;
}

}  // namespace

std::string_view role_name(Role role) {
  return role == Role::maintainer ? "maintainer" : "caseworker";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "caseworker") return Role::caseworker;
  if (text == "maintainer") return Role::maintainer;
  return std::nullopt;
}

std::string_view address_class_name(AddressClass address_class) {
  switch (address_class) {
    case AddressClass::loopback:
      return "loopback";
    case AddressClass::private_network:
      return "private";
    case AddressClass::public_network:
      return "public";
    case AddressClass::unix_socket:
      return "unix";
  }
  return "public";
}

AddressClass classify_address(std::string_view address, bool over_unix_socket) {
  if (over_unix_socket) return AddressClass::unix_socket;
  const auto bytes = address_bytes(address);
  if (!bytes) return AddressClass::public_network;
  const auto in = [&](std::string_view block) {
    return AddressBlock::parse(block)->contains(address);
  };
  if (in("127.0.0.0/8") || in("::1/128")) return AddressClass::loopback;
  if (in("10.0.0.0/8") || in("172.16.0.0/12") || in("192.168.0.0/16") || in("fc00::/7") ||
      in("fe80::/10")) {
    return AddressClass::private_network;
  }
  return AddressClass::public_network;
}

std::optional<AddressBlock> AddressBlock::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto bytes = address_bytes(text.substr(0, slash));
  if (!bytes) return std::nullopt;
  const int max_bits = static_cast<int>(bytes->size()) * 8;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    bits = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      bits = bits * 10 + (c - '0');
    }
    if (bits > max_bits) return std::nullopt;
  }
  AddressBlock block;
  block.network_ = *bytes;
  block.prefix_bits_ = bits;
  return block;
}

bool AddressBlock::contains(std::string_view address) const {
  const auto bytes = address_bytes(address);
  return bytes && prefix_matches(network_, *bytes, prefix_bits_);
}

bool equal_constant_time(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  return nettle_memeql_sec(left.data(), right.data(), left.size()) != 0;
}

std::string hash_token(std::string_view token, std::string_view salt) {
  return hmac_sha256(salt, token);
}

std::string pseudonym(std::string_view key, std::string_view identity) {
  return "hmac:" + to_hex(hmac_sha256(key, identity).substr(0, 16));
}

std::optional<Role> required_role(std::string_view method, std::string_view path) {
  // Health and the embedded page's static files carry no case content; the page itself asks the
  // API, which is where identity is checked.
  if (path == "/healthz" || path == "/readyz" || path == "/" || path == "/app.js" || path == "/form.js" ||
      path == "/style.css" || path.substr(0, 6) == "/docs/" || path == "/v1/openapi.json") {
    return std::nullopt;
  }
  if (path == "/v1/rules" || (method == "POST" && path == "/v1/reload")) return Role::maintainer;
  return Role::caseworker;
}

bool role_allows(Role role, Role required) {
  return role == Role::maintainer || required == Role::caseworker;
}

AccessDecision decide_access(const AccessConfig& config, const AccessRequest& request,
                             std::string request_id) {
  Allowed allowed;
  allowed.address_class = classify_address(request.remote_address, request.over_unix_socket);
  allowed.request_id = request_id;
  const auto refuse = [&](int status, std::string_view code, std::string_view message) {
    return Refused{status, error_body(code, message), request_id};
  };

  std::optional<Role> role;
  // A proxy that adds its header instead of replacing the client's would pass on both; the first
  // could be the client's own. Two values of an identity or role header are never believed.
  const auto sent_twice = [&](const std::optional<std::string>& name) {
    return name && request.header_count && request.header_count(*name) > 1;
  };
  if (sent_twice(config.identity_header) || sent_twice(config.role_header)) {
    return refuse(400, "ambiguous_identity",
                  "the identity or role header was sent more than once; the proxy must replace "
                  "what the client sent, not add to it");
  }
  if (config.identity_header) {
    if (auto identity = request.header(*config.identity_header)) {
      bool trusted = false;
      for (const auto& proxy : config.trusted_proxies) {
        trusted = trusted || proxy.contains(request.remote_address);
      }
      if (!trusted || request.over_unix_socket) {
        return refuse(401, "untrusted_identity",
                      "the identity header came from an address that is not a trusted proxy");
      }
      if (identity->empty()) return refuse(401, "unauthenticated", "the identity header is empty");
      allowed.actor = *identity;
      role = config.proxied_role;
      if (config.role_header) {
        if (auto said = request.header(*config.role_header); said && !said->empty()) {
          role = parse_role(*said);
          if (!role) {
            return refuse(403, "forbidden", "the proxy named a role this server does not know");
          }
        }
      }
    }
  }
  if (!role && !config.tokens.empty()) {
    if (auto authorization = request.header("Authorization")) {
      constexpr std::string_view scheme = "Bearer ";
      if (!authorization->starts_with(scheme)) {
        return refuse(401, "unauthenticated", "the Authorization header is not a bearer token");
      }
      const std::string_view token = std::string_view(*authorization).substr(scheme.size());
      // Every stored token is checked, so the time taken does not tell which name matched.
      const StoredToken* match = nullptr;
      for (const auto& stored : config.tokens) {
        if (equal_constant_time(hash_token(token, stored.salt), stored.hash)) match = &stored;
      }
      if (!match) return refuse(401, "invalid_token", "the bearer token is not valid");
      allowed.actor = match->name;
      role = match->role;
    }
  }

  const auto needed = required_role(request.method, request.path);
  if (!needed) {
    allowed.role = role;
    return allowed;
  }
  if (!config.authentication_configured()) {
    allowed.role = Role::maintainer;  // local use without authentication: the operator is the user
    return allowed;
  }
  if (!role) return refuse(401, "unauthenticated", "this route needs an identity");
  if (!role_allows(*role, *needed)) {
    return refuse(403, "forbidden", "your role does not allow this route");
  }
  allowed.role = role;
  return allowed;
}

}  // namespace koers::service
