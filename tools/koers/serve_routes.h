#pragma once
// The HTTP face of `koers serve`: which paths exist with which methods, who may ask
// (serve_guard.h), content-type checks, the embedded web page, and the mapping of requests onto the
// AdviceService.
#include "service/advice_service.h"
#include "tools/koers/http_server.h"
#include "tools/koers/serve_access.h"
#include "tools/koers/serve_guard.h"

namespace koers::cli {

// Unknown paths answer 404, known paths with another method 405 (with Allow), POST bodies of
// another content type 415; every error body is JSON. A body announced larger than `max_body`,
// or framed any other way than by one Content-Length, is refused before a byte of it is read.
class ServeRoutes : public HttpHandler {
 public:
  // `access` decides who may ask (serve_access.h); every answer carries its X-Request-Id.
  ServeRoutes(service::AdviceService& service, size_t max_body, SiteGuard guard,
              ServeAccess& access);

  std::optional<HttpResponse> refuse_head(HttpRequest& head) override;
  HttpResponse handle(const HttpRequest& request) override;
  HttpResponse refuse_malformed(HeadFault fault, std::string_view received) override;
  std::vector<std::string> route_names() const override;

 private:
  HttpResponse route(const HttpRequest& request, const service::Requester& requester);

  service::AdviceService& service_;
  size_t max_body_;
  SiteGuard guard_;
  ServeAccess& access_;
};

}  // namespace koers::cli
