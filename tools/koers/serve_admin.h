#pragma once
// `koers serve --admin-listen HOST:PORT`: health and metrics on an address of their own, for the
// organisation's monitoring, apart from the caseworkers' port (docs/operations.md, "Health and
// metrics"). It answers GET /healthz and GET /metrics (Prometheus text format) and nothing else;
// neither carries case content or who asked. Bind it to loopback or a management network: it asks
// no one who they are.
#include <chrono>

#include "service/advice_service.h"
#include "tools/koers/http_server.h"

namespace koers::cli {

class AdminRoutes : public HttpHandler {
 public:
  AdminRoutes(const HttpServer& served, const service::AdviceService& service);

  std::optional<HttpResponse> refuse_head(HttpRequest& head) override;
  HttpResponse handle(const HttpRequest& request) override;
  HttpResponse refuse_malformed(HeadFault fault, std::string_view received) override;

  // The Prometheus text exposition of the served port's figures.
  std::string metrics() const;

 private:
  const HttpServer& served_;
  const service::AdviceService& service_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace koers::cli
