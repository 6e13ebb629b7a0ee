#pragma once
// Who may ask `koers serve`, and who asked (issue 12 §3): the adapter between the HTTP layer and
// the transport-neutral decision in service/access.h. It holds the access configuration, notices
// when the token file changes (a revoked token stops working within a second, without a
// restart), gives every request an id, and names the actor as the audit log should see it.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/access.h"
#include "service/advice_service.h"
#include "tools/koers/http_server.h"

namespace koers::cli {

struct AccessSettings {
  std::string identity_header;               // --identity-header
  std::string role_header;                   // --role-header
  std::vector<std::string> trusted_proxies;  // --trusted-proxy (addresses or CIDR blocks)
  std::string tokens_file;                   // --tokens
  std::string pseudonym_key_file;            // --pseudonymise-actors
};

class ServeAccess {
 public:
  // nullptr with `error` set when a setting cannot be used (a bad CIDR block, a token file that
  // cannot be read or that others may change, a key file that cannot be made).
  static std::unique_ptr<ServeAccess> create(const AccessSettings& settings, std::string& error);

  bool authentication_configured() const;

  struct Outcome {
    std::optional<HttpResponse> refusal;  // 401 or 403 as JSON, with the request id
    service::Requester requester;         // when allowed: who asked, for the audit log
    std::string request_id;
  };
  Outcome decide(const HttpRequest& request);

 private:
  ServeAccess() = default;
  void refresh_tokens_if_changed();

  std::atomic<std::shared_ptr<const service::AccessConfig>> config_;
  std::string tokens_file_;
  std::string pseudonym_key_;  // raw bytes; empty: actors are named as given
  std::mutex refresh_mutex_;
  std::atomic<std::int64_t> next_check_ns_ = 0;
  std::string tokens_signature_;  // inode, size and change time when last read (refresh_mutex_)
};

// Reads the key for --pseudonymise-actors, making a new random one (mode 0600) when the file does
// not exist yet. Refuses a key file others may read. "" with `error` set when it cannot.
std::string load_or_make_pseudonym_key(const std::string& path, std::string& error);

}  // namespace koers::cli
