#include "tools/koers/log_format.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <ctime>

namespace koers::cli {

namespace {

std::atomic<bool> json_logs = false;

// Starts a message that carries JSON members instead of text (log_event). A control character
// no text message begins with.
constexpr char kMembersMark = '\x1e';

// One JSON object a line: time (UTC, milliseconds), level, then the message's members or the
// message as "message".
class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using namespace std::chrono;
    const auto since_epoch = msg.time.time_since_epoch();
    const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
    const auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char time[96];
    std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    const auto level = spdlog::level::to_string_view(msg.level);
    std::string line = "{\"time\":\"";
    line += time;
    line += "\",\"level\":\"";
    line.append(level.data(), level.size());
    line += "\",";
    // log_event's members: the mark, then a dumped object with at least one member.
    if (payload.size() > 3 && payload.front() == kMembersMark && payload[1] == '{' &&
        payload.back() == '}') {
      // The members of a dumped object, without its braces.
      line.append(payload.substr(2, payload.size() - 3));
    } else {
      line += "\"message\":";
      line += nlohmann::json(std::string(payload))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

void setup_logging(const std::string& level, const std::string& format) {
  json_logs = format == "json";
  auto logger = spdlog::get("koers");
  if (!logger) logger = spdlog::stderr_color_mt("koers");
  if (json_logs) {
    logger->set_formatter(std::make_unique<JsonLineFormatter>());
  } else {
    logger->set_pattern("[%l] %v");
  }
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

bool logs_as_json() {
  return json_logs;
}

std::string log_event(const nlohmann::ordered_json& members, const std::string& text) {
  if (!json_logs) return text;
  return kMembersMark + members.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace koers::cli
