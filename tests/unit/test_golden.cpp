// Golden outputs: every example case, with the shipped rules and the landelijk policy, gives
// exactly the JSON in tests/golden/; the maintainers' reports (`koers diff`, `koers lint` with its
// counterexamples, `koers test --coverage`) give exactly their text. Refresh after an intended
// change with KOERS_UPDATE_GOLDEN=1 and review the diff like code.
#define BOOST_TEST_MODULE golden
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "policy/policy.h"
#include "report/render.h"
#include "support/koers_fixture.h"

namespace fs = std::filesystem;
using namespace koers;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `koers ARGS` in `cwd`, stdout and stderr together (stderr first, as a terminal shows them
// when both go to one file is not stable); returns "exit N" plus the output.
std::string koers_output(const std::string& args, const fs::path& cwd) {
  fs::path out = fs::temp_directory_path() / ("koers-golden-" + std::to_string(::getpid()));
  std::string cmd = "cd '" + cwd.string() + "' && '" KOERS_BINARY "' " + args + " >'" +
                    out.string() + ".out' 2>'" + out.string() + ".err'";
  int status = std::system(cmd.c_str());
  std::string text = "exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                     "\n--- stdout\n" + read(out.string() + ".out") + "--- stderr\n" +
                     read(out.string() + ".err");
  fs::remove(out.string() + ".out");
  fs::remove(out.string() + ".err");
  return text;
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path golden = root() / "tests" / "golden" / name;
  if (std::getenv("KOERS_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  BOOST_TEST_REQUIRE(fs::exists(golden),
                     "no golden file " << golden << "; run with KOERS_UPDATE_GOLDEN=1");
  BOOST_TEST(actual == read(golden), "output differs from " << golden << "\nactual:\n" << actual);
}

}  // namespace

BOOST_AUTO_TEST_CASE(diff_report_between_two_policies) {
  check_golden("diff-landelijk-regio-noord.txt",
               koers_output("diff --base policies/landelijk.yaml --head "
                            "policies/voorbeeld-regio-noord.yaml "
                            "tests/cases/beleid/regio_noord.suite.yaml examples",
                            root()));
}

BOOST_AUTO_TEST_CASE(coverage_report_of_the_regression_suites) {
  check_golden("coverage.txt", koers_output("test --coverage", root()));
}

BOOST_AUTO_TEST_CASE(lint_findings_and_their_counterexamples) {
  // A rule set of its own: the shipped schema plus tests/golden/lint/fouten.koers.
  fs::path dir = fs::temp_directory_path() / ("koers-golden-lint-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "rules");
  fs::copy_file(root() / "rules" / "schema.koers", dir / "rules" / "schema.koers");
  fs::copy_file(root() / "tests" / "golden" / "lint" / "fouten.koers",
                dir / "rules" / "fouten.koers");
  std::string actual =
      koers_output("lint --rules rules --as-of 2026-11-01 --counterexamples cx", dir);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "cx")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) actual += "--- " + f.filename().string() + "\n" + read(f);
  // Each counterexample is a valid case that shows its finding: today's advice passes.
  std::string replay = koers_output("test --rules rules cx", dir);
  BOOST_TEST(replay.find("exit 0") == 0u, replay);
  fs::remove_all(dir);
  check_golden("lint/findings.txt", actual);
}

BOOST_AUTO_TEST_CASE(examples_match_their_golden_advice) {
  Diagnostics diags;
  auto program = load_rule_set((root() / "rules").string(), diags);
  BOOST_TEST_REQUIRE(program.has_value(), render_all(diags));
  program->rules_path = "rules";
  auto policy =
      load_policy_file(*program, (root() / "policies" / "landelijk.yaml").string(), diags);
  BOOST_TEST_REQUIRE(policy.has_value(), render_all(diags));
  const bool update = std::getenv("KOERS_UPDATE_GOLDEN") != nullptr;

  std::vector<fs::path> examples;
  for (const auto& e : fs::directory_iterator(root() / "examples")) {
    if (e.path().extension() == ".yaml") examples.push_back(e.path());
  }
  std::sort(examples.begin(), examples.end());
  BOOST_TEST_REQUIRE(examples.size() >= 4u);
  for (const auto& example : examples) {
    BOOST_TEST_CONTEXT(example.filename().string()) {
      Diagnostics case_diags;
      auto c = load_case_file(program->schema, example.string(), case_diags);
      BOOST_TEST_REQUIRE(c.has_value(), render_all(case_diags));
      // The examples carry no as_of (advice as of today for whoever tries them); their goldens
      // are of the date they describe.
      BOOST_TEST(!c->as_of.has_value(), "an example names its own advice date");
      Advice advice = evaluate(*program, *policy, *c, testing::date_of(testing::kExampleDate));
      std::string actual = render_json(*program, advice) + "\n";
      fs::path golden = root() / "tests" / "golden" / (example.stem().string() + ".json");
      if (update) {
        std::ofstream(golden, std::ios::binary) << actual;
        continue;
      }
      BOOST_TEST_REQUIRE(fs::exists(golden),
                         "no golden file " << golden << "; run with KOERS_UPDATE_GOLDEN=1");
      std::string expected = read(golden);
      BOOST_TEST(actual == expected, "advice differs from " << golden << "\nactual:\n" << actual);
    }
  }
}
