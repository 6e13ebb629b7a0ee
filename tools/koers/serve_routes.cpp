#include "tools/koers/serve_routes.h"

#include <charconv>
#include <cstdint>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "eval/evaluator.h"
#include "tools/koers/embedded_files.h"
#include "tools/koers/serve_sever.h"

namespace koers::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxHeaderBytes = 16 * 1024;

// Every path and its method, for 405's Allow header (the handlers are registered below).
struct Route {
  std::string_view path;
  std::string_view method;  // GET routes answer HEAD too
};

constexpr std::array kRoutes = {
    Route{"/", "GET"},           Route{"/app.js", "GET"},          Route{"/style.css", "GET"},
    Route{"/healthz", "GET"},    Route{"/v1/openapi.json", "GET"}, Route{"/v1/examples", "GET"},
    Route{"/v1/rules", "GET"},   Route{"/v1/advice", "POST"},      Route{"/v1/report", "POST"},
    Route{"/v1/reload", "POST"}, Route{"/v1/feedback", "POST"},
};

// Case bodies: YAML, or JSON (which is YAML). No content type at all is taken as YAML.
bool is_case_content_type(const std::string& header) {
  std::string type = header.substr(0, header.find(';'));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return type.empty() || type == "application/yaml" || type == "application/x-yaml" ||
         type == "text/yaml" || type == "text/x-yaml" || type == "application/json" ||
         type == "text/plain";
}

void send_error(httplib::Response& res, int status, const std::string& error,
                const std::string& message) {
  res.status = status;
  res.set_content(Json{{"error", error}, {"message", message}}.dump(), "application/json");
}

void send(httplib::Response& res, const service::Response& answer) {
  res.status = answer.status;
  res.set_content(answer.body, answer.content_type.c_str());
}

std::string_view content_type_of(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".json")) return "application/json";
  return "application/octet-stream";
}

void serve_embedded(httplib::Server& server, const std::string& path, std::string_view name) {
  for (const auto& file : embedded_web()) {
    if (file.name != name) continue;
    const std::string type(content_type_of(name));
    server.Get(path, [file, type](const httplib::Request&, httplib::Response& res) {
      res.set_content(file.bytes.data(), file.bytes.size(), type.c_str());
    });
    return;
  }
  throw std::logic_error("web/" + std::string(name) + " is not embedded");
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

// Answers what no route took: 405 (with Allow) for a known path, else 404. It runs as a handler,
// after httplib has read the body, so a refused body is never mistaken for the next request.
void refuse(const httplib::Request& req, httplib::Response& res) {
  std::string allowed;
  for (const auto& r : kRoutes) {
    if (r.path == req.path) allowed = std::string(r.method) + (r.method == "GET" ? ", HEAD" : "");
  }
  if (allowed.empty()) {
    send_error(res, 404, "not_found", "no such resource: " + req.path);
  } else {
    res.set_header("Allow", allowed);
    send_error(res, 405, "method_not_allowed", req.path + " allows " + allowed);
  }
}

// A POST whose body is a case: 415 unless it is YAML or JSON, else `handle`.
httplib::Server::Handler case_handler(
    std::function<void(const httplib::Request&, httplib::Response&)> handle) {
  return [handle = std::move(handle)](const httplib::Request& req, httplib::Response& res) {
    if (!is_case_content_type(req.get_header_value("Content-Type"))) {
      send_error(res, 415, "unsupported_media_type",
                 "send the case as application/yaml or application/json, found " +
                     req.get_header_value("Content-Type"));
      return;
    }
    handle(req, res);
  };
}

// The body's framing, judged before a byte of the body is read (httplib 0.11 would unpack any
// gzip body and read any chunked or unannounced body whole, whatever --max-body says). Only one
// framing is accepted: a single Content-Length within `max_body`, no Transfer-Encoding, no
// Content-Encoding. A refusal answers the request; the caller then ends the connection, since
// the unread body would follow.
bool refuse_body_framing(const httplib::Request& req, httplib::Response& res, size_t max_body) {
  const bool has_length = req.has_header("Content-Length");
  if (req.has_header("Transfer-Encoding")) {
    send_error(res, 400, "transfer_encoding_not_accepted",
               has_length ? "a request may not have both Transfer-Encoding and Content-Length"
                          : "send the body with Content-Length, not with Transfer-Encoding");
    return true;
  }
  if (req.has_header("Content-Encoding")) {
    send_error(res, 415, "content_encoding_not_accepted",
               "send the body uncompressed, without Content-Encoding");
    return true;
  }
  const bool takes_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  if (!has_length) {
    if (!takes_body) return false;
    send_error(res, 411, "length_required", "a request with a body needs a Content-Length");
    return true;
  }
  if (req.get_header_value_count("Content-Length") != 1) {
    send_error(res, 400, "bad_content_length", "a request may have only one Content-Length");
    return true;
  }
  const std::string length = req.get_header_value("Content-Length");
  uint64_t announced = 0;
  const auto [end, error] =
      std::from_chars(length.data(), length.data() + length.size(), announced);
  if (error == std::errc::result_out_of_range ||
      (error == std::errc() && end == length.data() + length.size() && announced > max_body)) {
    send_error(res, 413, "payload_too_large",
               "the request body is larger than " + std::to_string(max_body) + " bytes");
    return true;
  }
  if (error != std::errc() || end != length.data() + length.size() || length.empty()) {
    send_error(res, 400, "bad_content_length", "Content-Length must be a number of bytes");
    return true;
  }
  return false;
}

}  // namespace

