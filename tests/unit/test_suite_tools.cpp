// The maintainers' suite tools: `koers test --update` (rewriting the expectations of a failed test
// and nothing else) and MC/DC coverage (did each condition decide its rule both ways).
#define BOOST_TEST_MODULE suite_tools
#include <boost/test/unit_test.hpp>

#include <yaml-cpp/yaml.h>

#include <string>

#include "suite/coverage.h"
#include "suite/update.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::case_from;
using koers::testing::date_of;
using koers::testing::defaults_of;
using koers::testing::minimal_case;
using koers::testing::program_with;

namespace {

const char* const kSuite = R"(# kopregel blijft staan
tests:
  # eerste test
  - name: een
    case: a.yaml
    expect:
      decisions:
        mpg: true
        strategy: refresh
      recommendations:
        present: [netwerkoverleg, collega_inzetten]
        absent: [direct_ingrijpen]
        order: [netwerkoverleg, collega_inzetten]
      because_contains: ["12 maanden"]

  # tweede test, op één regel
  - name: twee
    case: b.yaml
    expect: {decisions: {safety: none}}  # commentaar na de regel blijft
)";

std::string edited(const std::string& text, int test, const suite::Actual& actual,
                   std::vector<std::string>* not_updated = nullptr) {
  YAML::Node root = YAML::Load(text);
  std::string why;
  auto edit = suite::plan_expect_edit(text, root["tests"][test]["expect"], actual, why);
  BOOST_REQUIRE_MESSAGE(edit, why);
  if (not_updated) *not_updated = edit->not_updated;
  return suite::apply_expect_edits(text, {*edit});
}

}  // namespace

BOOST_AUTO_TEST_CASE(update_rewrites_listed_expectations_and_keeps_the_rest) {
  suite::Actual actual;
  actual.decisions = {{"mpg", "true"}, {"strategy", "stut_en_steun"}, {"safety", "none"}};
  actual.recommendations = {"collega_inzetten", "direct_ingrijpen", "ervaringsdeskundige_inzetten"};
  actual.advice_text = "... 12 maanden ...";
  std::vector<std::string> not_updated;
  const std::string out = edited(kSuite, 0, actual, &not_updated);
  BOOST_TEST(not_updated.empty());
  // The decision listed is set to what the engine gives; nothing unlisted is added.
  BOOST_TEST(out.find("        strategy: stut_en_steun\n") != std::string::npos);
  BOOST_TEST(out.find("safety: none}}") != std::string::npos);  // only the other test's
  // An id no longer given moves to absent, an id now given moves to present.
  BOOST_TEST(out.find("present: [collega_inzetten, direct_ingrijpen]") != std::string::npos);
  BOOST_TEST(out.find("absent: [netwerkoverleg]") != std::string::npos);
  BOOST_TEST(out.find("order: [collega_inzetten]") != std::string::npos);
  BOOST_TEST(out.find("ervaringsdeskundige_inzetten") == std::string::npos);
  // Comments and the other test are untouched; the file still parses to two tests.
  BOOST_TEST(out.find("# kopregel blijft staan\n") == 0u);
  BOOST_TEST(out.find("  # tweede test, op één regel\n") != std::string::npos);
  BOOST_TEST(out.find("\n\n  # tweede test") != std::string::npos);
  BOOST_TEST(YAML::Load(out)["tests"].size() == 2u);
  BOOST_TEST(YAML::Load(out)["tests"][0]["expect"]["because_contains"][0].as<std::string>() ==
             "12 maanden");
}

BOOST_AUTO_TEST_CASE(update_of_a_one_line_flow_mapping_keeps_the_trailing_comment) {
  suite::Actual actual;
  actual.decisions = {{"safety", "acute"}};
  const std::string out = edited(kSuite, 1, actual);
  BOOST_TEST(
      out.find("    expect: {decisions: {safety: acute}}  # commentaar na de regel blijft\n") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(texts_are_never_guessed) {
  suite::Actual actual;
  actual.decisions = {{"mpg", "true"}, {"strategy", "refresh"}};
  actual.recommendations = {"netwerkoverleg", "collega_inzetten"};
  actual.advice_text = "iets anders";
  std::vector<std::string> not_updated;
  const std::string out = edited(kSuite, 0, actual, &not_updated);
  BOOST_REQUIRE_EQUAL(not_updated.size(), 1u);
  BOOST_TEST(not_updated[0].find("12 maanden") != std::string::npos);
  BOOST_TEST(out.find("because_contains: [\"12 maanden\"]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_rejected_case_is_not_turned_into_an_expectation) {
  suite::Actual actual;
  actual.rejected = true;
  actual.error_codes = {"C307"};
  YAML::Node root = YAML::Load(kSuite);
  std::string why;
  auto edit = suite::plan_expect_edit(kSuite, root["tests"][1]["expect"], actual, why);
  BOOST_TEST(!edit);
  BOOST_TEST(why.find("C307") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_expected_error_code_is_updated_to_the_actual_one) {
  const std::string suite =
      "tests:\n  - name: x\n    case: a.yaml\n    expect:\n      error: C305\n";
  suite::Actual actual;
  actual.rejected = true;
  actual.error_codes = {"C307", "C312"};
  BOOST_TEST(edited(suite, 0, actual) ==
             "tests:\n  - name: x\n    case: a.yaml\n    expect:\n      error: C307\n");
  actual.error_codes = {"C312", "C305"};  // the expected one is among them: kept
  BOOST_TEST(edited(suite, 0, actual) == suite);
}

// `a and (b or c)`: b decides only when a holds and c does not, and so on.
const char* const kRule = R"(
decision d: bool { settle first }
rule d.r {
  source x
  when safety.acute and (safety.structural or safety.suspicion)
  then d = true
}
source x { title "x" kind guideline }
)";

BOOST_AUTO_TEST_CASE(mcdc_counts_a_condition_only_where_it_alone_flips_the_rule) {
  Program program = program_with(kRule);
  Policy policy = defaults_of(program);
  suite::Coverage coverage(program);
  auto record = [&](bool acute, bool structural, bool suspicion) {
    auto word = [](bool b) { return b ? std::string("true") : std::string("false"); };
    coverage.record(policy,
                    case_from(program, minimal_case("safety: {acute: " + word(acute) +
                                                    ", structural: " + word(structural) +
                                                    ", suspicion: " + word(suspicion) + "}\n")),
                    date_of("2026-11-01"));
  };
  // Both b and c true: neither alone decides; a decides as true.
  record(true, true, true);
  BOOST_TEST(coverage.mcdc_percent() < 34.0);
  record(false, true, false);  // a decides as false; b is masked (a is false)
  record(true, true, false);   // b decides as true, a as true
  record(true, false, false);  // b and c decide as false
  record(true, false, true);   // c decides as true
  BOOST_TEST(coverage.mcdc_percent() == 100.0);
  BOOST_TEST(coverage.text().find("(MC/DC): 3 of 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mcdc_names_the_condition_that_never_decided) {
  Program program = program_with(kRule);
  Policy policy = defaults_of(program);
  suite::Coverage coverage(program);
  coverage.record(policy,
                  case_from(program, minimal_case("safety: {acute: true, structural: true, "
                                                  "suspicion: true}\n")),
                  date_of("2026-11-01"));
  const std::string text = coverage.text();
  BOOST_TEST(text.find("`safety.structural` never decided the outcome as true or false") !=
             std::string::npos);
  BOOST_TEST(text.find("`safety.acute` never decided the outcome as false") != std::string::npos);
}
