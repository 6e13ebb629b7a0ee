#define BOOST_TEST_MODULE access
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "service/access.h"
#include "service/token_file.h"

using namespace koers::service;

namespace {

struct Request {
  std::string method = "POST";
  std::string path = "/v1/advice";
  std::map<std::string, std::string> headers;
  std::string remote = "127.0.0.1";
  bool unix_socket = false;

  std::map<std::string, size_t> repeated;  // headers sent more than once, and how often

  AccessRequest view() const {
    return AccessRequest{method,
                         path,
                         [this](std::string_view name) -> std::optional<std::string> {
                           const auto found = headers.find(std::string(name));
                           if (found == headers.end()) return std::nullopt;
                           return found->second;
                         },
                         [this](std::string_view name) -> size_t {
                           const auto many = repeated.find(std::string(name));
                           if (many != repeated.end()) return many->second;
                           return headers.count(std::string(name));
                         },
                         remote,
                         unix_socket};
  }
};

AccessConfig proxy_config() {
  AccessConfig config;
  config.identity_header = "X-Remote-User";
  config.trusted_proxies.push_back(*AddressBlock::parse("10.1.0.0/16"));
  config.trusted_proxies.push_back(*AddressBlock::parse("2001:db8::/32"));
  return config;
}

AccessConfig token_config() {
  AccessConfig config;
  config.tokens.push_back(
      {"anna", Role::caseworker, "", "salt-a", hash_token("token-anna", "salt-a")});
  config.tokens.push_back(
      {"bram", Role::maintainer, "", "salt-b", hash_token("token-bram", "salt-b")});
  return config;
}

int status_of(const AccessDecision& decision) {
  return std::holds_alternative<Allowed>(decision) ? 200 : std::get<Refused>(decision).status;
}

}  // namespace

BOOST_AUTO_TEST_CASE(trusted_proxy_blocks_match_ipv4_ipv6_and_cidr) {
  const auto v4 = *AddressBlock::parse("10.1.0.0/16");
  BOOST_TEST(v4.contains("10.1.200.3"));
  BOOST_TEST(!v4.contains("10.2.0.1"));
  BOOST_TEST(v4.contains("::ffff:10.1.0.9"));  // dual-stack listener
  const auto v6 = *AddressBlock::parse("2001:db8::/32");
  BOOST_TEST(v6.contains("2001:db8:1::7"));
  BOOST_TEST(!v6.contains("2001:db9::1"));
  BOOST_TEST(!v6.contains("10.1.0.1"));
  const auto single = *AddressBlock::parse("192.168.1.5");
  BOOST_TEST(single.contains("192.168.1.5"));
  BOOST_TEST(!single.contains("192.168.1.6"));
  const auto odd = *AddressBlock::parse("172.16.0.0/12");
  BOOST_TEST(odd.contains("172.31.255.255"));
  BOOST_TEST(!odd.contains("172.32.0.0"));
  BOOST_TEST(!AddressBlock::parse("10.0.0.0/33"));
  BOOST_TEST(!AddressBlock::parse("not-an-address"));
  BOOST_TEST(!AddressBlock::parse("10.0.0.0/"));
}

BOOST_AUTO_TEST_CASE(address_classes) {
  BOOST_TEST(address_class_name(classify_address("127.0.0.1", false)) == "loopback");
  BOOST_TEST(address_class_name(classify_address("::1", false)) == "loopback");
  BOOST_TEST(address_class_name(classify_address("192.168.3.4", false)) == "private");
  BOOST_TEST(address_class_name(classify_address("fd00::1", false)) == "private");
  BOOST_TEST(address_class_name(classify_address("8.8.8.8", false)) == "public");
  BOOST_TEST(address_class_name(classify_address("", true)) == "unix");
}

BOOST_AUTO_TEST_CASE(role_table) {
  BOOST_TEST(!required_role("GET", "/healthz").has_value());
  BOOST_TEST(!required_role("GET", "/app.js").has_value());
  BOOST_TEST(role_name(*required_role("GET", "/v1/examples")) == "caseworker");
  BOOST_TEST(role_name(*required_role("POST", "/v1/advice")) == "caseworker");
  BOOST_TEST(role_name(*required_role("POST", "/v1/feedback")) == "caseworker");
  BOOST_TEST(role_name(*required_role("POST", "/v1/reload")) == "maintainer");
  BOOST_TEST(role_name(*required_role("GET", "/v1/rules")) == "maintainer");
  BOOST_TEST(role_allows(Role::maintainer, Role::caseworker));
  BOOST_TEST(!role_allows(Role::caseworker, Role::maintainer));
}

