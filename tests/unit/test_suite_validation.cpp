// Suite files are checked against the rule set like rule files (issue 14 §1): a misspelt key,
// decision, value, recommendation or field path, or an `expect:` that checks nothing, is an error
// with file:line:col, a caret and "did you mean", never a test that passes without testing.
#define BOOST_TEST_MODULE suite_validation
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "suite/check_suite.h"
#include "suite/suite.h"
#include "support/koers_fixture.h"

using namespace koers;
namespace fs = std::filesystem;

namespace {

const Program& shipped() {
  static const Program program = [] {
    Diagnostics diags;
    auto p = load_rule_set(testing::source_dir() + "/rules", diags);
    if (!p) throw std::runtime_error("the shipped rules do not load:\n" + testing::describe(diags));
    return std::move(*p);
  }();
  return program;
}

// Checks a suite text as if it were the file `dir/name` (paths in it are relative to `dir`).
Diagnostics validate(const std::string& text, const std::string& path = "examples/t.suite.yaml") {
  Diagnostics diags;
  const suite::RuleNames names({&shipped()});
  suite::check_suite_text(names, testing::source_dir() + "/" + path, text, diags);
  return diags;
}

// The one error of `diags` with `code`, rendered (headline, source line, caret, hint).
std::string only(const Diagnostics& diags, const std::string& code) {
  std::string out;
  int count = 0;
  for (const auto& d : diags.sorted()) {
    if (d.code == code) {
      out = render(d);
      ++count;
    }
  }
  BOOST_TEST(count == 1, code << " given " << count << " times:\n" << render_all(diags));
  return out;
}

const char* const kCase = R"(
    case: gezin-0142.yaml
)";

std::string test_with(const std::string& expect) {
  return std::string("tests:\n  - name: een\n") + kCase + "    expect:\n" + expect;
}

// "line:col CODE hint" for each problem, in order: the places and the hints, compactly.
std::string places(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) {
    out += std::to_string(d.span.line) + ":" + std::to_string(d.span.col) + " " + d.code;
    if (!d.hint.empty()) out += " " + d.hint;
    out += "\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_sound_suite_has_no_problems) {
  const Diagnostics diags = validate(test_with(
      "      decisions: {safety: none, mpg: false, progress: not_applicable}\n"
      "      recommendations: {present: [caseload_verlagen], absent: [direct_ingrijpen]}\n"
      "      missing: [\"help_history[0].lasting_effect\", safety.acute]\n"));
  BOOST_TEST(!diags.has_errors(), render_all(diags));
}

BOOST_AUTO_TEST_CASE(every_shipped_suite_is_sound) {
  const auto files = suite::find_suite_files({testing::source_dir() + "/tests/cases"});
  BOOST_TEST(files.size() > 10u);
  Diagnostics diags;
  suite::check_suite_files(shipped(), files, diags);
  BOOST_TEST(!diags.has_errors(), render_all(diags));
}

