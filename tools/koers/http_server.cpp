#include "tools/koers/http_server.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "tools/koers/log_format.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

// Where the handler runs: on the I/O thread that read the request. Evaluating a case takes
// microseconds, so a hand-over to a separate pool would cost more (two thread switches and a
// queue) than it saves. What can block is the audit log's fsync (~1 ms) and a reload (compiling
// the rules); they hold one of --threads I/O threads meanwhile, never a connection's worth of
// them, so a few threads keep every other connection moving. Idle and slow connections hold no
// thread at all: each is a pending asynchronous read and a timer.

namespace koers::cli {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Reading more of a refused request's body than this, or for longer, is not worth the trouble:
// the connection is then closed with the rest unread.
constexpr size_t kLingerBytes = 1u << 20;
constexpr std::chrono::seconds kLingerTime{1};

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

size_t HttpRequest::header_count(std::string_view name) const {
  return static_cast<size_t>(std::count_if(headers.begin(), headers.end(),
                                           [&](const auto& h) { return iequals(h.first, name); }));
}

std::string HttpRequest::query_param(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    if (percent_decoded(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : percent_decoded(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

class Connection;

class HttpServer::Impl {
 public:
  Impl(HttpHandler& the_handler, HttpLimits the_limits)
      : handler(the_handler), limits(the_limits), requests(the_handler.route_names()) {}

  void accept();
  void enter(const std::shared_ptr<Connection>& connection);
  void leave(Connection* connection);

  HttpHandler& handler;
  const HttpLimits limits;
  std::atomic<bool> stopping = false;
  std::atomic<size_t> body_bytes_held = 0;  // reserved by connections reading or holding a body
  std::array<std::atomic<std::uint64_t>, 6> responses_by_class{};
  std::atomic<std::uint64_t> accepted = 0;
  std::atomic<std::uint64_t> refused = 0;
  RequestMetrics requests;

  // Reserves `bytes` of the body budget; false (nothing reserved) when they do not fit.
  bool reserve_body(size_t bytes) {
    size_t held = body_bytes_held.load();
    do {
      if (bytes > limits.bodies_in_flight_bytes - std::min(held, limits.bodies_in_flight_bytes)) {
        return false;
      }
    } while (!body_bytes_held.compare_exchange_weak(held, held + bytes));
    return true;
  }
  void release_body(size_t bytes) { body_bytes_held.fetch_sub(bytes); }

  mutable std::mutex mutex;
  std::condition_variable changed;  // a connection left, or stop() was called
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
  size_t open = 0;  // connections alive (guarded by mutex)
  bool stop_requested = false;
  std::chrono::steady_clock::time_point stop_deadline;

  // Declared after what connections use when they end: pending handlers, and with them the last
  // connections, are destroyed with the io_context.
  net::io_context io;
  // The acceptor and its pause timer live on one strand: accept handlers and stop() (which closes
  // the acceptor) may otherwise run on two io threads at once.
  tcp::acceptor acceptor{net::make_strand(io)};
  net::steady_timer accept_pause{acceptor.get_executor()};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpServer::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), buffer_(kBufferLimit) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = remote.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Connection() {
    release_body();
    server_.leave(this);
  }

  void start() {
    server_.enter(shared_from_this());
    if (server_.stopping) return;  // stop() came between accept and here: the socket just closes
    wait_for_request();
  }

  // After stop(): a connection between requests ends now; one inside a request ends after it.
  void stop_if_idle() {
    if (state_ == State::waiting) close();
  }

  auto executor() { return stream_.get_executor(); }

 private:
  // Pipelined requests and read-ahead stay in the buffer; it holds at most one head and a read.
  static constexpr size_t kBufferLimit = 64 * 1024;
  enum class State { waiting, reading, handling, writing, lingering };

  // Waits for the first byte of the next request, holding no parser meanwhile. A new connection
  // has the request timeout to start; a kept-alive one the (usually shorter) idle timeout.
  void wait_for_request() {
    state_ = State::waiting;
    if (buffer_.size() > 0) return read_head();  // a pipelined request is already here
    stream_.expires_after(first_request_ ? server_.limits.request_timeout
                                         : server_.limits.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_head();
                            });
  }

  void read_head() {
    state_ = State::reading;
    first_request_ = false;
    // One deadline for the whole request, header and body: a trickle cannot stretch it.
    stream_.expires_after(server_.limits.request_timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.limits.header_bytes));
    // The body's size is judged by the handler on the head, with a clear answer. (Not boost::none:
    // Beast 1.74 compares the length with the optional, and any length exceeds "none".)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_head(ec); });
  }

  void on_head(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    if (ec) return on_read_error(ec);
    const auto& message = parser_->get();
    request_ = HttpRequest{};
    request_.method = std::string(message.method_string());
    request_.target = std::string(message.target());
    const size_t question = request_.target.find('?');
    request_.path = request_.target.substr(0, question);
    if (question != std::string::npos) request_.query = request_.target.substr(question + 1);
    for (const auto& field : message) {
      request_.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request_.remote_address = remote_address_;
    if (auto refusal = server_.handler.refuse_head(request_)) {
      refusal->close = true;
      return answer(std::move(*refusal));
    }
    parser_->body_limit(server_.limits.body_bytes);
    // The framing checks above admit only bodies with one Content-Length of at most body_bytes.
    const auto length = parser_->content_length();
    if (length && *length > 0) {
      if (!server_.reserve_body(static_cast<size_t>(*length))) {
        spdlog::warn("bodies in flight at their limit; a request of {} bytes asked to wait",
                     *length);
        HttpResponse busy{503,
                          "application/json",
                          R"({"error":"busy","message":"the server is receiving too many )"
                          R"(requests at once; try again in a moment"})",
                          {},
                          true};
        busy.set_header("Retry-After", "1");
        return answer(std::move(busy));
      }
      body_reserved_ = static_cast<size_t>(*length);
    }
    if (parser_->is_done()) return handle();
    if (iequals(request_.header("Expect"), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code error, size_t) {
                                if (error) return self->close();
                                self->read_body();
                              });
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->on_read_error(ec);
                       self->handle();
                     });
  }

  // A request that ended badly: a vanished or timed-out client is let go without a word (no one
  // would read it); a request the parser refused is answered, and the connection ends.
  void on_read_error(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::eof || ec == net::error::connection_reset ||
        ec == net::error::broken_pipe || ec == net::error::bad_descriptor) {
      return close();
    }
    HeadFault fault = HeadFault::malformed;
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      fault = HeadFault::too_large;
    } else if (ec == http::error::bad_content_length || ec == http::error::body_limit) {
      fault = HeadFault::content_length;
    } else if (ec == http::error::bad_transfer_encoding) {
      fault = HeadFault::transfer_encoding;
    }
    const auto received = buffer_.data();
    const std::string_view text(static_cast<const char*>(received.data()),
                                std::min<size_t>(received.size(), server_.limits.header_bytes));
    request_ = HttpRequest{};
    HttpResponse refusal = server_.handler.refuse_malformed(fault, text);
    refusal.close = true;
    answer(std::move(refusal));
  }

  void handle() {
    state_ = State::handling;
    request_.body = std::move(parser_->get().body());
    const bool keep_alive = parser_->keep_alive();
    parser_.reset();
    HttpResponse response;
    try {
      response = server_.handler.handle(request_);
    } catch (const std::exception& e) {
      spdlog::error("internal error on {} {}: {}", request_.method, request_.path, e.what());
      response =
          HttpResponse{500,
                       "application/json",
                       R"({"error":"internal_error","message":"the server failed; see its log"})",
                       {},
                       false};
    }
    response.close = response.close || !keep_alive;
    request_.body.clear();
    request_.body.shrink_to_fit();
    release_body();
    answer(std::move(response));
  }

  void answer(HttpResponse response) {
    state_ = State::writing;
    close_after_ = response.close || server_.stopping;
    status_ = response.status;
    const std::string id = response.header("X-Request-Id");
    request_id_ = id.empty() ? std::string() : " [" + id + "]";
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) response_.insert(name, value);
    if (!response.content_type.empty())
      response_.set(http::field::content_type, response.content_type);
    response_.body() = std::move(response.body);
    response_.prepare_payload();
    if (request_.method == "HEAD") response_.body().clear();  // Content-Length stays the body's
    response_.keep_alive(!close_after_);
    stream_.expires_after(server_.limits.request_timeout);
    http::async_write(
        stream_, response_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_written(ec); });
  }

  void on_written(beast::error_code ec) {
    const int status_class = status_ / 100;
    server_.responses_by_class[status_class >= 1 && status_class <= 5 ? status_class : 0].fetch_add(
        1, std::memory_order_relaxed);
    server_.requests.record(request_.path, status_, std::chrono::steady_clock::now() - started_);
    // The access log: method, path, status and time. Bodies and query texts are never logged.
    if (spdlog::should_log(spdlog::level::info)) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
      if (logs_as_json()) {
        nlohmann::ordered_json event = {{"event", "http_request"},
                                        {"method", request_.method},
                                        {"path", request_.path},
                                        {"status", status_},
                                        {"seconds", std::round(seconds * 1e6) / 1e6}};
        if (!request_id_.empty())
          event["request_id"] = request_id_.substr(2, request_id_.size() - 3);
        if (request_.method.empty()) event["path"] = nullptr;  // unreadable request
        spdlog::info("{}", log_event(event, ""));
      } else if (request_.method.empty()) {
        spdlog::info("(unreadable request) -> {}", status_);
      } else {
        spdlog::info("{} {} -> {}{}", request_.method, request_.path, status_, request_id_);
      }
    }
    response_ = {};
    if (ec) return close();
    if (close_after_ || server_.stopping) return linger();
    wait_for_request();
  }

  // Ends the connection after a final answer: our side first (the client sees the end right
  // after the answer), then what the client still sends is read and dropped for a moment, so
  // that closing does not reset the connection before the client has read the answer.
  void linger() {
    state_ = State::lingering;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kLingerBytes) return self->close();
                              self->drain();
                            });
  }

  void close() { stream_.close(); }

  void release_body() {
    if (body_reserved_ == 0) return;
    server_.release_body(body_reserved_);
    body_reserved_ = 0;
  }

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  HttpRequest request_;
  std::string remote_address_;
  State state_ = State::waiting;
  bool first_request_ = true;
  bool close_after_ = false;
  int status_ = 0;
  // When the request's head was read (or found unreadable): its latency runs from here.
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string request_id_;    // " [id]" for the access log, or ""
  size_t body_reserved_ = 0;  // of the server's body budget, for the request being read
  std::array<char, 4096> drain_{};
  size_t drained_ = 0;
};

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;  // stopped
    if (ec) {
      // Out of descriptors (or a transient error): pause instead of spinning on the error.
      spdlog::warn("cannot accept a connection: {}", ec.message());
      accept_pause.expires_after(std::chrono::milliseconds(100));
      accept_pause.async_wait([this](beast::error_code) {
        if (acceptor.is_open()) accept();
      });
      return;
    }
    bool room = false;
    {
      std::lock_guard lock(mutex);
      room = open < limits.max_connections;
      if (room) ++open;  // the connection's destructor counts it out again
    }
    (room ? accepted : refused).fetch_add(1, std::memory_order_relaxed);
    if (!room) {
      beast::error_code ignored;
      socket.close(ignored);  // over the cap: closed at once, costs nothing further
    } else {
      auto connection = std::make_shared<Connection>(*this, std::move(socket));
      net::dispatch(connection->executor(), [connection] { connection->start(); });
    }
    accept();
  });
}

