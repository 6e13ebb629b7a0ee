// `koers serve`'s HTTP layer (tools/koers/http_server.h): idle, trickling and polling clients cost
// no worker, so a normal client is still answered; pipelined requests are answered in order; a
// SIGTERM with trickling clients ends within --timeout; oversized heads get 431 without holding
// memory; the cap on open connections; and who may ask (serve_guard.h): Host allowlist, cross-site
// refusals and content types a cross-site page could send.
#define BOOST_TEST_MODULE serve_http
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/raw_client.h"
#include "support/serve_process.h"

namespace fs = std::filesystem;
using koers::testing::fresh_temp_dir;
using koers::testing::RawClient;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;
using Clock = std::chrono::steady_clock;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Enough descriptors for the test's own ends of ~1,400 connections.
void raise_descriptor_limit() {
  rlimit limit{};
  BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  BOOST_REQUIRE(limit.rlim_cur >= 2048);
}

std::string advice_request(const std::string& extra_headers = "",
                           const std::string& type = "application/yaml") {
  const std::string body = slurp_file(root() / "examples/gezin-0142.yaml");
  return "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type +
         "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         extra_headers + "\r\n" + body;
}

std::string status_of(const std::string& answer) {
  return answer.size() >= 12 ? answer.substr(9, 3) : std::string();
}

// One whole exchange on a new connection that the request asks to close.
std::string round_trip(int port, const std::string& request) {
  RawClient c(port, 10);
  if (!c.connected() || !c.send(request)) return {};
  return c.receive_all();
}

long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Keep-alive clients that ask GET /healthz over and over, each on its own connection, until
// stopped; every answer ends with the JSON body's closing brace.
class Pollers {
 public:
  Pollers(int port, int count, int threads) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, port, count, threads, t] {
        std::vector<std::unique_ptr<RawClient>> mine;
        for (int i = t; i < count; i += threads) mine.push_back(std::make_unique<RawClient>(port));
        const std::string poll = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        while (!stop_) {
          for (auto& c : mine) {
            if (!c->send(poll)) continue;
            std::string answer;
            while (answer.empty() || answer.back() != '}') {
              const std::string some = c->receive_some();
              if (some.empty()) break;
              answer += some;
            }
            if (!answer.empty() && answer.back() == '}') ++answers_;
          }
        }
      });
    }
  }
  ~Pollers() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }
  int answers() const { return answers_; }

 private:
  std::atomic<bool> stop_ = false;
  std::atomic<int> answers_ = 0;
  std::vector<std::thread> threads_;
};

// Clients that send a request head one byte at a time, one byte per client every `every`.
class Tricklers {
 public:
  Tricklers(int port, int count, std::chrono::milliseconds every) {
    for (int i = 0; i < count; ++i) clients_.push_back(std::make_unique<RawClient>(port));
    thread_ = std::thread([this, every] {
      const std::string head = advice_request();
      for (size_t at = 0; at < head.size() && !stop_; ++at) {
        for (auto& c : clients_) c->send(head.substr(at, 1));
        for (auto waited = std::chrono::milliseconds(0); waited < every && !stop_;
             waited += std::chrono::milliseconds(50)) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
    });
  }
  ~Tricklers() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_ = false;
  std::vector<std::unique_ptr<RawClient>> clients_;
  std::thread thread_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(idle_trickling_and_polling_clients_leave_a_normal_client_served) {
  raise_descriptor_limit();
  auto dir = fresh_temp_dir("http-attack");
  // --threads 4: as many workers as the old server needed for 4 clients; here they serve all.
  ServeProcess server({"--threads", "4", "--timeout", "20"}, dir, root(), "warn");
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 1000; ++i) {
    idle.push_back(std::make_unique<RawClient>(server.port()));
    BOOST_REQUIRE(idle.back()->connected());
  }
  Tricklers tricklers(server.port(), 64, std::chrono::milliseconds(2000));
  Pollers pollers(server.port(), 256, 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    const std::string answer = round_trip(server.port(), advice_request());
    // A generous bound that only catches a hang; time to first byte is measured by bench_serve.
    BOOST_TEST(seconds_since(start) < 2.0);
    BOOST_TEST(status_of(answer) == "200", answer.substr(0, 200));
    BOOST_TEST(answer.find("\"case_id\":\"gezin-0142\"") != std::string::npos);
  }
  BOOST_TEST(pollers.answers() > 256);  // the pollers were answered meanwhile too
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  auto dir = fresh_temp_dir("http-pipeline");
  ServeProcess server({}, dir, root());
  const std::string answer = round_trip(server.port(),
                                        "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                        "GET /v1/nothing HTTP/1.1\r\nHost: localhost\r\n\r\n" +
                                            advice_request());
  const size_t first = answer.find("HTTP/1.1 200");
  const size_t second = answer.find("HTTP/1.1 404");
  const size_t third = answer.find("HTTP/1.1 200", first + 1);
  BOOST_TEST(first == 0u, answer);
  BOOST_TEST((second != std::string::npos && second > first), answer);
  BOOST_TEST((third != std::string::npos && third > second), answer);
  BOOST_TEST(answer.find("\"case_id\":\"gezin-0142\"") > third);
}

BOOST_AUTO_TEST_CASE(sigterm_with_trickling_clients_exits_within_the_timeout) {
  auto dir = fresh_temp_dir("http-sigterm");
  ServeProcess server({"--timeout", "2"}, dir, root());
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 8; ++i) idle.push_back(std::make_unique<RawClient>(server.port()));
  Tricklers tricklers(server.port(), 8, std::chrono::milliseconds(200));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = Clock::now();
  BOOST_TEST(server.stop() == 0);
  const double took = seconds_since(start);
  BOOST_TEST(took < 2.0 + 1.5, "SIGTERM took " << took << " s");
}

