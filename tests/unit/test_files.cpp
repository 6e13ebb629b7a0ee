// Files with family data, and advice that does not depend on a path (issue 12 §4, §5): files the
// user names are replaced whole, never through a link unless asked, keeping mode and owner; the
// server's recorded cases and audit log are kept private and in order; the advice reads the same
// from any checkout of the rules; a rule set without its safety rules does not pass `koers check`.
#define BOOST_TEST_MODULE files
#include <httplib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "support/run_koers.h"
#include "support/serve_process.h"
#include "util/atomic_file.h"

namespace fs = std::filesystem;
using koers::testing::fresh_temp_dir;
using koers::testing::Run;
using koers::testing::run_koers;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;

namespace {

fs::path root() {
  return koers::testing::repository_root();
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

struct stat status_of(const fs::path& p) {
  struct stat st {};
  BOOST_REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st;
}

unsigned mode_of(const fs::path& p) {
  return status_of(p).st_mode & 07777;
}

// Every entry of `dir`, by name, to see that no temporary file is left behind.
std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// A copy of the shipped rules somewhere else, under another name.
fs::path copy_of_rules(const fs::path& dir) {
  const fs::path copy = dir / "elders" / "mijn-regels";
  fs::create_directories(copy.parent_path());
  fs::copy(root() / "rules", copy, fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", copy.parent_path() / "policies",
           fs::copy_options::recursive | fs::copy_options::skip_existing);
  return copy;
}

}  // namespace

// --- replace_file_atomically ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_link_planted_under_the_old_temporary_name_is_never_written_through) {
  const auto dir = fresh_temp_dir("files-planted");
  write(dir / "victim", "not yours");
  write(dir / "report.html", "old");
  // The old temporary name was `<target>.koers-tmp-<pid>`: anyone could prepare it.
  fs::create_symlink(dir / "victim", dir / ("report.html.koers-tmp-" + std::to_string(::getpid())));
  auto written = koers::replace_file_atomically(dir / "report.html", "new");
  BOOST_TEST(written.ok, written.error);
  BOOST_TEST(slurp_file(dir / "victim") == "not yours");
  BOOST_TEST(slurp_file(dir / "report.html") == "new");
}

BOOST_AUTO_TEST_CASE(a_symlink_target_is_refused_unless_asked_then_its_file_is_replaced) {
  const auto dir = fresh_temp_dir("files-link");
  write(dir / "real.koers", "old");
  fs::create_symlink("real.koers", dir / "link.koers");
  auto refused = koers::replace_file_atomically(dir / "link.koers", "new");
  BOOST_TEST(!refused.ok);
  BOOST_TEST(refused.error.find("symbolic link") != std::string::npos, refused.error);
  BOOST_TEST(slurp_file(dir / "real.koers") == "old");
  BOOST_TEST(fs::is_symlink(dir / "link.koers"));

  koers::ReplaceOptions follow;
  follow.follow_symlinks = true;
  auto written = koers::replace_file_atomically(dir / "link.koers", "new", follow);
  BOOST_TEST(written.ok, written.error);
  BOOST_TEST(fs::is_symlink(dir / "link.koers"));  // the link stays a link
  BOOST_TEST(slurp_file(dir / "real.koers") == "new");
  BOOST_TEST(names_in(dir) == (std::set<std::string>{"link.koers", "real.koers"}));
}

BOOST_AUTO_TEST_CASE(an_existing_file_keeps_its_mode_owner_and_group) {
  const auto dir = fresh_temp_dir("files-owner");
  write(dir / "rules.koers", "old");
  ::chmod((dir / "rules.koers").c_str(), 0640);
  const bool can_chown = ::geteuid() == 0;  // as root, the owner can be another user's
  if (can_chown) BOOST_REQUIRE(::chown((dir / "rules.koers").c_str(), 4321, 4322) == 0);
  const struct stat before = status_of(dir / "rules.koers");
  auto written = koers::replace_file_atomically(dir / "rules.koers", "new");
  BOOST_TEST(written.ok, written.error);
  const struct stat after = status_of(dir / "rules.koers");
  BOOST_TEST(after.st_ino != before.st_ino);  // replaced, not rewritten in place
  BOOST_TEST((after.st_mode & 07777) == 0640u);
  BOOST_TEST(after.st_uid == before.st_uid);
  BOOST_TEST(after.st_gid == before.st_gid);
  if (!can_chown) BOOST_TEST_MESSAGE("not root: the owner test only covers our own files");
}

