#include "tools/koers/serve_routes.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "eval/evaluator.h"
#include "messages/page_words.h"
#include "tools/koers/embedded_files.h"
#include "tools/koers/serve_framing.h"
#include "tools/koers/serve_health.h"
#include "tools/koers/serve_json.h"

namespace koers::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxHeaderBytes = 16 * 1024;

// Every path and its method, for 405's Allow header.
struct Route {
  std::string_view path;
  std::string_view method;  // GET routes answer HEAD too
};

constexpr std::array kRoutes = {
    Route{"/", "GET"},
    Route{"/app.js", "GET"},
    Route{"/style.css", "GET"},
    Route{"/healthz", "GET"},
    Route{"/readyz", "GET"},
    Route{"/v1/openapi.json", "GET"},
    Route{"/v1/examples", "GET"},
    Route{"/v1/rules", "GET"},
    Route{"/v1/advice", "POST"},
    Route{"/v1/report", "POST"},
    Route{"/v1/reload", "POST"},
    Route{"/v1/feedback", "POST"},
    Route{"/v1/timeline", "POST"},
    Route{"/form.js", "GET"},
    Route{"/v1/schema", "GET"},
    Route{"/v1/case/read", "POST"},
};

// Case bodies: YAML, or JSON (which is YAML). Not text/plain, a form or no type at all: those a
// page on another site could send without the browser asking us first (serve_guard.h).
bool is_case_content_type(const std::string& header) {
  const std::string type = media_type(header);
  return type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml" ||
         type == "text/x-yaml" || type == "application/json";
}

HttpResponse from_service(const service::Response& answer) {
  return HttpResponse{answer.status, answer.content_type, answer.body, {}, false};
}

std::string_view content_type_of(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".json")) return "application/json";
  return "application/octet-stream";
}

std::optional<HttpResponse> embedded(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kPages = {{
      {"/", "index.html"},
      {"/app.js", "app.js"},
      {"/form.js", "form.js"},
      {"/style.css", "style.css"},
      {"/v1/openapi.json", "openapi.json"},
  }};
  for (const auto& [served_at, name] : kPages) {
    if (served_at != path) continue;
    for (const auto& file : embedded_web()) {
      if (file.name == name) {
        return HttpResponse{200,
                            std::string(content_type_of(name)),
                            std::string(file.bytes.data(), file.bytes.size()),
                            {},
                            false};
      }
    }
    throw std::logic_error("web/" + std::string(name) + " is not embedded");
  }
  // The guides: /docs/handleiding-hulpverlener.html and the other rendered docs.
  constexpr std::string_view kDocs = "/docs/";
  if (path.substr(0, kDocs.size()) == kDocs) {
    for (const auto& file : embedded_docs()) {
      if (file.name == path.substr(kDocs.size())) {
        return HttpResponse{200,
                            "text/html; charset=utf-8",
                            std::string(file.bytes.data(), file.bytes.size()),
                            {},
                            false};
      }
    }
  }
  return std::nullopt;
}

Json examples_json() {
  Json list = Json::array();
  for (const auto& file : embedded_examples()) {
    std::string name(file.name);
    name = name.substr(0, name.rfind('.'));
    list.push_back({{"name", name}, {"file", file.name}, {"text", file.bytes}});
  }
  return list;
}

// Answers what no route took: 405 (with Allow) for a known path, else 404. It runs after the
// body was read, so a refused body is never mistaken for the next request. Neither quotes the
// request.
HttpResponse refuse(const HttpRequest& req) {
  std::string allowed;
  for (const auto& r : kRoutes) {
    if (r.path == req.path) allowed = std::string(r.method) + (r.method == "GET" ? ", HEAD" : "");
  }
  if (allowed.empty()) return json_error(404, "not_found", "no such resource");
  HttpResponse res = json_error(405, "method_not_allowed", "this resource allows " + allowed);
  res.set_header("Allow", allowed);
  return res;
}

