// No audit line lost: `koers serve --audit` is killed with SIGKILL at random moments while clients
// ask for advice. Every advice answered with 200 must have its line in the log (the line is
// written and fsync'd before the answer), and a torn last line, as a crash in the middle of a
// write leaves it, is detected and recorded by a repair line on the next start, never dropped.
#define BOOST_TEST_MODULE audit_crash
#include <httplib.h>

#include <boost/test/unit_test.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "support/serve_process.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using koers::testing::fresh_temp_dir;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

// The example case under another case id, so that each request has its own audit line to find.
std::string case_named(const std::string& base, const std::string& id) {
  std::string text = base;
  const std::string key = "case_id: gezin-0142";
  const size_t at = text.find(key);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, key.size(), "case_id: " + id);
}

// The start of an advice line whose write a crash cut short.
const std::string kTornStart =
    R"({"type":"advice","time":"2026-11-23T10:00:00.000Z","case_id":"torn-)";

struct LogContents {
  std::set<std::string> case_ids;  // of the complete advice lines
  std::vector<Json> repairs;
  size_t unreadable = 0;  // lines that are not JSON: torn lines, ended by a repair
};

LogContents read_log(const std::string& text) {
  LogContents log;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      ++log.unreadable;
    } else if (j["type"] == "advice") {
      log.case_ids.insert(j["case_id"].get<std::string>());
    } else if (j["type"] == "repair") {
      log.repairs.push_back(j);
    }
  }
  return log;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_acknowledged_advice_survives_sigkill) {
  const auto dir = fresh_temp_dir("audit-crash");
  const fs::path audit = dir / "audit.jsonl";
  const std::string base = slurp_file(root() / "examples/gezin-0142.yaml");
  std::mt19937 random(20261123);
  std::set<std::string> acknowledged;
  size_t torn_made = 0;

  for (int round = 0; round < 20; ++round) {
    const fs::path run_dir = dir / ("run-" + std::to_string(round));
    fs::create_directories(run_dir);
    ServeProcess server({"--audit", audit.string()}, run_dir, root());
    std::mutex mutex;
    std::atomic<bool> killed = false;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(5, 0);
        for (int n = 0; !killed; ++n) {
          const std::string id =
              "kill-" + std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(n);
          auto res = client.Post("/v1/advice", case_named(base, id), "application/yaml");
          if (res && res->status == 200) {
            std::lock_guard lock(mutex);
            acknowledged.insert(id);
          } else if (!res) {
            break;  // the server is gone
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300 + 20));
    server.signal(SIGKILL);
    killed = true;
    for (auto& t : clients) t.join();
    server.stop();  // reaps it

    // Every third round, a crash in the middle of a write: half of a line that was never answered.
    if (round % 3 == 1) {
      std::ofstream(audit, std::ios::app | std::ios::binary) << kTornStart << round;
      ++torn_made;
    }
  }
  // One last start: it repairs what the last round tore, then the log is read as a whole.
  {
    fs::create_directories(dir / "last");
    ServeProcess last({"--audit", audit.string()}, dir / "last", root());
    BOOST_TEST(last.stop() == 0);
  }

  const LogContents log = read_log(slurp_file(audit));
  BOOST_TEST(acknowledged.size() > 20u);  // the clients did get answers between the kills
  size_t missing = 0;
  for (const auto& id : acknowledged) {
    if (!log.case_ids.contains(id)) ++missing;
  }
  BOOST_TEST(missing == 0u, missing << " of " << acknowledged.size()
                                    << " acknowledged advice lines are not in the audit log");
  // Each torn line is kept, ended and recorded: one repair line per torn line, none silently.
  BOOST_TEST(log.unreadable == torn_made);
  BOOST_TEST(log.repairs.size() == torn_made);
  const std::string text = slurp_file(audit);
  for (const auto& repair : log.repairs) {
    const size_t offset = repair["torn_line_offset"].get<size_t>();
    const size_t bytes = repair["torn_bytes"].get<size_t>();
    BOOST_REQUIRE(offset + bytes < text.size());
    BOOST_TEST(text.compare(offset, kTornStart.size(), kTornStart) == 0);
    BOOST_TEST(text[offset + bytes] == '\n');  // ended by the repair, before its repair line
  }
  BOOST_TEST_MESSAGE(acknowledged.size()
                     << " acknowledged advice lines over 20 kills, " << log.case_ids.size()
                     << " lines in the log, " << torn_made << " torn lines repaired");
}
