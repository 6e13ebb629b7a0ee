// The public library (include/koers/koers.h) as a host program uses it: linked against libkoers.so
// alone, it loads the shipped rules, reads case files, advises and renders; problems come back with
// their place; misuse of the API is an exception, never a crash.
#define BOOST_TEST_MODULE library
#include <koers/koers.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace api = koers::api;

namespace {

std::string source(const std::string& path) {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/" + path;
}

std::string read(const std::string& path) {
  std::ifstream in(source(path), std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

api::RuleSet shipped() {
  std::vector<api::Problem> problems;
  auto rules = api::RuleSet::load({.rule_layers = {source("rules")}, .policy_file = ""}, problems);
  BOOST_TEST_REQUIRE(rules.has_value());
  return *rules;
}

}  // namespace

BOOST_AUTO_TEST_CASE(advice_from_the_shipped_rules) {
  const api::RuleSet rules = shipped();
  BOOST_TEST(rules.language() == "nl");
  BOOST_TEST(rules.rules_sha256().size() == 64u);
  std::vector<api::Problem> problems;
  auto c = rules.read_case(read("examples/gezin-0142.yaml"), "gezin-0142.yaml", problems);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(problems.empty());
  BOOST_TEST(c->id() == "gezin-0142");
  const api::Advice advice = rules.advise(*c, "2026-11-01");
  BOOST_TEST(advice.ok());
  BOOST_TEST(advice.as_of() == "2026-11-01");
  BOOST_TEST(advice.receipt().rfind("sha256:", 0) == 0u);
  const std::string json = advice.render(api::Format::json);
  BOOST_TEST(json.find("\"case_id\":\"gezin-0142\"") != std::string::npos);
  BOOST_TEST(json.back() != '\n');
  BOOST_TEST(
      advice.render(api::Format::text).rfind("Advies voor gezin-0142 per 1 november 2026", 0) ==
      0u);
  BOOST_TEST(advice.render(api::Format::html).find("<html lang=\"nl\">") != std::string::npos);
  BOOST_TEST(advice.render(api::Format::print).find("Teambespreking") != std::string::npos);
  // The same inputs, the same advice; a copy (or a moved-from object) is the same advice too.
  api::Advice again = rules.advise(*c, "2026-11-01");
  BOOST_TEST(again.render(api::Format::json) == json);
  api::Advice moved = std::move(again);
  BOOST_TEST(again.render(api::Format::json) == json);  // NOLINT: moved-from stays usable
  BOOST_TEST(moved.receipt() == advice.receipt());
  BOOST_TEST(!api::version().empty());
}

BOOST_AUTO_TEST_CASE(problems_come_back_with_their_place) {
  std::vector<api::Problem> problems;
  BOOST_TEST(!api::RuleSet::load({.rule_layers = {}, .policy_file = ""}, problems).has_value());
  BOOST_TEST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].code == "K001");

  problems.clear();
  BOOST_TEST(!api::RuleSet::load(
                  {.rule_layers = {source("rules")}, .policy_file = source("no-such-policy.yaml")},
                  problems)
                  .has_value());
  BOOST_TEST(!problems.empty());

  const api::RuleSet rules = shipped();
  problems.clear();
  auto c = rules.read_case("koers: 2\ncase_id: x\nfamily:\n  kinderen: 2\n", "x.yaml", problems);
  BOOST_TEST(!c.has_value());
  BOOST_TEST_REQUIRE(!problems.empty());
  BOOST_TEST(problems[0].file == "x.yaml");
  BOOST_TEST(problems[0].line == 4);
  BOOST_TEST(problems[0].column == 3);
  BOOST_TEST(problems[0].severity == "error");
  BOOST_TEST(problems[0].rendered.find('^') != std::string::npos);
}

BOOST_AUTO_TEST_CASE(misuse_is_an_exception_not_a_crash) {
  const api::RuleSet rules = shipped();
  std::vector<api::Problem> problems;
  auto c = rules.read_case(read("examples/gezin-0142.yaml"), "gezin-0142.yaml", problems);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_CHECK_THROW(rules.advise(*c, "1 november"), std::invalid_argument);
  // A case read by another rule set (even one loaded from the same files) is refused: its
  // fields are that rule set's.
  const api::RuleSet other = shipped();
  BOOST_CHECK_THROW(other.advise(*c, "2026-11-01"), std::invalid_argument);
  // A moved-from rule set still advises.
  api::RuleSet moved = shipped();
  api::RuleSet taken = std::move(moved);
  auto d = moved.read_case(read("examples/gezin-0142.yaml"), "g.yaml", problems);  // NOLINT
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(taken.advise(*d, "2026-11-01").ok());
}
