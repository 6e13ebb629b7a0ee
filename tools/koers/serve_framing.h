#pragma once
// A request body's framing, judged before a byte of the body is read. One framing is accepted: a
// single Content-Length within --max-body, no Transfer-Encoding, no Content-Encoding; so gzip,
// chunked and unannounced bombs are never read, and no smuggling shape reaches a route. A refusal
// ends the connection after its answer (the unread body would follow).
#include <optional>
#include <string_view>

#include "tools/koers/http_server.h"

namespace koers::cli {

// 400, 411, 413 or 415 for a head whose body framing we do not accept; nullopt to read on.
std::optional<HttpResponse> refuse_body_framing(const HttpRequest& head, size_t max_body);

// The answer to a head the HTTP parser refused (431, 400, 413), told apart from `received`, the
// raw bytes of the head as far as they were buffered.
HttpResponse refuse_malformed_head(HeadFault fault, std::string_view received, size_t max_body,
                                   size_t header_limit);

}  // namespace koers::cli
