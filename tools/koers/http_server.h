#pragma once
// The HTTP/1.1 transport of `koers serve`, on Boost.Beast over Boost.Asio: event-driven, so an
// idle, slow or trickling connection costs a socket and a few KiB, never a thread. What a request
// means is the HttpHandler's business; this layer owns the connection: limits, deadlines,
// keep-alive, pipelining, the cap on open connections and the graceful stop.
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/koers/serve_metrics.h"

namespace koers::cli {

// A request as the handler sees it; no Beast type crosses this boundary.
struct HttpRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // path and query as sent
  std::string path;    // target without the query
  std::string query;   // after '?', undecoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  // What the handler decided on the head (refuse_head), kept for handle(): e.g. who asks.
  std::shared_ptr<const void> handler_state;

  // The first value of header `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
  size_t header_count(std::string_view name) const;
  bool has_header(std::string_view name) const { return header_count(name) > 0; }
  // The percent-decoded value of query parameter `name`, or "".
  std::string query_param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // end the connection after this answer

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string header(std::string_view name) const;
};

// Why the parser refused a request head before the handler saw it.
enum class HeadFault {
  too_large,          // the headers exceed the header limit
  content_length,     // a Content-Length the parser could not accept
  transfer_encoding,  // a Transfer-Encoding the parser could not accept
  malformed,          // anything else that is not HTTP/1.x
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Judged on the head alone, before a byte of the body is read (and before the body takes any of
  // the server's body budget). A refusal is answered and then the connection ends, since the
  // unread body would follow. May leave state in head.handler_state for handle().
  virtual std::optional<HttpResponse> refuse_head(HttpRequest& head) = 0;
  // The whole request, body read. Runs on an I/O thread (see HttpServer).
  virtual HttpResponse handle(const HttpRequest& request) = 0;
  // A head the parser refused; `received` holds what was buffered of it, to tell why.
  virtual HttpResponse refuse_malformed(HeadFault fault, std::string_view received) = 0;
  // The paths this handler serves, for counting requests by route (/metrics); any other path
  // counts as "(other)".
  virtual std::vector<std::string> route_names() const { return {}; }
};

struct HttpLimits {
  size_t header_bytes = 16 * 1024;  // request line and headers together (431 beyond)
  size_t body_bytes = 1u << 20;     // --max-body (413 beyond)
  // Header and body of one request must arrive within this (--timeout); the answer is written
  // within it too.
  std::chrono::seconds request_timeout{10};
  // A kept-alive connection may wait this long for its next request.
  std::chrono::seconds idle_timeout{5};
  size_t max_connections = 10000;  // beyond: a new connection is closed at once
  // Bytes of request bodies held by all connections together. A body that would exceed it is
  // refused with 503 (Retry-After) before it is read, so 10,000 connections each announcing
  // --max-body cannot take 10 GB between them.
  size_t bodies_in_flight_bytes = 256u << 20;
  size_t threads = 4;  // threads running the I/O (and the handler)
};

// What the server has done since it started, for /metrics (serve_admin.h).
struct HttpStats {
  std::array<std::uint64_t, 6> responses_by_class{};  // [1]..[5]: 1xx..5xx; [0]: other
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_refused = 0;  // over --max-connections
  std::size_t connections_open = 0;
  std::size_t body_bytes_held = 0;
};

class HttpServer {
 public:
  HttpServer(HttpHandler& handler, HttpLimits limits);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; the port bound (useful with port 0), or -1 with `error` set.
  int listen(const std::string& host, int port, std::string& error);
  // Serves until stop() has finished every request in flight; returns then.
  void run();
  // Thread-safe, from any thread: stops accepting, closes idle connections, lets requests in
  // flight finish, and ends whatever is still open when the request timeout has passed.
  void stop();
  // Thread-safe.
  HttpStats stats() const;
  // Requests by route and status, and their latency (thread-safe).
  const RequestMetrics& request_metrics() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace koers::cli
