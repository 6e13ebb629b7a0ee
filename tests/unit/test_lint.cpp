// `koers lint`'s findings that need a case (L107-L111): each is found on a small rule set made to
// have it, is not found where it is absent, and its counterexample is a valid case file that,
// advised, shows exactly what the finding says. Allowances (L100) excuse a finding with a reason.
#define BOOST_TEST_MODULE lint
#include <boost/test/unit_test.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "lint/allowances.h"
#include "lint/search_lint.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::case_from;
using koers::testing::date_of;
using koers::testing::defaults_of;
using koers::testing::describe;
using koers::testing::program_with;

namespace {

const char* const kSource = "source s { title \"S\" kind guideline }\n";

struct Linted {
  Program program;
  Diagnostics findings{1000};
  std::vector<lint::Counterexample> examples;
};

std::unique_ptr<Linted> lint_rules(const std::string& rules) {
  auto out = std::make_unique<Linted>();
  out->program = program_with(std::string(kSource) + rules);
  lint::SearchOptions options;
  options.as_of = date_of("2026-11-01");
  options.budget = 2000;
  lint::search_lint(out->program, defaults_of(out->program), options, {}, out->findings,
                    out->examples);
  return out;
}

bool has(const Diagnostics& d, const std::string& code, const std::string& text) {
  for (const auto& x : d.sorted()) {
    if (x.code == code && x.message.find(text) != std::string::npos) return true;
  }
  return false;
}

// The case of a counterexample suite file, advised as `koers advise` would.
Advice advise_counterexample(const Linted& l, const std::string& code) {
  for (const auto& e : l.examples) {
    if (e.code != code) continue;
    YAML::Node suite = YAML::Load(e.suite_yaml);
    YAML::Emitter case_yaml;
    case_yaml << suite["tests"][0]["case"];
    Case c = case_from(l.program, case_yaml.c_str());
    return evaluate(l.program, defaults_of(l.program), c, c.as_of.value_or(date_of("2026-11-01")));
  }
  throw std::runtime_error("no counterexample for " + code);
}

std::string outcome(const Linted& l, const Advice& a, const std::string& decision) {
  for (const auto& d : a.decisions) {
    if (d.name == decision) return outcome_word(l.program, d);
  }
  return "?";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_contradiction_never_fires_and_the_closest_case_is_given) {
  auto l = lint_rules(
      "rule r.nooit { source s when safety.acute and not safety.acute "
      "recommend action bellen \"Bel.\" }\n");
  BOOST_TEST(has(l->findings, "L108", "`r.nooit`"), describe(l->findings));
  BOOST_REQUIRE_EQUAL(l->examples.size(), 1u);
  BOOST_TEST(advise_counterexample(*l, "L108").recommendations.empty());
}

BOOST_AUTO_TEST_CASE(a_rule_always_beaten_by_a_higher_one_is_shadowed) {
  auto l = lint_rules(
      "decision d: bool { settle first otherwise false }\n"
      "rule r.breed { source s priority 10 when safety.acute then d = true }\n"
      "rule r.smal { source s priority 5 when safety.acute and safety.structural then d = false "
      "}\n");
  BOOST_TEST(has(l->findings, "L107", "`r.smal` never settles `d`"), describe(l->findings));
  BOOST_TEST(!has(l->findings, "L107", "`r.breed`"));
  Advice a = advise_counterexample(*l, "L107");
  // The case makes r.smal hold, and r.breed settles the decision.
  BOOST_TEST(outcome(*l, a, "d") == "true");
  BOOST_TEST(a.decisions[0].rules.front() == "r.breed");
}

BOOST_AUTO_TEST_CASE(no_shadowing_when_the_lower_rule_can_win) {
  auto l = lint_rules(
      "decision d: bool { settle first otherwise false }\n"
      "rule r.een { source s priority 10 when safety.acute then d = true }\n"
      "rule r.twee { source s priority 5 when safety.structural then d = false }\n");
  BOOST_TEST(l->findings.empty(), describe(l->findings));
  BOOST_TEST(l->examples.empty());
}

BOOST_AUTO_TEST_CASE(an_overlap_under_unique_is_shown_by_a_case_that_gets_r501) {
  auto l = lint_rules(
      "decision d: bool { settle unique otherwise false }\n"
      "rule r.een { source s when safety.acute then d = true }\n"
      "rule r.twee { source s when safety.structural then d = false }\n");
  BOOST_TEST(has(l->findings, "L109", "`r.een` and `r.twee` both hold"), describe(l->findings));
  Advice a = advise_counterexample(*l, "L109");
  BOOST_TEST(!a.errors.empty());
}

BOOST_AUTO_TEST_CASE(exclusive_rules_under_unique_do_not_overlap) {
  auto l = lint_rules(
      "decision d: bool { settle unique otherwise false }\n"
      "rule r.een { source s when safety.acute then d = true }\n"
      "rule r.twee { source s when not safety.acute then d = false }\n");
  BOOST_TEST(!has(l->findings, "L109", ""), describe(l->findings));
}

BOOST_AUTO_TEST_CASE(a_gap_is_a_case_with_every_fact_known_and_no_rule) {
  auto l = lint_rules(
      "decision d: bool { settle first }\n"
      "rule r.ja { source s priority 2 when safety.acute and safety.structural then d = true }\n"
      "rule r.nee { source s priority 1 when not safety.acute then d = false }\n");
  BOOST_TEST(has(l->findings, "L110", "decision `d` has a gap"), describe(l->findings));
  Advice a = advise_counterexample(*l, "L110");
  BOOST_TEST(outcome(*l, a, "d") == "unknown");
  BOOST_TEST(a.decisions[0].missing.empty());  // not for lack of data: no rule covers it
}

BOOST_AUTO_TEST_CASE(no_gap_when_the_rules_cover_every_case) {
  auto l = lint_rules(
      "decision d: bool { settle first }\n"
      "rule r.ja { source s priority 2 when safety.acute then d = true }\n"
      "rule r.nee { source s priority 1 when not safety.acute then d = false }\n");
  BOOST_TEST(!has(l->findings, "L110", ""), describe(l->findings));
}

BOOST_AUTO_TEST_CASE(a_milder_safety_level_must_not_win_over_a_stricter_one) {
  auto l = lint_rules(
      "enum niveau { none, monitor, report, acute }\n"
      "decision safety: niveau { settle first otherwise none\n"
      "  alert none: calm, monitor: watch, report: high, acute: urgent }\n"
      "rule v.vermoeden { source s priority 50 when safety.suspicion then safety = monitor }\n"
      "rule v.acuut { source s priority 40 when safety.acute then safety = acute }\n");
  BOOST_TEST(has(l->findings, "L111", "`v.acuut` is overridden: `v.vermoeden`"),
             describe(l->findings));
  Advice a = advise_counterexample(*l, "L111");
  BOOST_TEST(outcome(*l, a, "safety") == "monitor");
}

// Strictness is what the rules declare (`alert`), not the order of the enum or the decision's
// name: the same rules with the levels declared the other way round are in order, and a decision
// that is no alert is not checked at all.
BOOST_AUTO_TEST_CASE(alert_strictness_comes_from_the_declared_levels) {
  auto reversed = lint_rules(
      "enum niveau { none, monitor, report, acute }\n"
      "decision gevaar: niveau { settle first otherwise none\n"
      "  alert none: calm, monitor: urgent, report: high, acute: watch }\n"
      "rule v.vermoeden { source s priority 50 when safety.suspicion then gevaar = monitor }\n"
      "rule v.acuut { source s priority 40 when safety.acute then gevaar = acute }\n");
  BOOST_TEST(!has(reversed->findings, "L111", ""), describe(reversed->findings));
  auto named = lint_rules(
      "enum niveau { none, monitor, report, acute }\n"
      "decision gevaar: niveau { settle first otherwise none\n"
      "  alert none: calm, monitor: watch, report: high, acute: urgent }\n"
      "rule v.vermoeden { source s priority 50 when safety.suspicion then gevaar = monitor }\n"
      "rule v.acuut { source s priority 40 when safety.acute then gevaar = acute }\n");
  BOOST_TEST(has(named->findings, "L111", "milder level of `gevaar`"), describe(named->findings));
  auto plain = lint_rules(
      "enum niveau { none, monitor, report, acute }\n"
      "decision safety: niveau { settle first otherwise none }\n"
      "rule v.vermoeden { source s priority 50 when safety.suspicion then safety = monitor }\n"
      "rule v.acuut { source s priority 40 when safety.acute then safety = acute }\n");
  BOOST_TEST(!has(plain->findings, "L111", ""), describe(plain->findings));
}

BOOST_AUTO_TEST_CASE(an_allowance_needs_a_reason_and_a_finding) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("koers-lint-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.koers") << "# koers-lint: allow L110 d \"bewust: geen regel voor x\"\n"
                                    "# koers-lint: allow L110 d\n"
                                    "# koers-lint: allow L109 e \"verouderd\"\n";
  Diagnostics found;
  found.warning("L110", {}, "decision `d` has a gap: ...");
  found.warning("L110", {}, "decision `dd` has a gap: ...");
  Diagnostics kept;
  auto allowances = lint::read_allowances(dir.string(), kept);
  BOOST_TEST(allowances.size() == 2u);
  auto allowed = lint::apply_allowances(allowances, found, {}, kept);
  BOOST_REQUIRE_EQUAL(allowed.size(), 1u);
  BOOST_TEST(allowed[0] == "L110 d: bewust: geen regel voor x");
  BOOST_TEST(has(kept, "L110", "`dd`"));                           // not excused
  BOOST_TEST(has(kept, "L100", "allow CODE SUBJECT \"reason\""));  // no reason given
  BOOST_TEST(has(kept, "L100", "matches no finding"));             // L109 e
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(lint_directives_are_read_from_every_rule_file_of_the_set) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("koers-lint-dir-" + std::to_string(::getpid()));
  fs::create_directories(dir / "organisatie");
  std::ofstream(dir / "a.koers") << "# koers-lint: seeds \"voorbeelden\"\n"
                                    "# koers-lint: seeds voorbeelden\n";
  // A rule file in a subdirectory belongs to the rule set; so do its allowances.
  std::ofstream(dir / "organisatie" / "b.koers")
      << "# koers-lint: allow L110 d \"bewust\"\n"
      // A subject with a space, in double quotes: a recommendation's kind and id.
      << "# koers-lint: allow L106 \"support gezinscoach\" \"een eigen aanbeveling\"\n";
  Diagnostics kept;
  auto directives = lint::read_lint_directives(dir.string(), kept);
  BOOST_REQUIRE_EQUAL(directives.seeds.size(), 1u);
  BOOST_TEST(directives.seeds[0].declared == "voorbeelden");
  BOOST_TEST(directives.seeds[0].path == (dir / "voorbeelden").lexically_normal().string());
  BOOST_TEST(has(kept, "L100", "`# koers-lint: seeds \"path\"`"));  // unquoted path
  BOOST_REQUIRE_EQUAL(directives.allowances.size(), 2u);
  BOOST_TEST(directives.allowances[0].subject == "d");
  BOOST_TEST(directives.allowances[1].subject == "support gezinscoach");
  Diagnostics l106;
  l106.warning("L106", {}, "recommendation `support gezinscoach` is not in the advice contract");
  Diagnostics none;
  auto allowed = lint::apply_allowances(directives.allowances, l106, {"L110"}, none);
  BOOST_REQUIRE_EQUAL(allowed.size(), 1u);
  BOOST_TEST(allowed[0] == "L106 support gezinscoach: een eigen aanbeveling");
  BOOST_TEST(none.empty());
  // Not looked for this run (--no-search): an unmatched allowance for it is not reported.
  Diagnostics quiet;
  lint::apply_allowances(directives.allowances, Diagnostics{}, {"L106"}, quiet, {"L110"});
  BOOST_TEST(quiet.empty());
  fs::remove_all(dir);
}