BOOST_AUTO_TEST_CASE(a_new_file_gets_the_mode_asked_for_and_a_non_file_is_refused) {
  const auto dir = fresh_temp_dir("files-new");
  koers::ReplaceOptions private_file;
  private_file.new_file_mode = 0600;
  BOOST_TEST(koers::replace_file_atomically(dir / "case.yaml", "x", private_file).ok);
  BOOST_TEST(mode_of(dir / "case.yaml") == 0600u);
  const mode_t mask = ::umask(022);
  BOOST_TEST(koers::replace_file_atomically(dir / "report.html", "x").ok);
  ::umask(mask);
  BOOST_TEST(mode_of(dir / "report.html") == 0644u);

  fs::create_directory(dir / "a-directory");
  auto refused = koers::replace_file_atomically(dir / "a-directory", "x");
  BOOST_TEST(!refused.ok);
  BOOST_TEST(refused.error.find("not a regular file") != std::string::npos, refused.error);
  BOOST_TEST(names_in(dir) == (std::set<std::string>{"a-directory", "case.yaml", "report.html"}));
}

// --- the commands that write files the user names ------------------------------------------

BOOST_AUTO_TEST_CASE(report_output_that_is_a_symlink_is_refused_unless_follow_symlinks) {
  const auto dir = fresh_temp_dir("files-report");
  write(dir / "elsewhere.html", "keep me");
  ::chmod((dir / "elsewhere.html").c_str(), 0600);
  fs::create_symlink(dir / "elsewhere.html", dir / "advies.html");
  const std::string args =
      "report examples/gezin-0142.yaml -o '" + (dir / "advies.html").string() + "'";
  Run refused = run_koers(args);
  BOOST_TEST(refused.code == 2);
  BOOST_TEST(refused.err.find("symbolic link") != std::string::npos, refused.err);
  BOOST_TEST(slurp_file(dir / "elsewhere.html") == "keep me");

  Run followed = run_koers(args + " --follow-symlinks");
  BOOST_TEST(followed.code == 0, followed.err);
  BOOST_TEST(fs::is_symlink(dir / "advies.html"));
  BOOST_TEST(slurp_file(dir / "elsewhere.html").find("<!DOCTYPE html>") == 0u);
  BOOST_TEST(mode_of(dir / "elsewhere.html") == 0600u);  // the family's report stays private
}

BOOST_AUTO_TEST_CASE(fmt_and_test_update_refuse_a_symlinked_file_unless_follow_symlinks) {
  const auto dir = fresh_temp_dir("files-fmt");
  const std::string messy =
      "rule r.a {\n      title   \"A\"\n  when true\n recommend support x \"x\"\n}\n";
  write(dir / "real.koers", messy);
  fs::create_symlink(dir / "real.koers", dir / "link.koers");
  Run refused = run_koers("fmt '" + (dir / "link.koers").string() + "'");
  BOOST_TEST(refused.code == 2);
  BOOST_TEST(refused.err.find("symbolic link") != std::string::npos, refused.err);
  BOOST_TEST(slurp_file(dir / "real.koers") == messy);
  Run followed = run_koers("fmt --follow-symlinks '" + (dir / "link.koers").string() + "'");
  BOOST_TEST(followed.code == 0, followed.err);
  BOOST_TEST(slurp_file(dir / "real.koers") != messy);
  BOOST_TEST(fs::is_symlink(dir / "link.koers"));

  // A suite whose expectation is out of date, reached through a link.
  const std::string suite =
      "tests:\n  - name: verouderd\n    case: " + (root() / "examples/gezin-0142.yaml").string() +
      "\n    as_of: 2026-11-01\n"
      "    expect:\n      decisions: {strategy: direct_hulpaanbod}\n";
  write(dir / "real.suite.yaml", suite);
  fs::create_directory(dir / "suites");
  fs::create_symlink(dir / "real.suite.yaml", dir / "suites" / "link.suite.yaml");
  Run update = run_koers("test --update '" + (dir / "suites").string() + "'");
  BOOST_TEST(update.code == 1);
  BOOST_TEST(update.out.find("symbolic link") != std::string::npos, update.out);
  BOOST_TEST(slurp_file(dir / "real.suite.yaml") == suite);
  Run updated = run_koers("test --update --follow-symlinks '" + (dir / "suites").string() + "'");
  BOOST_TEST(updated.out.find("UPDATED") != std::string::npos, updated.out);
  BOOST_TEST(slurp_file(dir / "real.suite.yaml") != suite);
  BOOST_TEST(fs::is_symlink(dir / "suites" / "link.suite.yaml"));
}

// --- advice that does not depend on where the rules are ---------------------------------------

