// The audit log's hash chain: each line carries the SHA-256 of the line before it, so a line
// removed, inserted or changed in the middle is found by `koers audit verify` (and by replay and
// feedback export, which verify first) and named by file and line; across rotated files, a torn
// line and its repair, older lines from before the chain, and two writers on one file.
#define BOOST_TEST_MODULE audit_chain
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "service/audit_chain.h"
#include "service/audit_log.h"
#include "support/temp_audit_log.h"
#include "util/sha256.h"

namespace fs = std::filesystem;
using koers::service::AuditLog;
using koers::testing::lines_of;
using TempLog = koers::testing::TempAuditLog;
using koers::service::ChainReport;
using koers::service::verify_audit_chain;

namespace {

std::string advice_line(const std::string& case_id, int n) {
  return nlohmann::ordered_json{{"type", "advice"},
                                {"time", "2026-12-07T10:00:00.000Z"},
                                {"receipt", "sha256:r" + case_id + std::to_string(n)},
                                {"case_id", case_id},
                                {"case_sha256", "sha256:c" + case_id},
                                {"as_of", "2026-12-01"},
                                {"rules_sha256", "sha256:rules"},
                                {"decisions", {{"mpg", "true"}}},
                                {"advice_sha256", "sha256:a" + std::to_string(n)}}
      .dump();
}

std::string feedback_line(const std::string& receipt) {
  return nlohmann::ordered_json{{"type", "feedback"},      {"time", "2026-12-07T10:05:00.000Z"},
                                {"receipt", receipt},      {"case_id", "c"},
                                {"verdict", "overridden"}, {"decision", "mpg"},
                                {"advised", "true"},       {"value", "false"},
                                {"reason", "hand-written"}}
      .dump();
}

void write_lines(const fs::path& path, int count, const std::string& case_id = "c") {
  auto log = AuditLog::open(path.string(), nullptr);
  for (int n = 0; n < count; ++n) {
    std::string error;
    BOOST_REQUIRE_MESSAGE(log->append(advice_line(case_id, n), error), error);
  }
}

void put_lines(const fs::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const auto& line : lines) out << line << '\n';
}

ChainReport verify(const std::vector<fs::path>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) files.push_back(p.string());
  return verify_audit_chain(files);
}

