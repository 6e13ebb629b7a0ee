// The audit log's group commit: concurrent callers' lines are written together, none is lost,
// torn or doubled, and each caller returns only once its own line is durable.
#define BOOST_TEST_MODULE audit_log
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/audit_log.h"
#include "service/audit_record.h"
#include "support/temp_audit_log.h"

namespace fs = std::filesystem;
using koers::service::AuditLog;
using koers::testing::lines_of;
using TempLog = koers::testing::TempAuditLog;

namespace {

std::string advice_line(int thread, int n) {
  return nlohmann::ordered_json{
      {"type", "advice"},
      {"case_id", "c" + std::to_string(thread)},
      {"receipt", "r-" + std::to_string(thread) + "-" + std::to_string(n)},
      {"case_sha256", "sha256:0"},
      {"decisions", {{"mpg", "ja"}}}}
      .dump();
}

// Holds the log's first write until `queued` more lines wait behind it (false after 30 s without),
// then runs `then`; later writes go at once. Returns the number of writes begun.
std::shared_ptr<std::atomic<int>> hold_first_write(AuditLog& log, size_t queued,
                                                   std::atomic<bool>& gave_up,
                                                   std::function<void()> then = {}) {
  auto writes = std::make_shared<std::atomic<int>>(0);
  log.set_before_write_for_testing([&log, queued, &gave_up, then, writes] {
    if ((*writes)++ != 0) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (log.stats().waiting < queued) {
      if (std::chrono::steady_clock::now() > deadline) {
        gave_up = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (then) then();
  });
  return writes;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_CASE(concurrent_lines_are_all_written_whole_and_once) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  constexpr int kThreads = 8, kLines = 100;
  std::atomic<int> failures = 0, not_there = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kLines; ++n) {
        std::string error;
        const std::string line = advice_line(t, n);
        if (!log->append(line, error)) failures++;
        // Returned: the line is in the file already (every tenth looked up, to keep it quick).
        // The writer adds the previous line's hash as the last member.
        const std::string written = line.substr(0, line.size() - 1) + ",\"prev_sha256\":";
        if (n % 10 == 0 && slurp(temp.path).find(written) == std::string::npos) not_there++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(not_there.load() == 0);

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
  std::atomic<bool> gave_up = false;
  // The first write waits until the other callers' lines are all queued behind it.
  const auto writes = hold_first_write(*log, kWaiting, gave_up);
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  auto append = [&](int t) {
    std::string error;
    if (!log->append(advice_line(t, 0), error)) failures++;
  };
  threads.emplace_back(append, 0);
  while (writes->load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
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

// Rotation from outside (logrotate renames the file, or someone deletes it): the next line goes
// to a new file at the same path, never to the renamed or deleted one.
BOOST_AUTO_TEST_CASE(a_renamed_or_deleted_log_is_followed_by_a_new_file_at_its_path) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_TEST(log->append(advice_line(1, 0), error), error);
  fs::rename(temp.path, temp.dir / "audit.jsonl.1");
  BOOST_TEST(log->append(advice_line(1, 1), error), error);
  BOOST_TEST(lines_of(temp.dir / "audit.jsonl.1").size() == 1u);
  BOOST_TEST_REQUIRE(fs::exists(temp.path));
  BOOST_TEST(lines_of(temp.path).size() == 1u);
  BOOST_TEST(lines_of(temp.path)[0].find("\"r-1-1\"") != std::string::npos);
  BOOST_TEST(log->stats().reopened == 1u);

  fs::remove(temp.path);
  BOOST_TEST(log->append(advice_line(1, 2), error), error);
  BOOST_TEST(lines_of(temp.path).size() == 1u);
  BOOST_TEST(log->stats().reopened == 2u);
  // Receipts of every file written stay known, for feedback on advice given before a rotation.
  BOOST_TEST(log->find_receipt("r-1-0").has_value());
  BOOST_TEST(log->find_receipt("r-1-2").has_value());

  // Not moved: the file stays the same, and asking (SIGUSR1) opens the same file again.
  BOOST_TEST(log->append(advice_line(1, 3), error), error);
  BOOST_TEST(log->stats().reopened == 2u);
  log->reopen_soon();
  BOOST_TEST(log->append(advice_line(1, 4), error), error);
  BOOST_TEST(log->stats().reopened == 3u);
  BOOST_TEST(lines_of(temp.path).size() == 3u);
}

// A symbolic link put in the rotated log's place is not followed: the line fails (its advice is
// withheld) and nothing reaches the link's target.
BOOST_AUTO_TEST_CASE(a_link_in_the_rotated_logs_place_is_refused) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_TEST(log->append(advice_line(1, 0), error), error);
  fs::rename(temp.path, temp.dir / "audit.jsonl.1");
  std::ofstream(temp.dir / "elsewhere") << "";
  fs::create_symlink(temp.dir / "elsewhere", temp.path);
  BOOST_TEST(!log->append(advice_line(1, 1), error));
  BOOST_TEST(error.find("symbolic link") != std::string::npos, error);
  BOOST_TEST(fs::file_size(temp.dir / "elsewhere") == 0u);
  std::string why;
  BOOST_TEST(!log->writable(why));
  // The link taken away: the next line goes to a new file again.
  fs::remove(temp.path);
  BOOST_TEST(log->writable(why), why);
  BOOST_TEST(log->append(advice_line(1, 2), error), error);
  BOOST_TEST(lines_of(temp.path).size() == 1u);
}

// A write that fails part-way (here the file-size limit, as a full disk would): every caller of
// that write gets the error, none returns success, and the lines that did reach the file are
// named in a `withheld` line, so that replay and feedback export do not count advice nobody got.
BOOST_AUTO_TEST_CASE(a_failed_write_fails_all_its_callers_and_marks_what_reached_the_file) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_TEST(log->append(advice_line(0, 0), error), error);
  const auto size = fs::file_size(temp.path);
  // As written: with `,"prev_sha256":"sha256:<64 hex digits>"` added.
  const std::string line = advice_line(1, 0) + std::string(88, 'x');
  rlimit before{};
  ::getrlimit(RLIMIT_FSIZE, &before);
  auto restore = [&] { ::setrlimit(RLIMIT_FSIZE, &before); };
  std::signal(SIGXFSZ, SIG_IGN);
  // Set before the first caller's line (all lines are as long): room for it, then for two and a
  // half lines of the five queued behind it, so the third is torn and the last two not written.
  const rlimit small{static_cast<rlim_t>(size + 3 * (line.size() + 1) + line.size() / 2),
                     before.rlim_max};
  constexpr int kCallers = 5;
  std::atomic<int> succeeded = 0;
  std::atomic<bool> gave_up = false;
  const auto writes =
      hold_first_write(*log, kCallers, gave_up, [&] { ::setrlimit(RLIMIT_FSIZE, &small); });
  std::vector<std::string> errors(kCallers + 1);
  std::vector<std::thread> threads;
  // The first caller's write (one line, before the limit is set) holds the others queued.
  threads.emplace_back([&] {
    if (log->append(advice_line(9, 0), errors[0])) succeeded++;
  });
  while (writes->load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int t = 1; t <= kCallers; ++t) {
    threads.emplace_back([&, t] {
      if (log->append(advice_line(t, 0), errors[static_cast<size_t>(t)])) succeeded++;
    });
  }
  for (auto& thread : threads) thread.join();
  restore();
  BOOST_TEST(!gave_up.load());
  BOOST_TEST(succeeded.load() == 1);  // only the first, written before the limit
  for (int t = 1; t <= kCallers; ++t) {
    BOOST_TEST(errors[static_cast<size_t>(t)].find("short write") != std::string::npos,
               errors[static_cast<size_t>(t)]);
  }
  BOOST_TEST(log->stats().failed_batches == 1u);
  std::string why;
  BOOST_TEST(log->ready(why), why);  // the limit lifted: a line could be written again

  // The next line first names the two whole lines of the failed write as withheld.
  BOOST_TEST(log->append(advice_line(7, 0), error), error);
  const std::vector<std::string> lines = lines_of(temp.path);
  // 2 given, 2 withheld, 1 torn, its repair, the note, 1 given
  BOOST_TEST_REQUIRE(lines.size() == 8u);
  BOOST_TEST(nlohmann::json::parse(lines[5])["type"] == "repair");
  const auto note = nlohmann::json::parse(lines[6]);
  BOOST_TEST(note["type"] == "withheld");
  BOOST_TEST(note["lines_sha256"].size() == 2u);
  const koers::service::AuditContents contents =
      koers::service::read_audit_file(temp.path.string());
  std::set<std::string> given;
  for (const auto& advice : contents.advice) given.insert(advice.case_id);
  BOOST_TEST(given == (std::set<std::string>{"c0", "c9", "c7"}));
  BOOST_TEST(contents.withheld_lines == (std::vector<size_t>{3, 4}));
  BOOST_TEST(contents.unreadable_lines == (std::vector<size_t>{5}));  // the torn one
}
