// Privacy: case files describe vulnerable families, so case content never reaches a log. A unique
// canary goes into every free-text and id field of a case; every command that reads cases runs with
// the most verbose logging, and no log line may hold a canary. (The case id may be logged: it is
// how logs name a case. Advice and reports on stdout are the output, not a log.)
#define BOOST_TEST_MODULE privacy
#include <httplib.h>

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "support/serve_process.h"

namespace fs = std::filesystem;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

fs::path scratch() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("koers-privacy-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The example case with a canary in every id and free text: ids of parents and children, risk
// factors and safety signals.
std::string canary_case() {
  std::string text = slurp(root() / "examples" / "gezin-0142.yaml");
  int n = 0;
  auto mark = [&](const std::string& pattern, const std::string& prefix) {
    std::regex re(pattern);
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), re);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      out += text.substr(last, static_cast<size_t>(it->position(1)) - last);
      out += "KANARIE" + std::to_string(++n);
      last = static_cast<size_t>(it->position(1) + it->length(1));
    }
    text = out + text.substr(last);
    (void)prefix;
  };
  mark(R"(- id: ([A-Za-z0-9_-]+))", "id");
  mark(R"(risk_factors: \[([^\],]+))", "risk");
  mark(R"(signals: \[([^\],]+))", "signal");
  BOOST_REQUIRE_GE(n, 4);
  return text;
}

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

Run run_koers(const std::string& args) {
  fs::path out = scratch() / "out";
  fs::path err = scratch() / "err";
  std::string cmd = "cd '" + root().string() + "' && '" KOERS_BINARY "' --log-level trace " + args +
                    " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

// Every log line (spdlog's "[level] ..." lines on stderr) of the run.
std::string log_lines(const std::string& err) {
  std::string out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, std::regex(R"(^\[(trace|debug|info|warning|error|critical)\])"))) {
      out += line + "\n";
    }
  }
  return out;
}

void expect_no_canary_in_logs(const std::string& what, const Run& r, bool whole_stderr) {
  const std::string logs = log_lines(r.err);
  BOOST_TEST(logs.find("KANARIE") == std::string::npos, what << " logged case content:\n" << logs);
  if (whole_stderr) {
    BOOST_TEST(r.err.find("KANARIE") == std::string::npos, what << " wrote case content:\n"
                                                                << r.err);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_command_logs_case_content) {
  const fs::path c = scratch() / "kanarie.yaml";
  std::ofstream(c, std::ios::binary) << canary_case();
  const std::string path = "'" + c.string() + "'";

  Run advise = run_koers("advise --as-of 2026-11-01 " + path);
  BOOST_TEST(advise.code == 0, advise.err);
  // The advice was given on the canary case (it no longer echoes the free-text tags it counts).
  BOOST_TEST(advise.out.find("Advies voor gezin-0142") != std::string::npos);
  BOOST_TEST(canary_case().find("KANARIE") != std::string::npos);
  BOOST_TEST(log_lines(advise.err).find("gezin-0142") != std::string::npos);  // the id is logged
  expect_no_canary_in_logs("advise", advise, true);
  expect_no_canary_in_logs("advise --format json",
                           run_koers("advise --as-of 2026-11-01 --format json " + path), true);
  expect_no_canary_in_logs("report",
                           run_koers("report --as-of 2026-11-01 " + path + " -o '" +
                                     (scratch() / "r.html").string() + "'"),
                           true);
  expect_no_canary_in_logs(
      "explain", run_koers("explain --as-of 2026-11-01 " + path + " --decision strategy"), true);
  expect_no_canary_in_logs(
      "diff",
      run_koers("diff --base policies/landelijk.yaml --head policies/voorbeeld-regio-noord.yaml " +
                path),
      true);
  std::ofstream(scratch() / "kanarie.suite.yaml")
      << "tests:\n  - name: kanarie\n    case: kanarie.yaml\n    expect:\n"
         "      decisions: {safety: acute}\n";  // fails: the failure report may show the advice
  Run test = run_koers("test '" + (scratch() / "kanarie.suite.yaml").string() + "'");
  BOOST_TEST(test.code == 1);
  expect_no_canary_in_logs("test", test, true);
}

BOOST_AUTO_TEST_CASE(a_rejected_case_is_not_logged_either) {
  // A bad value next to the canaries: the diagnostics on stderr quote the user's own file to the
  // user, but no log line may.
  std::string text = canary_case();
  text += "extra_KANARIE_key: KANARIE-waarde\n";
  const fs::path c = scratch() / "kanarie-fout.yaml";
  std::ofstream(c, std::ios::binary) << text;
  Run r = run_koers("advise --as-of 2026-11-01 '" + c.string() + "'");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.err.find("C306") != std::string::npos, r.err);
  expect_no_canary_in_logs("advise of a rejected case", r, false);
}

BOOST_AUTO_TEST_CASE(koers_serve_logs_and_audits_no_case_content) {
  const fs::path dir = scratch() / "serve";
  fs::create_directories(dir);
  const fs::path audit = dir / "audit.jsonl";
  std::string log;
  {
    koers::testing::ServeProcess server({"--audit", audit.string()}, dir, root(), "trace");
    httplib::Client client("127.0.0.1", server.port());
    const std::string body = canary_case();
    auto advice = client.Post("/v1/advice", body, "application/yaml");
    BOOST_REQUIRE(advice);
    BOOST_TEST(advice->status == 200);
    BOOST_TEST(advice->body.find("\"case_id\":\"gezin-0142\"") != std::string::npos);
    auto report = client.Post("/v1/report", body, "application/yaml");
    BOOST_REQUIRE(report);
    BOOST_TEST(report->status == 200);
    auto rejected =
        client.Post("/v1/advice", body + "extra_KANARIE_key: KANARIE-waarde\n", "application/yaml");
    BOOST_REQUIRE(rejected);
    BOOST_TEST(rejected->status == 422);
    // Feedback on the canary's advice (its reason is the professional's text, not case content).
    const auto answer = nlohmann::json::parse(advice->body);
    const std::string feedback = nlohmann::json{
        {"receipt", answer["receipt"]},
        {"verdict", "accepted"},
        {"decision", "strategy"},
        {"reason", "passend"}}.dump();
    auto recorded = client.Post("/v1/feedback", feedback, "application/json");
    BOOST_REQUIRE(recorded);
    BOOST_TEST(recorded->status == 201, recorded->body);
    BOOST_TEST(server.stop() == 0);
    log = server.log();
  }
  const std::string logs = log_lines(log);
  BOOST_TEST(logs.find("/v1/feedback") != std::string::npos, log);  // trace logging did happen
  BOOST_TEST(logs.find("gezin-0142") != std::string::npos, log);    // the id is logged
  BOOST_TEST(log.find("KANARIE") == std::string::npos, "koers serve logged case content:\n" << log);
  const std::string audited = slurp(audit);
  BOOST_TEST(audited.find("\"type\":\"feedback\"") != std::string::npos, audited);
  BOOST_TEST(audited.find("KANARIE") == std::string::npos, "the audit log holds case content:\n"
                                                               << audited);
}
