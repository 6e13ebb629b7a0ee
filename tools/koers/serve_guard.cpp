#include "tools/koers/serve_guard.h"

#include <algorithm>
#include <cctype>

#include "tools/koers/serve_json.h"

namespace koers::cli {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text;
}

// The host of a Host header value: "name", "name:port", "[v6]" or "[v6]:port".
std::string host_of(const std::string& value) {
  if (!value.empty() && value.front() == '[') {
    const size_t close = value.find(']');
    return close == std::string::npos ? value : value.substr(0, close + 1);
  }
  return value.substr(0, value.find(':'));
}

}  // namespace

SiteGuard::SiteGuard(std::vector<std::string> allowed_hosts) {
  for (auto& host : allowed_hosts) allowed_hosts_.push_back(lower(host));
}

std::vector<std::string> SiteGuard::default_hosts(const std::string& listen_host) {
  std::vector<std::string> hosts = {"localhost", "127.0.0.1", "[::1]"};
  const std::string listen =
      listen_host.find(':') != std::string::npos ? "[" + listen_host + "]" : listen_host;
  if (std::find(hosts.begin(), hosts.end(), listen) == hosts.end()) hosts.push_back(listen);
  return hosts;
}

std::optional<HttpResponse> SiteGuard::refuse(const HttpRequest& request) const {
  if (request.header_count("Host") != 1) {
    return json_error(400, "bad_host", "a request needs exactly one Host header");
  }
  const std::string host = request.header("Host");
  if (std::find(allowed_hosts_.begin(), allowed_hosts_.end(), lower(host_of(host))) ==
      allowed_hosts_.end()) {
    return json_error(421, "host_not_allowed",
                      "this server does not answer to that host name (see --allowed-host)");
  }
  const bool navigation = (request.method == "GET" || request.method == "HEAD") &&
                          lower(request.header("Sec-Fetch-Mode")) == "navigate";
  // Our own origin, as the browser saw it: plain HTTP, or HTTPS through a terminating proxy.
  const std::string origin = lower(request.header("Origin"));
  if (request.has_header("Origin") && origin != "http://" + lower(host) &&
      origin != "https://" + lower(host)) {
    return json_error(403, "cross_site_refused", "requests from another site are refused");
  }
  if (lower(request.header("Sec-Fetch-Site")) == "cross-site" && !navigation) {
    return json_error(403, "cross_site_refused", "requests from another site are refused");
  }
  return std::nullopt;
}

std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(),
                            [](unsigned char ch) { return std::isspace(ch) != 0; }),
             type.end());
  return lower(type);
}

bool is_simple_content_type(const std::string& content_type) {
  const std::string type = media_type(content_type);
  return type.empty() || type == "text/plain" || type == "application/x-www-form-urlencoded" ||
         type == "multipart/form-data";
}

}  // namespace koers::cli
