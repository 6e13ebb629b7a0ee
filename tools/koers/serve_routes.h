#pragma once
// The HTTP face of `koers serve`: which paths exist with which methods, content-type checks, the
// embedded web page, and the mapping of requests onto the AdviceService.
#include <httplib.h>

#include "service/advice_service.h"

namespace koers::cli {

// Registers every route on `server`. Unknown paths answer 404, known paths with another method
// 405 (with Allow), POST bodies of another content type 415; every error body is JSON. A body
// announced larger than `max_body` is refused (413) before a byte of it is read.
void install_routes(httplib::Server& server, service::AdviceService& service, size_t max_body);

}  // namespace koers::cli