BOOST_AUTO_TEST_CASE(a_copy_of_the_rules_elsewhere_gives_byte_identical_text_json_and_report) {
  const auto dir = fresh_temp_dir("files-copy");
  const fs::path copy = copy_of_rules(dir);
  fs::copy_file(root() / "policies" / "landelijk.yaml", dir / "elders" / "beleid.yaml");
  const std::string here = "--rules rules --policy policies/landelijk.yaml --as-of 2026-11-01 ";
  const std::string there = "--rules '" + copy.string() + "' --policy '" +
                            (dir / "elders" / "beleid.yaml").string() + "' --as-of 2026-11-01 ";
  const std::string shipped = "--as-of 2026-11-01 ";
  for (const std::string command : {"advise", "advise --format json", "report"}) {
    BOOST_TEST_CONTEXT(command) {
      for (const char* example : {"examples/gezin-0142.yaml", "examples/gezin-0217-acuut.yaml"}) {
        Run a = run_koers(command + " " + here + example);
        Run b = run_koers(command + " " + there + example);
        Run c = run_koers(command + " " + shipped + example);
        BOOST_TEST(a.code == 0, a.err);
        BOOST_TEST(b.code == 0, b.err);
        BOOST_TEST(!a.out.empty());
        BOOST_TEST(a.out == b.out);
        BOOST_TEST(a.out == c.out);
        BOOST_TEST(b.out.find(dir.string()) == std::string::npos);
        BOOST_TEST(b.out.find("mijn-regels") == std::string::npos);
      }
    }
  }
}

// --- koers check: an alert decision needs a rule ----------------------------------------------

BOOST_AUTO_TEST_CASE(a_rule_set_without_its_safety_rules_fails_check_with_k225) {
  const auto dir = fresh_temp_dir("files-alert");
  const fs::path copy = copy_of_rules(dir);
  Run whole = run_koers("check --rules '" + copy.string() + "' --policy policies/landelijk.yaml");
  BOOST_TEST(whole.code == 0, whole.err);
  fs::remove(copy / "veiligheid.koers");
  Run without = run_koers("check --rules '" + copy.string() + "' --policy policies/landelijk.yaml");
  BOOST_TEST(without.code == 2);
  BOOST_TEST(without.err.find("error[K225]") != std::string::npos, without.err);
  // Where the decision is declared, as file:line:col.
  BOOST_TEST(
      without.err.find("besluiten.koers:19:10: error[K225]: decision `safety` is an alert") !=
          std::string::npos,
      without.err);
  // And no advice is given with it.
  Run advise = run_koers("advise --as-of 2026-11-01 --rules '" + copy.string() +
                         "' examples/gezin-0142.yaml");
  BOOST_TEST(advise.code == 2);
}

// --- koers serve: recorded cases, the audit log, paths in answers -----------------------------

