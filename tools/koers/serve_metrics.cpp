#include "tools/koers/serve_metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace koers::cli {

RequestMetrics::RequestMetrics(std::vector<std::string> routes) : names_(std::move(routes)) {
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
  names_.push_back("(other)");
  routes_ = std::make_unique<Route[]>(names_.size());
}

size_t RequestMetrics::index_of(std::string_view path) const {
  // A handful of routes: a linear search is as quick as a hash and needs no allocation.
  for (size_t i = 0; i + 1 < names_.size(); ++i) {
    const std::string& name = names_[i];
    if (name == path) return i;
    // "/docs/*": every path under /docs/.
    if (!name.empty() && name.back() == '*' &&
        path.substr(0, name.size() - 1) == std::string_view(name).substr(0, name.size() - 1)) {
      return i;
    }
  }
  return names_.size() - 1;
}

void RequestMetrics::record(std::string_view path, int status, std::chrono::nanoseconds took) {
  Route& route = routes_[index_of(path)];
  const int code = status >= 0 && status < kStatuses ? status : 0;
  route.by_status[static_cast<size_t>(code)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(took).count();
  const size_t bucket = static_cast<size_t>(
      std::lower_bound(kBounds.begin(), kBounds.end(), seconds) - kBounds.begin());
  route.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  route.nanoseconds.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count())),
                              std::memory_order_relaxed);
  route.count.fetch_add(1, std::memory_order_relaxed);
}

std::string RequestMetrics::prometheus() const {
  std::string out;
  out +=
      "# HELP koers_http_requests_total Requests answered on the served port, by route (the "
      "server's paths; any other is \"(other)\") and status.\n"
      "# TYPE koers_http_requests_total counter\n";
  for (size_t r = 0; r < names_.size(); ++r) {
    for (int status = 0; status < kStatuses; ++status) {
      const auto n =
          routes_[r].by_status[static_cast<size_t>(status)].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("koers_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", names_[r],
                         status, n);
    }
  }
  out +=
      "# HELP koers_http_request_duration_seconds Time from a request's head read to its answer "
      "written, by route.\n"
      "# TYPE koers_http_request_duration_seconds histogram\n";
  for (size_t r = 0; r < names_.size(); ++r) {
    const Route& route = routes_[r];
    const auto count = route.count.load(std::memory_order_relaxed);
    if (count == 0) continue;  // a route nobody asked for has no series yet
    std::uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBounds.size(); ++b) {
      cumulative += route.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBounds.size() ? fmt::format("{}", kBounds[b]) : "+Inf";
      out +=
          fmt::format("koers_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      names_[r], le, cumulative);
    }
    out += fmt::format("koers_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n",
                       names_[r], static_cast<double>(route.nanoseconds.load()) / 1e9);
    // The +Inf bucket's count, not `count`: read a moment apart, they may differ by a request.
    out += fmt::format("koers_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", names_[r],
                       cumulative);
  }
  return out;
}

}  // namespace koers::cli
