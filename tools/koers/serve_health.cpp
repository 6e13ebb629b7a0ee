#include "tools/koers/serve_health.h"

#include <nlohmann/json.hpp>

#include "eval/evaluator.h"

namespace koers::cli {

bool is_health_path(std::string_view path) {
  return path == "/healthz" || path == "/readyz";
}

HttpResponse health_response(const service::AdviceService& service) {
  const service::AdviceService::Readiness readiness = service.readiness();
  const auto snapshot = service.snapshot();
  nlohmann::ordered_json body{{"status", readiness.ready() ? "ok" : "unavailable"}};
  if (!readiness.ready()) body["failing"] = readiness.problems;
  body["engine_version"] = engine_version();
  body["rules_sha256"] = snapshot->program.rules_sha256;
  body["policy_sha256"] = snapshot->policy.sha256;
  HttpResponse res{readiness.ready() ? 200 : 503, "application/json", body.dump(), {}, false};
  res.set_header("Cache-Control", "no-store");
  return res;
}

}  // namespace koers::cli