void HttpServer::Impl::enter(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex);
  connections.emplace(connection.get(), connection);
}

void HttpServer::Impl::leave(Connection* connection) {
  {
    std::lock_guard lock(mutex);
    connections.erase(connection);
    --open;
  }
  changed.notify_all();
}

HttpServer::HttpServer(HttpHandler& handler, HttpLimits limits)
    : impl_(std::make_unique<Impl>(handler, limits)) {}

HttpServer::~HttpServer() = default;

int HttpServer::listen(const std::string& host, int port, std::string& error) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) {
    error = "not an IP address: " + host;
    return -1;
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  // The kernel's largest backlog: clients that connect at once wait there, not in SYN retries.
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    error = ec.message();
    return -1;
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::run() {
  Impl& impl = *impl_;
  impl.accept();
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::max<size_t>(1, impl.limits.threads); ++i) {
    threads.emplace_back([&impl] { impl.io.run(); });
  }
  {
    std::unique_lock lock(impl.mutex);
    impl.changed.wait(lock, [&] { return impl.stop_requested; });
    // Requests in flight finish within their own deadline; whatever is left then is cut off.
    impl.changed.wait_until(lock, impl.stop_deadline, [&] { return impl.open == 0; });
  }
  impl.io.stop();
  for (auto& thread : threads) thread.join();
}