// Everything browsers load stays on this server (the report in the iframe included). No other
// site may frame a page of ours (clickjacking); the web page shows the report through srcdoc,
// which these headers do not govern. X-Frame-Options for older browsers.
void add_security_headers(HttpResponse& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

ServeRoutes::ServeRoutes(service::AdviceService& service, size_t max_body, SiteGuard guard,
                         ServeAccess& access)
    : service_(service), max_body_(max_body), guard_(std::move(guard)), access_(access) {}

// Who may ask is decided on the head: a client without a valid identity is refused before its
// body is read, so it can neither hold a share of the server's body budget nor make it read one.
std::optional<HttpResponse> ServeRoutes::refuse_head(HttpRequest& head) {
  std::optional<HttpResponse> refusal = guard_.refuse(head);
  std::string request_id;
  if (!refusal) {
    auto access = std::make_shared<ServeAccess::Outcome>(access_.decide(head));
    request_id = access->request_id;
    if (access->refusal) {
      refusal = std::move(access->refusal);
    } else {
      head.handler_state = std::move(access);
      refusal = refuse_body_framing(head, max_body_);
    }
  }
  if (refusal) {
    add_security_headers(*refusal);
    if (!request_id.empty()) refusal->set_header("X-Request-Id", request_id);
  }
  return refusal;
}

HttpResponse ServeRoutes::refuse_malformed(HeadFault fault, std::string_view received) {
  HttpResponse res = refuse_malformed_head(fault, received, max_body_, kMaxHeaderBytes);
  add_security_headers(res);
  return res;
}

HttpResponse ServeRoutes::handle(const HttpRequest& request) {
  HttpResponse res;
  const auto* access = static_cast<const ServeAccess::Outcome*>(request.handler_state.get());
  const std::string request_id = access != nullptr ? access->request_id : std::string();
  try {
    // refuse_head let this request through: the guard passed and access was granted.
    res = access != nullptr ? route(request, access->requester)
                            : json_error(500, "internal_error", "the server failed; see its log");
  } catch (const std::exception& e) {
    spdlog::error("internal error on {} {} [{}]: {}", request.method, request.path, request_id,
                  e.what());
    res = json_error(500, "internal_error", "the server failed; see its log");
  }
  add_security_headers(res);
  if (!request_id.empty()) res.set_header("X-Request-Id", request_id);
  return res;
}

HttpResponse ServeRoutes::route(const HttpRequest& req, const service::Requester& requester) {
  const std::string& path = req.path;
  if (req.method == "GET" || req.method == "HEAD") {
    if (path == "/") {
      // In the words of the rule set in force: the catalogue its `language` names. The page and
      // the catalogues never change while serving, so each language's page is filled once.
      static const std::map<const Messages*, std::string> pages = [] {
        const std::string page = embedded("/")->body;
        std::map<const Messages*, std::string> filled;
        for (const Messages* m : all_messages()) filled.emplace(m, fill_page(page, *m));
        return filled;
      }();
      auto page = embedded(path);
      page->body = pages.at(&service_.snapshot()->program.words());
      return *page;
    }
    if (auto page = embedded(path)) return *page;
    if (is_health_path(path)) return health_response(service_);
    if (path == "/v1/examples") {
      static const std::string body = examples_json().dump();
      return HttpResponse{200, "application/json", body, {}, false};
    }
    if (path == "/v1/rules") return from_service(service_.describe_rules());
    if (path == "/v1/schema") return from_service(service_.describe_schema());
    return refuse(req);
  }
  if (req.method != "POST") return refuse(req);
  const std::string type = req.header("Content-Type");
  if (path == "/v1/advice" || path == "/v1/report" || path == "/v1/timeline") {
    if (!is_case_content_type(type)) {
      return json_error(415, "unsupported_media_type",
                        "send the case as application/yaml or application/json");
    }
    return from_service(service_.advise(
        req.body, req.query_param("as_of"),
        path == "/v1/advice"   ? service::AdviceFormat::json
        : path == "/v1/report" ? (req.query_param("view") == "print" ? service::AdviceFormat::print
                                                                     : service::AdviceFormat::html)
                               : service::AdviceFormat::timeline,
        requester));
  }
  if (path == "/v1/case/read") {
    if (!is_case_content_type(type)) {
      return json_error(415, "unsupported_media_type",
                        "send the case as application/yaml or application/json");
    }
    return from_service(service_.read_case(req.body));
  }
  if (path == "/v1/reload" || path == "/v1/feedback") {
    if (media_type(type) != "application/json") {
      return json_error(415, "unsupported_media_type", "send the request as application/json");
    }
    return from_service(path == "/v1/reload" ? service_.reload(requester)
                                             : service_.feedback(req.body, requester));
  }
  return refuse(req);
}

std::vector<std::string> ServeRoutes::route_names() const {
  std::vector<std::string> names;
  for (const auto& r : kRoutes) names.emplace_back(r.path);
  names.emplace_back("/docs/*");  // the guides
  return names;
}

}  // namespace koers::cli