BOOST_AUTO_TEST_CASE(a_misspelt_recommendation_in_absent_is_an_error_with_a_hint) {
  const std::string text =
      test_with("      recommendations:\n        absent: [caseload_verlagn]\n");
  const std::string shown = only(validate(text), "S605");
  // file:line:col, the line itself, a caret under the id, and the id it was meant to be.
  BOOST_TEST(shown.find("examples/t.suite.yaml:7:18: error[S605]: unknown recommendation "
                        "`caseload_verlagn`") != std::string::npos,
             shown);
  BOOST_TEST(shown.find(" 7 |         absent: [caseload_verlagn]\n") != std::string::npos, shown);
  BOOST_TEST(shown.find("   |                  ^^^^^^^^^^^^^^^^\n") != std::string::npos, shown);
  BOOST_TEST(shown.find("did you mean `caseload_verlagen`?") != std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(unknown_keys_at_every_level_are_errors_all_at_once) {
  const std::string text =
      "tests:\n"
      "  - name: een\n"
      "    case: gezin-0142.yaml\n"
      "    as_off: 2027-01-01\n"
      "    expect:\n"
      "      decisons: {mpg: true}\n"
      "      recommendations: {presnt: [caseload_verlagen]}\n"
      "chagnes: []\n";
  const Diagnostics diags = validate(text);
  BOOST_TEST(places(diags) ==
                 "4:5 S602 did you mean `as_of`?\n"
                 "5:5 S607 list the decisions, recommendations or missing fields the case must "
                 "give\n"
                 "6:7 S602 did you mean `decisions`?\n"
                 "7:25 S602 did you mean `present`?\n"
                 "8:1 S602\n",
             render_all(diags));
}

BOOST_AUTO_TEST_CASE(unknown_decisions_and_values_are_errors_with_a_hint) {
  const Diagnostics diags =
      validate(test_with("      decisions:\n"
                         "        saftey: none\n"
                         "        safety: acuut\n"
                         "        mpg: ja\n"
                         "        strategy: [stut_en_steun]\n"));
  BOOST_TEST(places(diags) ==
                 "7:9 S603 did you mean `safety`?\n"
                 "8:17 S604 did you mean `acute`?\n"
                 "9:14 S604\n"
                 "10:19 S604 one of `orde_op_zaken`, `vinger_aan_de_pols`, `stut_en_steun`, "
                 "`direct_hulpaanbod`, `refresh`, `unknown`, `not_applicable`\n",
             render_all(diags));
}

BOOST_AUTO_TEST_CASE(an_unknown_missing_field_is_an_error_with_a_hint) {
  const std::string shown = only(
      validate(test_with("      missing: [safety.acuut, \"help_history[0].lasting_effect\"]\n")),
      "S606");
  BOOST_TEST(shown.find(":6:17: error[S606]: `safety.acuut` is not a field of the case") !=
                 std::string::npos,
             shown);
  BOOST_TEST(shown.find("did you mean `safety.acute`?") != std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(an_expectation_that_checks_nothing_is_an_error) {
  BOOST_TEST(places(validate(test_with(""))) ==
             "5:5 S607 list the decisions, recommendations or "
             "missing fields the case must give\n");
  BOOST_TEST(places(validate(test_with("      recommendations: {absent: []}\n"))) ==
             "5:5 S607 list the decisions, recommendations or missing fields the case must "
             "give\n");
  // A single id where a list belongs is read by nobody: an error, with the list to write.
  BOOST_TEST(places(validate(test_with("      recommendations: {absent: caseload_verlagen}\n"))) ==
             "5:5 S607 list the decisions, recommendations or missing fields the case must "
             "give\n"
             "6:33 S601 write `absent: [caseload_verlagen]`\n");
}

BOOST_AUTO_TEST_CASE(missing_files_repeated_names_and_bad_dates_are_errors) {
  const std::string text =
      "tests:\n"
      "  - name: een\n"
      "    case: gezin-0412.yaml\n"
      "    policy: ../policies/landelijk.yml\n"
      "    as_of: 2027-02-30\n"
      "    expect: {decisions: {mpg: true}}\n"
      "  - name: een\n"
      "    case: gezin-0142.yaml\n"
      "    expect: {decisions: {mpg: true}, error: C307}\n";
  BOOST_TEST(places(validate(text)) ==
                 "3:11 S608 did you mean `gezin-0142.yaml`?\n"
                 "4:13 S608 did you mean `../policies/landelijk.yaml`?\n"
                 "5:12 S609\n"
                 "7:11 S609 a test is known by its suite and name (`koers diff --expect`): name "
                 "it apart\n"
                 "9:38 S609 keep `error:` alone, or drop it\n",
             render_all(validate(text)));
}

BOOST_AUTO_TEST_CASE(a_suite_that_is_not_yaml_or_has_no_tests_is_an_error) {
  BOOST_TEST(places(validate("tests: [\n")).find(" S601") != std::string::npos);
  BOOST_TEST(places(validate("tests: []\n")) == "1:8 S607\n");
  BOOST_TEST(places(validate("- name: een\n")) == "1:1 S601\n");
}