const RequestMetrics& HttpServer::request_metrics() const {
  return impl_->requests;
}

HttpStats HttpServer::stats() const {
  const Impl& impl = *impl_;
  HttpStats out;
  for (size_t i = 0; i < out.responses_by_class.size(); ++i) {
    out.responses_by_class[i] = impl.responses_by_class[i].load(std::memory_order_relaxed);
  }
  out.connections_accepted = impl.accepted.load(std::memory_order_relaxed);
  out.connections_refused = impl.refused.load(std::memory_order_relaxed);
  out.body_bytes_held = impl.body_bytes_held.load(std::memory_order_relaxed);
  {
    std::lock_guard lock(impl.mutex);
    out.connections_open = impl.open;
  }
  return out;
}

void HttpServer::stop() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.stop_requested) return;
    impl.stop_requested = true;
    impl.stop_deadline = std::chrono::steady_clock::now() + impl.limits.request_timeout;
  }
  impl.stopping = true;
  net::post(impl.acceptor.get_executor(), [&impl] {
    beast::error_code ec;
    impl.acceptor.close(ec);
    impl.accept_pause.cancel();
    std::vector<std::shared_ptr<Connection>> alive;
    {
      std::lock_guard lock(impl.mutex);
      for (auto& [raw, weak] : impl.connections) {
        if (auto connection = weak.lock()) alive.push_back(std::move(connection));
      }
    }
    for (auto& connection : alive) {
      net::post(connection->executor(), [connection] { connection->stop_if_idle(); });
    }
  });
  impl.changed.notify_all();
}

}  // namespace koers::cli