BOOST_AUTO_TEST_CASE(heads_over_16_kib_get_431_without_holding_memory) {
  auto dir = fresh_temp_dir("http-431");
  ServeProcess server({}, dir, root(), "warn");
  BOOST_TEST(status_of(round_trip(server.port(),
                                  "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
                                  "Connection: close\r\n\r\n")) == "200");
  const long before = peak_rss_kib(server.pid());
  // 64 clients at once, each sending 1 MiB of header lines: read whole, they would add 64 MiB.
  std::vector<std::thread> clients;
  std::atomic<int> refused = 0;
  for (int i = 0; i < 64; ++i) {
    clients.emplace_back([&] {
      RawClient c(server.port(), 10);
      c.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
      const std::string line = "X-Filler: " + std::string(1000, 'f') + "\r\n";
      for (int n = 0; n < 1024 && c.send(line); ++n) {
      }
      bool closed = false;
      const std::string answer = c.receive_all(&closed);
      if (answer.rfind("HTTP/1.1 431", 0) == 0 && closed) ++refused;
    });
  }
  for (auto& t : clients) t.join();
  BOOST_TEST(refused.load() == 64);
  const long after = peak_rss_kib(server.pid());
#ifdef KOERS_SANITIZED
  // AddressSanitizer keeps freed memory in quarantine and pads every allocation: the same run
  // measured 8.2 MiB there, against well under 8 MiB without it. Still far from 64 MiB.
  constexpr long kBoundKib = 16 * 1024;
#else
  constexpr long kBoundKib = 8 * 1024;
#endif
  BOOST_TEST(after - before < kBoundKib, "peak RSS grew from " << before << " to " << after);
}

