#pragma once
// Who may ask `koers serve` from a browser (issue 12 §3). A web page on another site must not be
// able to make a caseworker's browser send a case or a reload here (cross-site request forgery),
// nor reach the server through a host name it controls (DNS rebinding). So: the Host header must
// name this server; a request from another origin (Origin, or Sec-Fetch-Site: cross-site) is
// refused, except a plain navigation to a page; and the API's POST bodies must carry a content
// type that a cross-site form or a "simple" fetch cannot send, which forces a CORS preflight that
// this server never grants.
#include <optional>
#include <string>
#include <vector>

#include "tools/koers/http_server.h"

namespace koers::cli {

class SiteGuard {
 public:
  // `allowed_hosts`: host names (no port) this server answers to, compared case-insensitively.
  explicit SiteGuard(std::vector<std::string> allowed_hosts);

  // The default allowlist: the listen host and the forms of localhost.
  static std::vector<std::string> default_hosts(const std::string& listen_host);

  // 400 (no Host), 421 (another host) or 403 (cross-site), as JSON; nullopt to go on.
  std::optional<HttpResponse> refuse(const HttpRequest& request) const;

 private:
  std::vector<std::string> allowed_hosts_;
};

// The media type of a Content-Type value: lower case, without parameters and spaces.
std::string media_type(const std::string& content_type);

// Content types a cross-site page can send without a preflight (forms and text/plain), and none.
bool is_simple_content_type(const std::string& content_type);

}  // namespace koers::cli
