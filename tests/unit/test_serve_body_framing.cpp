// `koers serve` judges a request's body framing before it reads a byte of the body: one
// Content-Length within --max-body, no Transfer-Encoding, no Content-Encoding. Anything else is
// refused at once (411, 400, 415, 413) and the connection ends after the answer, so that the
// unread body is never read, unpacked or taken for the next request. Bombs (a gzip body that
// unpacks to 200 MB, an endless chunked or unannounced body) leave the server's peak memory where
// it was.
#define BOOST_TEST_MODULE serve_body_framing
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "support/raw_client.h"
#include "support/serve_process.h"

namespace fs = std::filesystem;
using koers::testing::fresh_temp_dir;
using koers::testing::RawClient;
using koers::testing::ServeProcess;
using Clock = std::chrono::steady_clock;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

size_t count_of(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// The server's peak resident memory so far, in KiB (VmHWM).
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

const std::string kPost =
    "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n";
// Sent after each refused request on the same connection: were it read, it would be answered.
const std::string kSmuggled = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

std::string gzip_of_zeros(size_t bytes) {
  std::string command = "head -c " + std::to_string(bytes) + " /dev/zero | gzip -9";
  FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  BOOST_REQUIRE(::pclose(pipe) == 0);
  return out;
}

struct Refusal {
  std::string what;
  std::string request;
  std::string status;
  std::string error;
};

}  // namespace

BOOST_AUTO_TEST_CASE(bad_framing_is_refused_at_once_and_the_body_never_read) {
  auto dir = fresh_temp_dir("framing");
  ServeProcess server({"--max-body", "65536"}, dir, root());
  const std::string body = "case_id: x\n";
  const std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
  const std::vector<Refusal> refusals = {
      {"a POST without Content-Length", kPost + "\r\n" + body, "411", "length_required"},
      {"a chunked body", kPost + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400",
       "transfer_encoding_not_accepted"},
      // The chunk is the smuggled request itself: a server that read it as chunked would answer
      // the advice, one that skipped it by Content-Length would answer the GET.
      {"Transfer-Encoding with Content-Length",
       kPost + "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400",
       "transfer_encoding_not_accepted"},
      {"any Transfer-Encoding", kPost + "Transfer-Encoding: identity\r\n" + length + "\r\n" + body,
       "400", "transfer_encoding_not_accepted"},
      {"a gzip body", kPost + "Content-Encoding: gzip\r\n" + length + "\r\n" + body, "415",
       "content_encoding_not_accepted"},
      {"any Content-Encoding", kPost + "Content-Encoding: identity\r\n" + length + "\r\n" + body,
       "415", "content_encoding_not_accepted"},
      {"two Content-Lengths", kPost + length + length + "\r\n" + body, "400", "bad_content_length"},
      {"a Content-Length that is no number", kPost + "Content-Length: 1e3\r\n\r\n" + body, "400",
       "bad_content_length"},
      {"a body over --max-body", kPost + "Content-Length: 65537\r\n\r\n", "413",
       "payload_too_large"},
  };
  for (const auto& refusal : refusals) {
    BOOST_TEST_CONTEXT(refusal.what) {
      RawClient c(server.port());
      BOOST_REQUIRE(c.connected());
      BOOST_REQUIRE(c.send(refusal.request + kSmuggled));
      const auto start = Clock::now();
      bool closed = false;
      const std::string answer = c.receive_all(&closed);
      const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
      BOOST_TEST(answer.rfind("HTTP/1.1 " + refusal.status, 0) == 0u, answer);
      BOOST_TEST(answer.find("\"error\":\"" + refusal.error + "\"") != std::string::npos, answer);
      BOOST_TEST(answer.find("Connection: close") != std::string::npos, answer);
      // One answer only: the bytes after the refused request were not taken for a request.
      BOOST_TEST(count_of(answer, "HTTP/1.1 ") == 1u, answer);
      // Ended by the server right after the answer, not by keep-alive (5 s) or our timeout.
      BOOST_TEST(closed);
      BOOST_TEST(seconds < 2.0, "the connection stayed open " << seconds << " s");
    }
  }
  // A GET has no body and needs no Content-Length; a good POST is still answered.
  RawClient get(server.port());
  get.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  bool closed = false;
  BOOST_TEST(get.receive_all(&closed).rfind("HTTP/1.1 200", 0) == 0u);
  RawClient post(server.port());
  const std::string example = koers::testing::slurp_file(root() / "examples/gezin-0142.yaml");
  post.send(kPost + "Connection: close\r\nContent-Length: " + std::to_string(example.size()) +
            "\r\n\r\n" + example);
  BOOST_TEST(post.receive_all(&closed).rfind("HTTP/1.1 200", 0) == 0u);
  BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(bombs_leave_the_servers_peak_memory_where_it_was) {
  auto dir = fresh_temp_dir("framing-bombs");
  ServeProcess server({"--max-body", "1048576"}, dir, root());
  {  // Warm up: one real advice, so that the baseline includes what serving costs anyway.
    RawClient c(server.port());
    const std::string example = koers::testing::slurp_file(root() / "examples/gezin-0142.yaml");
    c.send(kPost + "Connection: close\r\nContent-Length: " + std::to_string(example.size()) +
           "\r\n\r\n" + example);
    bool closed = false;
    BOOST_REQUIRE(c.receive_all(&closed).rfind("HTTP/1.1 200", 0) == 0u);
  }
  const long before = peak_rss_kib(server.pid());
  BOOST_REQUIRE(before > 0);

  // 200 MB of zeros in ~200 KB of gzip, well under --max-body: unpacked, it would show.
  const std::string bomb = gzip_of_zeros(200u << 20);
  BOOST_REQUIRE(bomb.size() < (1u << 20));
  // 64 MB sent as chunks, and 64 MB sent with no length at all: read, they would show.
  const std::string chunk = "100000\r\n" + std::string(1u << 20, 'a') + "\r\n";
  const std::vector<std::pair<std::string, std::string>> attacks = {
      {"gzip", kPost + "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                   "\r\n\r\n" + bomb},
      {"chunked", kPost + "Transfer-Encoding: chunked\r\n\r\n"},
      {"no length", kPost + "\r\n"},
  };
  for (const auto& [what, head] : attacks) {
    BOOST_TEST_CONTEXT(what) {
      RawClient c(server.port());
      BOOST_REQUIRE(c.connected());
      c.send(head);
      if (what != "gzip") {
        // Keep sending until the server stops taking bytes (it ends the connection).
        for (int i = 0; i < 64 && c.send(what == "chunked" ? chunk : std::string(1u << 20, 'a'));
             ++i) {
        }
      }
      bool closed = false;
      const std::string answer = c.receive_all(&closed);
      BOOST_TEST(answer.rfind("HTTP/1.1 4", 0) == 0u, answer.substr(0, 200));
      BOOST_TEST(closed);
    }
  }
  const long after = peak_rss_kib(server.pid());
  // Read or unpacked, any one of them would add 64-200 MB; refused, nothing worth counting.
  BOOST_TEST(after - before < 16 * 1024,
             "peak RSS grew from " << before << " to " << after << " KiB");
  BOOST_TEST(server.stop() == 0);
}
