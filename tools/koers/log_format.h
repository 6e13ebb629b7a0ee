#pragma once
// How koers and koers serve write their log on stderr: text ("[info] POST /v1/advice -> 200")
// or, with --log-format json, one JSON object a line for a log collector:
//   {"time":"2026-12-07T14:03:11.204Z","level":"info","message":"reloaded: ..."}
//   {"time":"…","level":"info","event":"http_request","method":"POST","path":"/v1/advice",
//    "status":200,"seconds":0.0042,"request_id":"9f1c0a2e4b7d3c81"}
// Either way a log never holds case content: requests are named by method, path, status and id.
#include <nlohmann/json.hpp>
#include <string>

namespace koers::cli {

// Sets up the "koers" logger on stderr: `format` is "text" or "json".
void setup_logging(const std::string& level, const std::string& format = "text");

bool logs_as_json();

// A message that a JSON log writes as these members (beside time and level) and a text log as
// `text`. For events a collector should read field by field, such as the access log.
std::string log_event(const nlohmann::ordered_json& members, const std::string& text);

}  // namespace koers::cli
