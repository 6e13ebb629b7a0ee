// Golden advice: every example case, with the shipped rules and the landelijk policy, gives exactly
// the JSON in tests/golden/. Refresh after an intended change with KOERS_UPDATE_GOLDEN=1 and review
// the diff like code.
#define BOOST_TEST_MODULE golden
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "data/policy.h"
#include "eval/evaluator.h"
#include "report/render.h"

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

}  // namespace

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
      Advice advice = evaluate(*program, *policy, *c, c->as_of.value());
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