BOOST_AUTO_TEST_CASE(recorded_cases_are_0600_in_a_0700_directory_and_on_disk_before_the_audit) {
  const auto dir = fresh_temp_dir("files-record");
  const fs::path cases = dir / "cases";
  const std::string body = slurp_file(root() / "examples/gezin-0142.yaml");
  std::string recorded;
  {
    ServeProcess server({"--audit", (dir / "audit.jsonl").string(), "--record", cases.string()},
                        dir, root());
    httplib::Client client("127.0.0.1", server.port());
    auto res = client.Post("/v1/advice", body, "application/yaml");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    BOOST_TEST(mode_of(cases) == 0700u);
    BOOST_REQUIRE(names_in(cases).size() == 1u);
    recorded = *names_in(cases).begin();
    BOOST_TEST(mode_of(cases / recorded) == 0600u);
    BOOST_TEST(slurp_file(cases / recorded) == body);
  }
  // When the case cannot be kept, no audit line names it and no advice is given.
  const fs::path blocked = dir / "blocked";
  ::mkdir(blocked.c_str(), 0700);
  fs::create_directory(blocked / recorded);  // its name is taken
  const fs::path audit = dir / "audit2.jsonl";
  ServeProcess server({"--audit", audit.string(), "--record", blocked.string()}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/v1/advice", body, "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 500);
  BOOST_TEST(res->body.find("record_failed") != std::string::npos, res->body);
  BOOST_TEST(res->body.find(dir.string()) == std::string::npos, res->body);
  BOOST_TEST(slurp_file(audit).find("\"advice\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(serve_refuses_a_record_directory_others_can_use_and_an_audit_link) {
  const auto dir = fresh_temp_dir("files-refuse");
  fs::create_directory(dir / "open");
  ::chmod((dir / "open").c_str(), 0755);
  Run open = run_koers("serve --listen 127.0.0.1:0 --record '" + (dir / "open").string() + "'");
  BOOST_TEST(open.code == 2);
  BOOST_TEST(open.err.find("chmod 700") != std::string::npos, open.err);
  BOOST_TEST(mode_of(dir / "open") == 0755u);  // told, not silently changed

  write(dir / "real.jsonl", "");
  fs::create_symlink(dir / "real.jsonl", dir / "audit.jsonl");
  Run linked =
      run_koers("serve --listen 127.0.0.1:0 --audit '" + (dir / "audit.jsonl").string() + "'");
  BOOST_TEST(linked.code == 2);
  BOOST_TEST(linked.err.find("symbolic link") != std::string::npos, linked.err);
  Run device = run_koers("serve --listen 127.0.0.1:0 --audit /dev/null");
  BOOST_TEST(device.code == 2);
  BOOST_TEST(device.err.find("not a regular file") != std::string::npos, device.err);
  Run advise = run_koers("advise --as-of 2026-11-01 --audit '" + (dir / "audit.jsonl").string() +
                         "' examples/gezin-0142.yaml");
  BOOST_TEST(advise.code == 2);
  BOOST_TEST(slurp_file(dir / "real.jsonl").empty());
}

BOOST_AUTO_TEST_CASE(no_serve_answer_names_a_path_of_the_server) {
  const auto dir = fresh_temp_dir("files-serve-paths");
  const fs::path copy = copy_of_rules(dir);
  fs::copy_file(root() / "policies" / "landelijk.yaml", dir / "elders" / "beleid.yaml");
  ServeProcess server(
      {"--rules", copy.string(), "--policy", (dir / "elders" / "beleid.yaml").string()}, dir,
      root());
  httplib::Client client("127.0.0.1", server.port());
  const std::string body = slurp_file(root() / "examples/gezin-0142.yaml");
  std::vector<std::string> answers;
  for (const char* path : {"/v1/rules", "/healthz", "/v1/examples"}) {
    auto res = client.Get(path);
    BOOST_REQUIRE(res);
    answers.push_back(res->body);
  }
  for (const char* path : {"/v1/advice", "/v1/report"}) {
    auto res = client.Post(path, body, "application/yaml");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    answers.push_back(res->body);
  }
  // A broken rule file: the reload's diagnostics name it by its place in the rule set.
  write(copy / "veiligheid.koers", slurp_file(copy / "veiligheid.koers") + "\nrule {\n");
  auto res = client.Post("/v1/reload", "", "application/json");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  BOOST_TEST(res->body.find("\"file\":\"veiligheid.koers\"") != std::string::npos, res->body);
  answers.push_back(res->body);
  fs::remove(copy / "veiligheid.koers");
  res = client.Post("/v1/reload", "", "application/json");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  BOOST_TEST(res->body.find("K225") != std::string::npos, res->body);
  answers.push_back(res->body);
  for (const auto& answer : answers) {
    BOOST_TEST(answer.find(dir.string()) == std::string::npos, answer.substr(0, 400));
    BOOST_TEST(answer.find(root().string() + "/") == std::string::npos, answer.substr(0, 400));
    BOOST_TEST(answer.find("mijn-regels") == std::string::npos, answer.substr(0, 400));
  }
}

// --- the default policy the rules name ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_copy_of_the_rules_without_their_policy_says_where_it_was_looked_for) {
  const auto dir = fresh_temp_dir("files-no-policy");
  fs::copy(root() / "rules", dir / "regels", fs::copy_options::recursive);
  Run without = run_koers("check --rules '" + (dir / "regels").string() + "'");
  BOOST_TEST(without.code == 2);
  BOOST_TEST(without.err.find("error[P401]: the rules name `../policies/landelijk.yaml` as their "
                              "default policy (`default policy`), but it is not there") !=
                 std::string::npos,
             without.err);
  BOOST_TEST(without.err.find((dir / "policies" / "landelijk.yaml").string()) != std::string::npos,
             without.err);
  Run given = run_koers("check --rules '" + (dir / "regels").string() +
                        "' --policy policies/landelijk.yaml");
  BOOST_TEST(given.code == 0, given.err);
  // With the policy beside the rules, as the rules name it.
  fs::copy(root() / "policies", dir / "policies", fs::copy_options::recursive);
  Run beside = run_koers("check --rules '" + (dir / "regels").string() + "'");
  BOOST_TEST(beside.code == 0, beside.err);
  BOOST_TEST(beside.out.find("policy landelijk 2026-01") != std::string::npos, beside.out);
}
