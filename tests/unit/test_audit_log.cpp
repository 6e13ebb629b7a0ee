// The audit log's group commit: concurrent callers' lines are written together, none is lost,
// torn or doubled, and each caller returns only once its own line is durable.
#define BOOST_TEST_MODULE audit_log
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/audit_log.h"

namespace fs = std::filesystem;
using koers::service::AuditLog;

namespace {

struct TempLog {
  fs::path dir = fs::temp_directory_path() /
                 ("koers-audit-test-" + std::to_string(::getpid()) + "-" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::path path = dir / "audit.jsonl";
  TempLog() { fs::create_directories(dir); }
  ~TempLog() { fs::remove_all(dir); }
};

std::string advice_line(int thread, int n) {
  return nlohmann::ordered_json{
      {"type", "advice"},
      {"case_id", "c" + std::to_string(thread)},
      {"receipt", "r-" + std::to_string(thread) + "-" + std::to_string(n)},
      {"decisions", {{"mpg", "ja"}}}}
      .dump();
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(concurrent_lines_are_all_written_whole_and_once) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  constexpr int kThreads = 8, kLines = 100;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kLines; ++n) {
        std::string error;
        if (!log->append(advice_line(t, n), error)) failures++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(failures.load() == 0);

  const std::vector<std::string> lines = lines_of(temp.path);
  BOOST_TEST(lines.size() == size_t{kThreads * kLines});
  std::set<std::string> seen;
  for (const std::string& line : lines) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    BOOST_TEST_REQUIRE(j.is_object(), "a torn or mixed line: " << line);
    seen.insert(j["receipt"].get<std::string>());
  }
  BOOST_TEST(seen.size() == size_t{kThreads * kLines});  // none doubled
  for (int t = 0; t < kThreads; ++t) {
    // Each thread's lines appear in the order it wrote them (it waits for each before the next).
    int last = -1;
    for (const std::string& line : lines) {
      const auto j = nlohmann::json::parse(line);
      if (j["case_id"] != "c" + std::to_string(t)) continue;
      const std::string receipt = j["receipt"];
      const int n = std::stoi(receipt.substr(receipt.rfind('-') + 1));
      BOOST_TEST(n == last + 1);
      last = n;
    }
  }
  const AuditLog::Stats stats = log->stats();
  BOOST_TEST(stats.lines == uint64_t{kThreads * kLines});
  BOOST_TEST(stats.batches <= stats.lines);
  BOOST_TEST(stats.failed_batches == 0u);
  BOOST_TEST(stats.waiting == 0u);
  // Every line is in the receipt index, whichever caller wrote it.
  BOOST_TEST(log->find_receipt("r-3-57").has_value());
  BOOST_TEST(log->find_receipt("r-3-57")->case_id == "c3");
}

// The lines that queue up while one write is in progress go out together in the next write.
BOOST_AUTO_TEST_CASE(lines_queued_during_a_write_share_the_next_write) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  constexpr int kWaiting = 7;
  std::atomic<int> writes = 0;
  std::atomic<bool> gave_up = false;
  log->set_before_write_for_testing([&] {
    if (writes++ != 0) return;
    // The first write waits until the other callers' lines are all queued behind it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (log->stats().waiting < size_t{kWaiting}) {
      if (std::chrono::steady_clock::now() > deadline) {
        gave_up = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  auto append = [&](int t) {
    std::string error;
    if (!log->append(advice_line(t, 0), error)) failures++;
  };
  threads.emplace_back(append, 0);
  while (writes.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int t = 1; t <= kWaiting; ++t) threads.emplace_back(append, t);
  for (auto& thread : threads) thread.join();

  BOOST_TEST(!gave_up.load());
  BOOST_TEST(failures.load() == 0);
  const AuditLog::Stats stats = log->stats();
  BOOST_TEST(stats.lines == uint64_t{kWaiting + 1});
  BOOST_TEST(stats.batches == 2u);  // the first line alone, then the seven together
  BOOST_TEST(stats.largest_batch == uint64_t{kWaiting});
  BOOST_TEST(lines_of(temp.path).size() == size_t{kWaiting + 1});
}

// A second process (koers advise --audit) appending to the same file: its lines are indexed
// when a receipt is asked for, and the server's own lines stay whole around them.
BOOST_AUTO_TEST_CASE(lines_of_another_writer_are_found_and_kept_whole) {
  TempLog temp;
  auto server = AuditLog::open(temp.path.string(), nullptr);
  auto other = AuditLog::open(temp.path.string(), nullptr, /*index_receipts=*/false);
  std::string error;
  BOOST_TEST(server->append(advice_line(1, 0), error), error);
  BOOST_TEST(other->append(advice_line(2, 0), error), error);
  BOOST_TEST(server->append(advice_line(1, 1), error), error);
  BOOST_TEST(server->find_receipt("r-2-0").has_value());
  BOOST_TEST(server->find_receipt("r-1-1").has_value());
  BOOST_TEST(!server->find_receipt("r-9-9").has_value());
  BOOST_TEST(lines_of(temp.path).size() == 3u);
}
