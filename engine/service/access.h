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

// A bearer token as stored: a name, a role, a per-token salt and the keyed hash of the token.
struct StoredToken {
  std::string name;
  Role role = Role::caseworker;
  std::string created;  // UTC timestamp, for `koers token list`
  std::string salt;     // raw bytes
  std::string hash;     // raw bytes, 32
};

// HMAC-SHA256 of a token under its salt. Tokens are 256 bits from the kernel's random source, so
// neither a dictionary nor a brute force can find one from its hash, and key stretching would add
// nothing but cost: every request is checked against every stored token.
std::string hash_token(std::string_view token, std::string_view salt);

// The name an audit line gives an actor under --pseudonymise-actors: "hmac:" and the first 16
// bytes (hex) of HMAC-SHA256(key, identity). Stable for one key, so one person's requests can be
// followed through the log without the log naming them.
std::string pseudonym(std::string_view key, std::string_view identity);

struct AccessConfig {
  std::optional<std::string> identity_header;  // mode (a): behind a proxy
  std::vector<AddressBlock> trusted_proxies;
  // The proxy may say the role too: a header whose value is `caseworker` or `maintainer`. Without
  // it, or when the proxy does not send it, an identity has `proxied_role`.
  std::optional<std::string> role_header;
  Role proxied_role = Role::caseworker;
  std::vector<StoredToken> tokens;  // mode (b): bearer tokens
  // Set when a token file is in use, even an empty one: no token then admits nobody, rather than
  // everybody as in local use without authentication.
  bool tokens_required = false;
  bool authentication_configured() const {
    return identity_header.has_value() || tokens_required || !tokens.empty();
  }
};

struct AccessRequest {
  std::string_view method;
  std::string_view path;
  std::function<std::optional<std::string>(std::string_view)> header;  // first value, by name
  std::function<size_t(std::string_view)> header_count;                // how often it was sent
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