BOOST_AUTO_TEST_CASE(identity_header_from_trusted_proxy_names_the_actor) {
  Request request;
  request.remote = "2001:db8::10";
  request.headers["X-Remote-User"] = "j.devries";
  const auto decision = decide_access(proxy_config(), request.view(), "req-1");
  BOOST_REQUIRE(std::holds_alternative<Allowed>(decision));
  const auto& allowed = std::get<Allowed>(decision);
  BOOST_TEST(allowed.actor == "j.devries");
  BOOST_TEST(allowed.request_id == "req-1");
  BOOST_TEST(address_class_name(allowed.address_class) == "public");
}

BOOST_AUTO_TEST_CASE(identity_header_from_untrusted_address_is_refused) {
  Request request;
  request.remote = "10.2.0.1";
  request.headers["X-Remote-User"] = "intruder";
  const auto decision = decide_access(proxy_config(), request.view(), "req-2");
  BOOST_REQUIRE(std::holds_alternative<Refused>(decision));
  BOOST_TEST(std::get<Refused>(decision).status == 401);
  BOOST_TEST(std::get<Refused>(decision).body.find("untrusted_identity") != std::string::npos);
  BOOST_TEST(std::get<Refused>(decision).body.find("intruder") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_identity_is_401_but_healthz_stays_open) {
  Request request;
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 401);
  request.method = "GET";
  request.path = "/healthz";
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 200);
}

BOOST_AUTO_TEST_CASE(bearer_tokens_roles_and_bad_tokens) {
  Request request;
  request.headers["Authorization"] = "Bearer token-anna";
  const auto advice = decide_access(token_config(), request.view(), "r");
  BOOST_REQUIRE(std::holds_alternative<Allowed>(advice));
  BOOST_TEST(std::get<Allowed>(advice).actor == "anna");

  request.method = "POST";
  request.path = "/v1/reload";
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 403);
  request.headers["Authorization"] = "Bearer token-bram";
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 200);

  request.headers["Authorization"] = "Bearer token-wrong";
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 401);
  request.headers["Authorization"] = "Basic dG9rZW4tYW5uYQ==";
  BOOST_TEST(status_of(decide_access(token_config(), request.view(), "r")) == 401);
}

BOOST_AUTO_TEST_CASE(revoked_token_is_refused) {
  auto config = token_config();
  std::erase_if(config.tokens, [](const StoredToken& token) { return token.name == "anna"; });
  Request request;
  request.headers["Authorization"] = "Bearer token-anna";
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 401);
}

BOOST_AUTO_TEST_CASE(token_hash_is_salted_and_compare_is_exact) {
  BOOST_TEST(hash_token("t", "salt-1") != hash_token("t", "salt-2"));
  BOOST_TEST(hash_token("t", "salt-1").size() == 32u);
  BOOST_TEST(equal_constant_time("abcdef", "abcdef"));
  BOOST_TEST(!equal_constant_time("abcdef", "abcdeg"));
  BOOST_TEST(!equal_constant_time("abc", "abcdef"));
}

BOOST_AUTO_TEST_CASE(without_authentication_everything_is_allowed_for_local_use) {
  Request request;
  request.path = "/v1/reload";
  BOOST_TEST(status_of(decide_access(AccessConfig{}, request.view(), "r")) == 200);
}

BOOST_AUTO_TEST_CASE(a_token_file_in_use_admits_nobody_when_it_is_empty) {
  // Not "no authentication": a file whose last token was revoked locks everyone out.
  AccessConfig config;
  config.tokens_required = true;
  Request request;
  request.headers["Authorization"] = "Bearer token-anna";
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 401);
}

BOOST_AUTO_TEST_CASE(the_proxy_may_name_the_role) {
  auto config = proxy_config();
  config.role_header = "X-Remote-Role";
  Request request;
  request.remote = "10.1.2.3";
  request.path = "/v1/reload";
  request.headers["X-Remote-User"] = "carla";
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 403);  // caseworker
  request.headers["X-Remote-Role"] = "maintainer";
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 200);
  request.headers["X-Remote-Role"] = "admin";
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 403);
}