std::string hash_of(const std::string& line) {
  return "sha256:" + koers::sha256_hex(line);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_line_carries_the_hash_of_the_line_before) {
  TempLog temp;
  write_lines(temp.path, 5);
  const auto lines = lines_of(temp.path);
  BOOST_REQUIRE(lines.size() == 5u);
  BOOST_TEST(nlohmann::json::parse(lines[0])["prev_sha256"].is_null());  // the chain begins
  for (size_t i = 1; i < lines.size(); ++i) {
    BOOST_TEST(nlohmann::json::parse(lines[i])["prev_sha256"] == hash_of(lines[i - 1]));
  }
  const ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact());
  BOOST_TEST(report.lines == 5u);
  BOOST_TEST(report.chained == 5u);
  BOOST_TEST(report.last_sha256 == hash_of(lines.back()));
  BOOST_TEST(koers::service::describe(report).find("chain intact: 5 lines, 5 chained") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_removed_inserted_or_changed_line_is_found_at_the_line_after_it) {
  TempLog temp;
  write_lines(temp.path, 6);
  const auto lines = lines_of(temp.path);
  const fs::path tampered = temp.dir / "tampered.jsonl";

  auto removed = lines;
  removed.erase(removed.begin() + 2);  // line 3 gone: line 3 is now the old line 4
  put_lines(tampered, removed);
  ChainReport report = verify({tampered});
  BOOST_REQUIRE(report.breaks.size() == 1u);
  BOOST_TEST(report.breaks[0].line == 3u);
  BOOST_TEST(report.breaks[0].file == tampered.string());
  BOOST_TEST(report.breaks[0].what.find("chain is broken") != std::string::npos);

  auto changed = lines;
  changed[1].replace(changed[1].find("\"mpg\":\"true\""), 12, "\"mpg\":\"fals\"");
  put_lines(tampered, changed);
  report = verify({tampered});
  BOOST_REQUIRE(report.breaks.size() == 1u);
  BOOST_TEST(report.breaks[0].line == 3u);

  // A hand-written feedback line, first without a chain hash, then with the right one: the line
  // after it no longer vouches for its predecessor either way.
  auto inserted = lines;
  inserted.insert(inserted.begin() + 3, feedback_line("sha256:rc1"));
  put_lines(tampered, inserted);
  report = verify({tampered});
  BOOST_REQUIRE(report.breaks.size() == 2u);
  BOOST_TEST(report.breaks[0].line == 4u);
  BOOST_TEST(report.breaks[0].what.find("without a chain hash") != std::string::npos);
  BOOST_TEST(report.breaks[1].line == 5u);

  std::string forged = feedback_line("sha256:rc1");
  forged.pop_back();
  forged += ",\"prev_sha256\":\"" + hash_of(lines[2]) + "\"}";
  inserted[3] = forged;
  put_lines(tampered, inserted);
  report = verify({tampered});
  BOOST_REQUIRE(report.breaks.size() == 1u);
  BOOST_TEST(report.breaks[0].line == 5u);

  // Malformed lines are named too, with what is wrong.
  auto malformed = lines;
  malformed.push_back(
      R"({"type":"feedback","time":"t","receipt":"r","verdict":"maybe","prev_sha256":")" +
      hash_of(lines.back()) + "\"}");
  put_lines(tampered, malformed);
  report = verify({tampered});
  BOOST_REQUIRE(report.breaks.size() == 1u);
  BOOST_TEST(report.breaks[0].line == 7u);
  BOOST_TEST(report.breaks[0].what.find("verdict") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_chain_runs_on_across_a_rotation) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  for (int n = 0; n < 3; ++n) BOOST_REQUIRE(log->append(advice_line("a", n), error));
  fs::rename(temp.path, temp.dir / "audit.jsonl.1");  // as logrotate does
  for (int n = 0; n < 2; ++n) BOOST_REQUIRE(log->append(advice_line("b", n), error));
  const auto old_lines = lines_of(temp.dir / "audit.jsonl.1");
  const auto new_lines = lines_of(temp.path);
  BOOST_REQUIRE(old_lines.size() == 3u);
  BOOST_REQUIRE(new_lines.size() == 2u);
  // The new file's first line carries the old file's last hash.
  BOOST_TEST(nlohmann::json::parse(new_lines[0])["prev_sha256"] == hash_of(old_lines.back()));
  BOOST_TEST(verify({temp.dir / "audit.jsonl.1", temp.path}).intact());
  // Alone, the new file is intact but says that its chain begins in an older file.
  const ChainReport alone = verify({temp.path});
  BOOST_TEST(alone.intact());
  BOOST_TEST(alone.begins_after == hash_of(old_lines.back()));
  // Newest first is found: the first file given follows the last line of the second.
  const ChainReport reversed = verify({temp.path, temp.dir / "audit.jsonl.1"});
  BOOST_REQUIRE(!reversed.intact());
  BOOST_TEST(reversed.breaks[0].file == temp.path.string());
  BOOST_TEST(reversed.breaks[0].line == 1u);
  BOOST_TEST(reversed.breaks[0].what.find("not given oldest first") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_torn_line_is_passed_over_only_with_its_repair_line) {
  TempLog temp;
  write_lines(temp.path, 2);
  std::ofstream(temp.path, std::ios::app | std::ios::binary) << R"({"type":"advice","ti)";
  // Not yet repaired: not a break, but reported.
  ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact());
  BOOST_REQUIRE(report.notes.size() == 1u);
  BOOST_TEST(report.notes[0].line == 3u);
  BOOST_TEST(report.notes[0].what.find("torn last line") != std::string::npos);
  // The next writer repairs it, chained to the last whole line, and goes on after the repair.
  std::string note;
  auto log = AuditLog::open(temp.path.string(), &note);
  BOOST_TEST(!note.empty());
  std::string error;
  BOOST_REQUIRE(log->append(advice_line("c", 9), error));
  const auto lines = lines_of(temp.path);
  BOOST_REQUIRE(lines.size() == 5u);
  const auto repair = nlohmann::json::parse(lines[3]);
  BOOST_TEST(repair["type"] == "repair");
  BOOST_TEST(repair["prev_sha256"] == hash_of(lines[1]));
  report = verify({temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
  BOOST_TEST(report.torn == 1u);
  // Garbage put in the middle of the log has no repair line naming it.
  auto garbage = lines;
  garbage.insert(garbage.begin() + 1, "not json");
  put_lines(temp.path, garbage);
  report = verify({temp.path});
  BOOST_REQUIRE(!report.intact());
  BOOST_TEST(report.breaks[0].line == 2u);
  BOOST_TEST(report.breaks[0].what.find("no repair line") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(older_lines_without_a_chain_are_counted_and_new_lines_chain_onto_them) {
  TempLog temp;
  const std::vector<std::string> older = {advice_line("old", 0), advice_line("old", 1)};
  put_lines(temp.path, older);
  write_lines(temp.path, 2);
  const auto lines = lines_of(temp.path);
  BOOST_TEST(nlohmann::json::parse(lines[2])["prev_sha256"] == hash_of(older[1]));
  const ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact());
  BOOST_TEST(report.unchained == 2u);
  BOOST_TEST(report.chained == 2u);
  BOOST_TEST(koers::service::describe(report).find("2 lines at the start carry no chain hash") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_withheld_line_must_name_lines_before_it) {
  TempLog temp;
  write_lines(temp.path, 1);
  auto lines = lines_of(temp.path);
  lines.push_back(R"({"type":"withheld","time":"t","lines_sha256":["00"],"prev_sha256":")" +
                  hash_of(lines[0]) + "\"}");
  put_lines(temp.path, lines);
  const ChainReport report = verify({temp.path});
  BOOST_REQUIRE(report.breaks.size() == 1u);
  BOOST_TEST(report.breaks[0].line == 2u);
}

BOOST_AUTO_TEST_CASE(two_writers_on_one_file_keep_one_chain) {
  // Two logs on one path (as a server and `koers advise --audit` in another process): each
  // locks the file, reads the line last written by the other, and chains onto it.
  TempLog temp;
  auto first = AuditLog::open(temp.path.string(), nullptr);
  auto second = AuditLog::open(temp.path.string(), nullptr, /*index_receipts=*/false);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      AuditLog& log = t % 2 == 0 ? *first : *second;
      for (int n = 0; n < 50; ++n) {
        std::string error;
        BOOST_TEST(log.append(advice_line("w" + std::to_string(t), n), error), error);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
  BOOST_TEST(report.chained == 200u);
}

namespace {

// Runs `body` with the process's file-size limit set to `bytes` (as a full disk would fail a
// write part-way), and lifts it again.
void with_file_size_limit(rlim_t bytes, const std::function<void()>& body) {
  rlimit before{};
  ::getrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, SIG_IGN);
  const rlimit small{bytes, before.rlim_max};
  ::setrlimit(RLIMIT_FSIZE, &small);
  body();
  ::setrlimit(RLIMIT_FSIZE, &before);
}

// The length of `line` as written: with `,"prev_sha256":"sha256:<64 hex digits>"` added.
size_t written_size(const std::string& line) {
  return line.size() + 88;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_write_that_stops_just_before_its_newline_leaves_a_whole_line) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_REQUIRE(log->append(advice_line("a", 0), error));
  const std::string refused = advice_line("a", 1);
  with_file_size_limit(fs::file_size(temp.path) + written_size(refused),
                       [&] { BOOST_TEST(!log->append(refused, error)); });
  BOOST_REQUIRE(log->append(advice_line("a", 2), error));
  // The line is whole: it gets its newline (no repair line), and the note names it as withheld.
  const auto lines = lines_of(temp.path);
  BOOST_REQUIRE(lines.size() == 4u);
  BOOST_TEST(nlohmann::json::parse(lines[1])["case_id"] == "a");
  BOOST_TEST(nlohmann::json::parse(lines[2])["type"] == "withheld");
  BOOST_TEST(nlohmann::json::parse(lines[2])["lines_sha256"][0] == koers::sha256_hex(lines[1]));
  const ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
  BOOST_TEST(report.torn == 0u);
}

BOOST_AUTO_TEST_CASE(a_repair_cut_short_by_a_full_disk_is_repaired_with_the_torn_line_before_it) {
  TempLog temp;
  auto log = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_REQUIRE(log->append(advice_line("a", 0), error));
  with_file_size_limit(fs::file_size(temp.path) + 50,
                       [&] { BOOST_TEST(!log->append(advice_line("a", 1), error)); });
  // The next write repairs first; that repair is cut short too.
  with_file_size_limit(fs::file_size(temp.path) + 60,
                       [&] { BOOST_TEST(!log->append(advice_line("a", 2), error)); });
  BOOST_REQUIRE(log->append(advice_line("a", 3), error));
  const auto lines = lines_of(temp.path);
  BOOST_REQUIRE(lines.size() == 5u);  // whole, torn, torn repair, repair, whole
  const auto repair = nlohmann::json::parse(lines[3]);
  BOOST_TEST(repair["prev_sha256"] == hash_of(lines[0]));
  BOOST_TEST(repair["earlier_torn_sha256"][0] == hash_of(lines[1]));
  BOOST_TEST(repair["torn_sha256"] == hash_of(lines[2]));
  const ChainReport report = verify({temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
  BOOST_TEST(report.torn == 2u);
}

BOOST_AUTO_TEST_CASE(a_rotation_chains_onto_the_line_another_writer_wrote_last) {
  TempLog temp;
  auto server = AuditLog::open(temp.path.string(), nullptr);
  std::string error;
  BOOST_REQUIRE(server->append(advice_line("s", 0), error));
  {
    auto advise = AuditLog::open(temp.path.string(), nullptr, /*index_receipts=*/false);
    BOOST_REQUIRE(advise->append(advice_line("advise", 0), error));
  }
  fs::rename(temp.path, temp.dir / "audit.jsonl.1");
  BOOST_REQUIRE(server->append(advice_line("s", 1), error));
  const ChainReport report = verify({temp.dir / "audit.jsonl.1", temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
}

BOOST_AUTO_TEST_CASE(a_writer_that_never_saw_the_older_file_starts_anew_and_says_so) {
  TempLog temp;
  write_lines(temp.path, 2);
  fs::rename(temp.path, temp.dir / "audit.jsonl.1");
  write_lines(temp.path, 1);  // a new process: its first line begins a chain
  const ChainReport report = verify({temp.dir / "audit.jsonl.1", temp.path});
  BOOST_TEST(report.intact(), koers::service::describe(report));
  BOOST_REQUIRE(report.notes.size() == 1u);
  BOOST_TEST(report.notes[0].file == temp.path.string());
  BOOST_TEST(report.notes[0].line == 1u);
  BOOST_TEST(report.notes[0].what.find("starts anew") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(from_the_start_finds_lines_removed_from_the_first_file) {
  TempLog temp;
  write_lines(temp.path, 3);
  auto lines = lines_of(temp.path);
  BOOST_TEST(verify_audit_chain({temp.path.string()}, /*from_the_start=*/true).intact());
  lines.erase(lines.begin());
  put_lines(temp.path, lines);
  BOOST_TEST(verify({temp.path}).intact());  // without: only a note that it follows a line
  const ChainReport strict = verify_audit_chain({temp.path.string()}, true);
  BOOST_REQUIRE(strict.breaks.size() == 1u);
  BOOST_TEST(strict.breaks[0].line == 1u);
}
