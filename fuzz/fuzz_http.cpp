// Fuzz target: the request path of `koers serve` below HTTP. The input is read as a raw HTTP
// request (request line, headers, body, as a lenient parser would split it) and handed to the
// AdviceService as the routes do: advice, report, feedback and the rules description. Every answer
// must be a valid status with a body of its content type (JSON that parses, for JSON answers).
// Reload is left out: it reads the rule files from disk, a thousand times slower than a request,
// and takes no input. The HTTP parser itself (Boost.Beast's) is not driven here; test_serve_faults
// and test_serve_http send it malformed requests instead.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "service/advice_service.h"
#include "service/audit_log.h"

namespace {

using koers::service::AdviceFormat;
using koers::service::AdviceService;
using koers::service::Response;

struct Request {
  std::string method, path, as_of, body;
};

std::string_view take_line(std::string_view& text) {
  const size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// METHOD SP TARGET [SP VERSION] CRLF, headers up to an empty line, then the body (cut to a
// Content-Length that parses; the rest otherwise).
Request parse(std::string_view text) {
  Request r;
  std::string_view line = take_line(text);
  const size_t sp = line.find(' ');
  r.method = std::string(line.substr(0, sp));
  std::string_view target = sp == std::string_view::npos ? "" : line.substr(sp + 1);
  target = target.substr(0, target.find(' '));
  const size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    const size_t at = query.find("as_of=");
    if (at != std::string_view::npos) {
      query.remove_prefix(at + 6);
      r.as_of = std::string(query.substr(0, query.find('&')));
    }
  }
  size_t length = std::string_view::npos;
  for (std::string_view h; !text.empty() && !(h = take_line(text)).empty();) {
    constexpr std::string_view kLength = "Content-Length:";
    if (h.size() > kLength.size() && h.substr(0, kLength.size()) == kLength) {
      char* end = nullptr;
      const std::string value(h.substr(kLength.size()));
      const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
      if (end != value.c_str()) length = static_cast<size_t>(n);
    }
  }
  r.body = std::string(text.substr(0, length));
  return r;
}

std::unique_ptr<AdviceService> make_service(koers::service::AuditLog* audit) {
  koers::service::ServiceOptions options;
  options.audit = audit;
  auto service = std::make_unique<AdviceService>(
      [](koers::Diagnostics& diags) -> std::optional<koers::service::RuleSnapshot> {
        const std::string root = KOERS_FUZZ_SOURCE_DIR;
        auto program = koers::load_rule_set(root + "/rules", diags);
        if (!program) return std::nullopt;
        auto policy = koers::load_policy_file(*program, root + "/policies/landelijk.yaml", diags);
        if (!policy) return std::nullopt;
        return koers::service::RuleSnapshot{std::move(*program), std::move(*policy), {}};
      },
      options);
  koers::Diagnostics diags;
  if (!service->load(diags)) {
    std::fprintf(stderr, "fuzz: the shipped rules do not load\n");
    std::abort();
  }
  return service;
}

// Advice and reports without an audit log (an fsync per input would slow the fuzzer a hundredfold);
// feedback with one, holding the advice on the first example so that a receipt can be found.
struct Services {
  std::unique_ptr<AdviceService> plain;
  std::unique_ptr<koers::service::AuditLog> audit;
  std::unique_ptr<AdviceService> audited;
};

Services& services() {
  static Services s = [] {
    const std::string path = "/tmp/koers-fuzz-http-" + std::to_string(::getpid()) + ".jsonl";
    ::unlink(path.c_str());
    auto audit = koers::service::AuditLog::open(path, nullptr);
    auto* raw = audit.get();
    Services made{make_service(nullptr), std::move(audit), make_service(raw)};
    made.audited->advise(koers::fuzz::shipped_text("examples/gezin-0142.yaml"), "",
                         AdviceFormat::json);
    return made;
  }();
  return s;
}

void check(const Response& res) {
  if (res.status < 200 || res.status > 599) {
    std::fprintf(stderr, "fuzz: status %d\n", res.status);
    std::abort();
  }
  if (res.content_type == "application/json" &&
      nlohmann::json::parse(res.body, nullptr, false).is_discarded()) {
    std::fprintf(stderr, "fuzz: a JSON answer that does not parse: %s\n", res.body.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Services& s = services();
  const Request r = parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.method == "POST" && r.path == "/v1/advice") {
    check(s.plain->advise(r.body, r.as_of, AdviceFormat::json));
  } else if (r.method == "POST" && r.path == "/v1/report") {
    check(s.plain->advise(r.body, r.as_of, AdviceFormat::html));
  } else if (r.method == "POST" && r.path == "/v1/feedback") {
    check(s.audited->feedback(r.body));
  } else if (r.method == "GET" && r.path == "/v1/rules") {
    check(s.plain->describe_rules());
  }
  return 0;
}