void install_routes(httplib::Server& server, service::AdviceService& service, size_t max_body) {
  server.set_pre_routing_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    // httplib bounds each header line (8 KiB) but not their number; we bound the sum.
    size_t header_bytes = 0;
    for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
    if (header_bytes > kMaxHeaderBytes) {
      send_error(
          res, 431, "header_fields_too_large",
          "the request headers are larger than " + std::to_string(kMaxHeaderBytes) + " bytes");
      res.set_header("Connection", "close");
      sever_after_answer();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (refuse_body_framing(req, res, max_body)) {
      res.set_header("Connection", "close");
      sever_after_answer();
      return httplib::Server::HandlerResponse::Handled;
    }
    // Everything browsers load stays on this server (the report in the iframe included).
    // No other site may frame a page of ours (clickjacking); the web page shows the report
    // through srcdoc, which these headers do not govern. X-Frame-Options for older browsers.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                   "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                   "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // our own answers already say what went wrong
    if (res.status == 413) {
      send_error(res, 413, "payload_too_large", "the request body is larger than the limit");
    } else {
      send_error(res, res.status, "http_error",
                 "the request could not be handled (HTTP " + std::to_string(res.status) + ")");
    }
  });

  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("internal error on {} {}: {}", req.method, req.path, what);
        send_error(res, 500, "internal_error", "the server failed; see its log");
      });

  serve_embedded(server, "/", "index.html");
  serve_embedded(server, "/app.js", "app.js");
  serve_embedded(server, "/style.css", "style.css");
  serve_embedded(server, "/v1/openapi.json", "openapi.json");

  server.Get("/healthz", [&service](const httplib::Request&, httplib::Response& res) {
    auto snap = service.snapshot();
    res.set_content(Json{{"status", "ok"},
                         {"engine_version", engine_version()},
                         {"rules_sha256", snap->program.rules_sha256},
                         {"policy_sha256", snap->policy.sha256}}
                        .dump(),
                    "application/json");
  });
  server.Get("/v1/examples", [](const httplib::Request&, httplib::Response& res) {
    static const std::string body = examples_json().dump();
    res.set_content(body, "application/json");
  });
  server.Get("/v1/rules", [&service](const httplib::Request&, httplib::Response& res) {
    send(res, service.describe_rules());
  });
  server.Post(
      "/v1/advice", case_handler([&service](const httplib::Request& req, httplib::Response& res) {
        send(res,
             service.advise(req.body, req.get_param_value("as_of"), service::AdviceFormat::json));
      }));
  server.Post(
      "/v1/report", case_handler([&service](const httplib::Request& req, httplib::Response& res) {
        send(res,
             service.advise(req.body, req.get_param_value("as_of"), service::AdviceFormat::html));
      }));
  server.Post("/v1/reload", [&service](const httplib::Request&, httplib::Response& res) {
    send(res, service.reload());
  });
  server.Post("/v1/feedback", [&service](const httplib::Request& req, httplib::Response& res) {
    send(res, service.feedback(req.body));
  });
  // Last: whatever the routes above did not take.
  const std::string anything = ".*";
  server.Get(anything, refuse);
  server.Post(anything, refuse);
  server.Put(anything, refuse);
  server.Patch(anything, refuse);
  server.Delete(anything, refuse);
  server.Options(anything, refuse);
}

}  // namespace koers::cli
