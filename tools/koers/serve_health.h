#pragma once
// GET /healthz and /readyz, on the served port and the admin port alike: 200 with the rules and
// policy served while the server gives advice as it should, 503 with the problems' codes while it
// cannot (the audit log cannot be written, or the last reload failed). The answer names no
// server path and no error text: the port may be open to anyone.
#include "service/advice_service.h"
#include "tools/koers/http_server.h"

namespace koers::cli {

bool is_health_path(std::string_view path);
HttpResponse health_response(const service::AdviceService& service);

}  // namespace koers::cli
