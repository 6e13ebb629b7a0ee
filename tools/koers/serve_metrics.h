#pragma once
// What /metrics says of the requests on the served port: how many by route and status, and how
// long they took, as Prometheus counters and a histogram per route. Lock-free: recording a
// request is a few relaxed atomic additions on the thread that answered it.
//
// Routes are the server's own paths (a name ending in `*` stands for every path it begins, as
// "/docs/*"); any other path counts as "(other)", so a client asking for
// ten thousand made-up paths cannot make ten thousand series.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace koers::cli {

class RequestMetrics {
 public:
  explicit RequestMetrics(std::vector<std::string> routes);

  // A request answered (its response written): `path` as asked, the status sent, and the time
  // from its head read to its answer written.
  void record(std::string_view path, int status, std::chrono::nanoseconds took);

  // koers_http_requests_total{route,status} and koers_http_request_duration_seconds{route}.
  std::string prometheus() const;

  // The histogram's upper bounds, in seconds (the last bucket, +Inf, is implied).
  static constexpr std::array<double, 13> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1,     2.5,  5,     10};

 private:
  static constexpr int kStatuses = 600;  // 0..599: every status a response can carry
  struct Route {
    std::array<std::atomic<std::uint64_t>, kStatuses> by_status{};
    std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets{};
    std::atomic<std::uint64_t> nanoseconds = 0;
    std::atomic<std::uint64_t> count = 0;
  };
  size_t index_of(std::string_view path) const;

  std::vector<std::string> names_;  // the routes, then "(other)"
  std::unique_ptr<Route[]> routes_;
};

}  // namespace koers::cli