BOOST_AUTO_TEST_CASE(connections_beyond_the_cap_are_closed_at_once) {
  auto dir = fresh_temp_dir("http-cap");
  ServeProcess server({"--max-connections", "10"}, dir, root());
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 10; ++i) held.push_back(std::make_unique<RawClient>(server.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all ten accepted
  {
    RawClient over(server.port(), 5);
    const auto start = Clock::now();
    bool closed = false;
    over.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    BOOST_TEST(over.receive_all(&closed).empty());
    BOOST_TEST(closed);
    BOOST_TEST(seconds_since(start) < 2.0);
  }
  held.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  BOOST_TEST(status_of(round_trip(server.port(), advice_request())) == "200");
}

// Bodies held by all connections together are bounded: with a budget of 2 MiB, two clients that
// announce 1 MiB each and send half of it hold the budget; a third body is refused with 503 before
// it is read, and is taken again once the first two have gone.
BOOST_AUTO_TEST_CASE(bodies_in_flight_are_bounded_across_connections) {
  auto dir = fresh_temp_dir("http-body-budget");
  ServeProcess server(
      {"--max-bodies-in-flight", std::to_string(2 << 20), "--max-body", std::to_string(1 << 20)},
      dir, root());
  const std::string head =
      "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n"
      "Content-Length: " +
      std::to_string(1 << 20) + "\r\n\r\n";
  std::vector<std::unique_ptr<RawClient>> holders;
  for (int i = 0; i < 2; ++i) {
    holders.push_back(std::make_unique<RawClient>(server.port()));
    BOOST_REQUIRE(holders.back()->send(head + std::string(1 << 19, '#')));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string refused = round_trip(server.port(), advice_request());
  BOOST_TEST(status_of(refused) == "503");
  BOOST_TEST(refused.find("Retry-After: 1") != std::string::npos);
  holders.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  BOOST_TEST(status_of(round_trip(server.port(), advice_request())) == "200");
}

BOOST_AUTO_TEST_CASE(cross_site_requests_and_foreign_hosts_are_refused) {
  auto dir = fresh_temp_dir("http-cross-site");
  ServeProcess server({}, dir, root());
  const int port = server.port();
  const std::string own = "http://localhost";  // advice_request says `Host: localhost`
  auto answer_to = [&](const std::string& request) { return round_trip(port, request); };
  // The API's POST bodies: a case type only; not what a form or a simple fetch can send.
  for (const std::string type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    BOOST_TEST_CONTEXT("Content-Type `" << type << "`") {
      std::string request = advice_request("", type);
      if (type.empty()) request.replace(request.find("Content-Type: \r\n"), 16, "");
      const std::string answer = answer_to(request);
      BOOST_TEST(status_of(answer) == "415", answer.substr(0, 300));
      BOOST_TEST(answer.find("geen") == std::string::npos);  // no case text echoed
    }
  }
  const std::string reload =
      "POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
      "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n";
  BOOST_TEST(status_of(answer_to(reload)) == "415");
  // Another origin, or a browser that says the request is cross-site: 403.
  std::string answer = answer_to(advice_request("Origin: https://evil.example\r\n"));
  BOOST_TEST(status_of(answer) == "403", answer.substr(0, 300));
  BOOST_TEST(answer.find("\"error\":\"cross_site_refused\"") != std::string::npos);
  BOOST_TEST(answer.find("evil") == std::string::npos);  // the input is not echoed
  BOOST_TEST(status_of(answer_to(advice_request("Origin: null\r\n"))) == "403");
  BOOST_TEST(status_of(answer_to(advice_request("Sec-Fetch-Site: cross-site\r\n"))) == "403");
  // Our own origin, and a same-origin fetch, are served.
  BOOST_TEST(status_of(answer_to(advice_request("Origin: " + own +
                                                "\r\nSec-Fetch-Site: "
                                                "same-origin\r\n"))) == "200");
  // A plain navigation to the page from another site is fine (a link to koers).
  BOOST_TEST(status_of(answer_to("GET / HTTP/1.1\r\nHost: localhost\r\nSec-Fetch-Site: cross-site"
                                 "\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n")) ==
             "200");
  // A fetch of the API from another site is not.
  BOOST_TEST(status_of(answer_to(
                 "GET /v1/rules HTTP/1.1\r\nHost: localhost\r\nSec-Fetch-Site: "
                 "cross-site\r\nSec-Fetch-Mode: cors\r\nConnection: close\r\n\r\n")) == "403");
  // A host name that is not ours (DNS rebinding): 421; none at all: 400.
  answer = answer_to("GET /healthz HTTP/1.1\r\nHost: rebind.example:" + std::to_string(port) +
                     "\r\nConnection: close\r\n\r\n");
  BOOST_TEST(status_of(answer) == "421", answer.substr(0, 300));
  BOOST_TEST(answer.find("rebind") == std::string::npos);
  BOOST_TEST(status_of(answer_to("GET /healthz HTTP/1.0\r\n\r\n")) == "400");
  for (const std::string host : {"localhost", "127.0.0.1", "LOCALHOST:80"}) {
    BOOST_TEST(status_of(answer_to("GET /healthz HTTP/1.1\r\nHost: " + host +
                                   "\r\nConnection: close\r\n\r\n")) == "200",
               host);
  }
  // --allowed-host names the hosts instead.
  ServeProcess named({"--allowed-host", "koers.example"}, fresh_temp_dir("http-named"), root());
  BOOST_TEST(status_of(round_trip(named.port(),
                                  "GET /healthz HTTP/1.1\r\nHost: koers.example\r\n"
                                  "Connection: close\r\n\r\n")) == "200");
  BOOST_TEST(status_of(round_trip(named.port(),
                                  "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
                                  "Connection: close\r\n\r\n")) == "421");
}

BOOST_AUTO_TEST_CASE(error_bodies_echo_no_input_and_name_no_server_path) {
  auto dir = fresh_temp_dir("http-no-echo");
  fs::copy(root() / "rules", dir / "rules", fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", dir / "policies", fs::copy_options::recursive);
  ServeProcess server({"--rules", (dir / "rules").string()}, dir, root());
  const int port = server.port();

  const std::string secret = "Jansen-Bakker";
  std::vector<std::string> answers = {
      round_trip(port,
                 "GET /" + secret + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
      round_trip(port, "DELETE /v1/rules?" + secret +
                           " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
      round_trip(port, advice_request("", "text/" + secret)),
      round_trip(port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-" + secret + ": " +
                           std::string(20000, 'x') + "\r\n\r\n"),
      round_trip(port, "GET /" + secret + " HTTP/9.9\r\n\r\n"),
  };
  std::ofstream(dir / "rules" / "zz-kapot.koers") << "rule kapot {\n  when\n}\n";
  answers.push_back(
      round_trip(port,
                 "POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                 "Content-Type: application/json\r\nContent-Length: 0\r\n\r\n"));
  for (const auto& answer : answers) {
    BOOST_TEST_CONTEXT(answer.substr(0, 400)) {
      BOOST_TEST(status_of(answer).substr(0, 1) == "4");
      BOOST_TEST(answer.find(secret) == std::string::npos);
      BOOST_TEST(answer.find(dir.string()) == std::string::npos);
    }
  }
  // The reload's diagnostics still name the file, relative to the rule set.
  BOOST_TEST(answers.back().find("zz-kapot.koers") != std::string::npos, answers.back());
}