// A counterexample found from a seed case without its own date gets the search's date in the test,
// so that `koers test` advises it on that date and not on the day it runs.
BOOST_AUTO_TEST_CASE(a_counterexample_from_an_undated_seed_names_its_date) {
  auto program = program_with(std::string(kSource) +
                              "decision d: bool { settle first }\n"
                              "rule r.ja { source s priority 2 when safety.acute then d = true }\n"
                              "rule r.nee { source s priority 1 when safety.structural then d = "
                              "false }\n");
  std::ifstream in("examples/gezin-0142.yaml");  // tests run in the source directory
  const std::string seed((std::istreambuf_iterator<char>(in)), {});
  BOOST_REQUIRE(seed.find("\nas_of:") == std::string::npos);
  lint::SearchOptions options;
  options.as_of = date_of("2026-11-01");
  options.budget = 50;
  options.seed_cases = {seed};
  Diagnostics findings(1000);
  std::vector<lint::Counterexample> examples;
  auto stats = lint::search_lint(program, defaults_of(program), options, {}, findings, examples);
  BOOST_TEST(stats.seeds == 1);
  BOOST_TEST(stats.dropped == 0);
  auto gap = std::find_if(examples.begin(), examples.end(),
                          [](const lint::Counterexample& e) { return e.code == "L110"; });
  BOOST_REQUIRE(gap != examples.end());
  YAML::Node suite = YAML::Load(gap->suite_yaml);
  BOOST_TEST(suite["tests"][0]["as_of"].as<std::string>() == "2026-11-01", gap->suite_yaml);
  BOOST_TEST(!suite["tests"][0]["case"]["as_of"], gap->suite_yaml);
}
