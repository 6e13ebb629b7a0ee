#pragma once
// Who may ask, and who asked: the transport-neutral access decision of koers serve.
// Input is a plain description of a request; no HTTP library type crosses this boundary, so the
// same decision serves any HTTP layer through a few lines of adapter.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace koers::service {

enum class Role { caseworker, maintainer };
enum class AddressClass { loopback, private_network, public_network, unix_socket };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view text);
std::string_view address_class_name(AddressClass address_class);

// Classifies a remote address (IPv4 or IPv6 text); unparsable text counts as public.
AddressClass classify_address(std::string_view address, bool over_unix_socket);

// One trusted-proxy entry: an address or a CIDR block, IPv4 or IPv6.
class AddressBlock {
 public:
  // nullopt when the text is not an address or CIDR block.
  static std::optional<AddressBlock> parse(std::string_view text);
  bool contains(std::string_view address) const;

 private:
  std::vector<unsigned char> network_;  // 4 or 16 bytes
  int prefix_bits_ = 0;
};

// Equality of two secrets in time that depends only on their length.
bool equal_constant_time(std::string_view left, std::string_view right);

// A bearer token as stored: a name, a role, a per-token salt and the PBKDF2-SHA256 of the token.
struct StoredToken {
  std::string name;
  Role role = Role::caseworker;
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes, 32
};

// PBKDF2-HMAC-SHA256 of a token under its salt. Tokens are 256-bit random strings, so no
// dictionary attack applies; the iterations only slow down a brute force against a stolen file,
// and a modest count keeps each authenticated request cheap.
inline constexpr unsigned token_hash_iterations = 10'000;
std::string hash_token(std::string_view token, std::string_view salt);

struct AccessConfig {
  std::optional<std::string> identity_header;  // mode (a): behind a proxy
  std::vector<AddressBlock> trusted_proxies;
  Role proxied_role = Role::caseworker;  // role of an identity the proxy vouches for
  std::vector<StoredToken> tokens;       // mode (b): bearer tokens
  bool authentication_configured() const { return identity_header.has_value() || !tokens.empty(); }
};

struct AccessRequest {
  std::string_view method;
  std::string_view path;
  std::function<std::optional<std::string>(std::string_view)> header;  // lookup by name
  std::string_view remote_address;
  bool over_unix_socket = false;
};

struct Allowed {
  std::string actor;  // identity as given; empty for an unauthenticated open route or local use
  std::optional<Role> role;
  AddressClass address_class = AddressClass::public_network;
  std::string request_id;
};

struct Refused {
  int status = 401;  // 401 no or invalid identity, 403 role does not allow the route
  std::string body;  // {"error": code, "message": ...}
  std::string request_id;
};

using AccessDecision = std::variant<Allowed, Refused>;

// Which role a route needs; nullopt for an open route (/healthz).
std::optional<Role> required_role(std::string_view method, std::string_view path);
bool role_allows(Role role, Role required);

// request_id: caller supplies a fresh id (random or counter) so the decision stays pure.
AccessDecision decide_access(const AccessConfig& config, const AccessRequest& request,
                             std::string request_id);

}  // namespace koers::service
