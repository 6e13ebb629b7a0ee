#pragma once
// Error answers of `koers serve`: JSON {"error": code, "message": text}. Messages are fixed texts:
// they never quote the request (no case text, no echoed input) and name no server path.
#include <nlohmann/json.hpp>
#include <string>

#include "tools/koers/http_server.h"

namespace koers::cli {

inline HttpResponse json_error(int status, const std::string& error, const std::string& message) {
  return HttpResponse{status,
                      "application/json",
                      nlohmann::ordered_json{{"error", error}, {"message", message}}.dump(),
                      {},
                      false};
}

}  // namespace koers::cli
