#include "tools/koers/serve_admin.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "eval/evaluator.h"
#include "tools/koers/serve_health.h"
#include "tools/koers/serve_json.h"

namespace koers::cli {

AdminRoutes::AdminRoutes(const HttpServer& served, const service::AdviceService& service)
    : served_(served), service_(service) {}

// Only bodiless GETs: anything announcing a body is refused before it is read.
std::optional<HttpResponse> AdminRoutes::refuse_head(HttpRequest& head) {
  if (head.method != "GET" && head.method != "HEAD") {
    HttpResponse res = json_error(405, "method_not_allowed", "this address answers GET only");
    res.set_header("Allow", "GET, HEAD");
    return res;
  }
  if (head.has_header("Content-Length") || head.has_header("Transfer-Encoding")) {
    return json_error(400, "bad_request", "a GET has no body");
  }
  return std::nullopt;
}

HttpResponse AdminRoutes::refuse_malformed(HeadFault fault, std::string_view /*received*/) {
  return json_error(fault == HeadFault::too_large ? 431 : 400, "bad_request",
                    "the request is not HTTP/1.1 this server takes");
}

namespace {

// A label value as Prometheus' text format wants it: backslash, quote and newline escaped (a
// policy's id is the organisation's text; one stray quote would make the whole scrape fail).
std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// A Prometheus histogram from counts per bucket (the last one +Inf): cumulative buckets, sum and
// count.
template <size_t N, size_t M>
void append_histogram(std::string& out, std::string_view name, std::string_view help,
                      const std::array<double, N>& bounds,
                      const std::array<std::uint64_t, M>& counts, double sum) {
  static_assert(M == N + 1);
  out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
  std::uint64_t cumulative = 0;
  for (size_t i = 0; i < M; ++i) {
    cumulative += counts[i];
    const std::string le = i < N ? fmt::format("{}", bounds[i]) : "+Inf";
    out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name, le, cumulative);
  }
  out += fmt::format("{}_sum {:.6f}\n{}_count {}\n", name, sum, name, cumulative);
}

}  // namespace

std::string AdminRoutes::metrics() const {
  const HttpStats stats = served_.stats();
  const auto snapshot = service_.snapshot();
  std::string out;
  out += "# HELP koers_http_responses_total Responses sent on the served port, by status class.\n";
  out += "# TYPE koers_http_responses_total counter\n";
  for (size_t c = 1; c <= 5; ++c) {
    out += fmt::format("koers_http_responses_total{{class=\"{}xx\"}} {}\n", c,
                       stats.responses_by_class[c]);
  }
  out += "# HELP koers_connections_accepted_total Connections accepted on the served port.\n";
  out += "# TYPE koers_connections_accepted_total counter\n";
  out += fmt::format("koers_connections_accepted_total {}\n", stats.connections_accepted);
  out +=
      "# HELP koers_connections_refused_total Connections closed at once: over "
      "--max-connections.\n";
  out += "# TYPE koers_connections_refused_total counter\n";
  out += fmt::format("koers_connections_refused_total {}\n", stats.connections_refused);
  out += "# HELP koers_connections_open Connections open on the served port now.\n";
  out += "# TYPE koers_connections_open gauge\n";
  out += fmt::format("koers_connections_open {}\n", stats.connections_open);
  out +=
      "# HELP koers_body_bytes_in_flight Request body bytes held now (--max-bodies-in-flight).\n";
  out += "# TYPE koers_body_bytes_in_flight gauge\n";
  out += fmt::format("koers_body_bytes_in_flight {}\n", stats.body_bytes_held);
  out += "# HELP koers_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE koers_uptime_seconds gauge\n";
  out += fmt::format("koers_uptime_seconds {}\n", std::chrono::duration_cast<std::chrono::seconds>(
                                                      std::chrono::steady_clock::now() - started_)
                                                      .count());
  out += "# HELP koers_ready Whether the server gives advice as it should (/readyz): 1 or 0.\n";
  out += "# TYPE koers_ready gauge\n";
  out += fmt::format("koers_ready {}\n", service_.readiness().ready() ? 1 : 0);
  if (const auto audit = service_.audit_stats()) {
    // Group commit (service/audit_log.h): lines per write show how much one fdatasync carries.
    const auto metric = [&out](std::string_view name, std::string_view type, std::string_view help,
                               const auto& value) {
      out +=
          fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
    };
    metric("koers_audit_lines_total", "counter", "Audit lines made durable.", audit->lines);
    metric("koers_audit_writes_total", "counter",
           "Writes to the audit log, each one write and one fdatasync, failed ones included.",
           audit->batches);
    metric("koers_audit_failed_writes_total", "counter",
           "Writes to the audit log that failed (their advice was withheld).",
           audit->failed_batches);
    metric("koers_audit_write_seconds_total", "counter",
           "Time spent writing and syncing the audit log.",
           fmt::format("{:.6f}", std::chrono::duration<double>(audit->sync_time).count()));
    metric("koers_audit_largest_write_lines", "gauge", "The most lines one write has carried.",
           audit->largest_batch);
    metric("koers_audit_queued_lines", "gauge", "Lines waiting for the next write now.",
           audit->waiting);
    metric("koers_audit_reopened_total", "counter",
           "Times the audit log was opened again (rotation, SIGUSR1).", audit->reopened);
    append_histogram(out, "koers_audit_write_lines",
                     "Lines per successful audit write (one write and one fdatasync).",
                     service::AuditLog::Stats::kLineBounds, audit->lines_per_write,
                     static_cast<double>(audit->lines));
    append_histogram(out, "koers_audit_write_duration_seconds",
                     "Seconds per successful audit write: write() and fdatasync together.",
                     service::AuditLog::Stats::kSecondBounds, audit->seconds_per_write,
                     std::chrono::duration<double>(audit->sync_time_of_successes).count());
  }
  const auto reloads = service_.reload_counts();
  out +=
      "# HELP koers_reloads_total Reloads of rules and policy (SIGHUP, POST /v1/reload), by "
      "outcome.\n# TYPE koers_reloads_total counter\n";
  out += fmt::format("koers_reloads_total{{outcome=\"reloaded\"}} {}\n", reloads.taken);
  out += fmt::format("koers_reloads_total{{outcome=\"refused\"}} {}\n", reloads.refused);
  out +=
      "# HELP koers_compute_queued_requests Requests waiting for a compute slot now "
      "(--compute-slots).\n# TYPE koers_compute_queued_requests gauge\n";
  out += fmt::format("koers_compute_queued_requests {}\n", service_.compute_queue());
  out += served_.request_metrics().prometheus();
  out += "# HELP koers_rules_info The rules and policy served (value always 1).\n";
  out += "# TYPE koers_rules_info gauge\n";
  out += fmt::format(
      "koers_rules_info{{engine_version=\"{}\",rules_sha256=\"{}\",policy_id=\"{}\","
      "policy_version=\"{}\",policy_sha256=\"{}\"}} 1\n",
      label_value(engine_version()), label_value(snapshot->program.rules_sha256),
      label_value(snapshot->policy.id), label_value(snapshot->policy.version),
      label_value(snapshot->policy.sha256));
  return out;
}

HttpResponse AdminRoutes::handle(const HttpRequest& request) {
  HttpResponse res;
  if (is_health_path(request.path)) {
    res = health_response(service_);
  } else if (request.path == "/metrics") {
    res = HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", metrics(), {}, false};
  } else {
    res = json_error(404, "not_found", "this address answers /healthz, /readyz and /metrics");
  }
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace koers::cli