BOOST_AUTO_TEST_CASE(pseudonyms_are_stable_per_key_and_do_not_show_the_name) {
  const std::string a = pseudonym("key-1", "anna@org.nl");
  BOOST_TEST(a == pseudonym("key-1", "anna@org.nl"));
  BOOST_TEST(a != pseudonym("key-2", "anna@org.nl"));
  BOOST_TEST(a != pseudonym("key-1", "bram@org.nl"));
  BOOST_TEST(a.rfind("hmac:", 0) == 0u);
  BOOST_TEST(a.size() == 5u + 32u);
  BOOST_TEST(a.find("anna") == std::string::npos);
}

namespace {

std::filesystem::path temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("koers-access-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_token_file(path);
  } catch (const TokenFileError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(token_files_round_trip_and_a_made_token_matches_its_hash) {
  const auto anna = make_token("anna", Role::caseworker, "2026-12-02T10:00:00Z");
  const auto bram = make_token("bram@org.nl", Role::maintainer, "2026-12-02T11:00:00Z");
  BOOST_TEST(anna.token.rfind("koers_", 0) == 0u);
  BOOST_TEST(anna.token.size() == 6u + 64u);
  BOOST_TEST(anna.token != bram.token);
  BOOST_TEST(anna.stored.salt != bram.stored.salt);
  BOOST_TEST(hash_token(anna.token, anna.stored.salt) == anna.stored.hash);

  const std::string text = format_token_file({anna.stored, bram.stored});
  BOOST_TEST(text.find(anna.token) == std::string::npos);  // the token itself is never stored
  const auto path = temp_file("round-trip", text);
  const auto tokens = read_token_file(path);
  BOOST_REQUIRE(tokens.size() == 2u);
  BOOST_TEST(tokens[1].name == "bram@org.nl");
  BOOST_TEST(role_name(tokens[1].role) == "maintainer");
  BOOST_TEST(tokens[1].created == "2026-12-02T11:00:00Z");
  BOOST_TEST(tokens[0].hash == anna.stored.hash);

  AccessConfig config;
  config.tokens = tokens;
  Request request;
  request.headers["Authorization"] = "Bearer " + bram.token;
  const auto decision = decide_access(config, request.view(), "r");
  BOOST_REQUIRE(std::holds_alternative<Allowed>(decision));
  BOOST_TEST(std::get<Allowed>(decision).actor == "bram@org.nl");
  std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(broken_token_files_name_the_line_and_what_is_wrong) {
  const std::string header = "# koers tokens 1\n";
  const std::string salt(32, 'a');
  const std::string hash(64, 'b');
  const auto line = [&](const std::string& name, const std::string& role) {
    return name + "\t" + role + "\t2026-12-02T10:00:00Z\t" + salt + "\t" + hash + "\n";
  };
  BOOST_TEST(
      error_of(temp_file("foreign", "anna caseworker\n")).find(":1: not a koers token file") !=
      std::string::npos);
  BOOST_TEST(error_of(temp_file("role", header + line("anna", "admin")))
                 .find(":2: the role must be caseworker or maintainer, found `admin`") !=
             std::string::npos);
  BOOST_TEST(
      error_of(temp_file("twice", header + line("anna", "caseworker") + line("anna", "maintainer")))
          .find(":3: the name `anna` is used twice") != std::string::npos);
  BOOST_TEST(
      error_of(temp_file("fields", header + "anna\tcaseworker\n")).find(":2: expected 5 fields") !=
      std::string::npos);
  BOOST_TEST(error_of(temp_file("name", header + line("anna smit", "caseworker")))
                 .find(":2: a token name may use") != std::string::npos);
  BOOST_TEST(error_of(temp_file("empty", "")).find("the file is empty") != std::string::npos);
  BOOST_TEST(valid_token_name("anna.smit@org-1.nl"));
  BOOST_TEST(!valid_token_name(""));
  BOOST_TEST(!valid_token_name(std::string(65, 'a')));
  BOOST_TEST(!valid_token_name("anna\tsmit"));
}

BOOST_AUTO_TEST_CASE(an_identity_or_role_header_sent_twice_is_not_believed) {
  // A proxy that adds its header after the client's own: the first value would be the client's.
  auto config = proxy_config();
  config.role_header = "X-Remote-Role";
  Request request;
  request.remote = "10.1.2.3";
  request.path = "/v1/reload";
  request.headers["X-Remote-User"] = "mallory";
  request.headers["X-Remote-Role"] = "maintainer";
  request.repeated["X-Remote-Role"] = 2;
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 400);
  request.repeated = {{"X-Remote-User", 2}};
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 400);
  request.repeated.clear();
  BOOST_TEST(status_of(decide_access(config, request.view(), "r")) == 200);
}
