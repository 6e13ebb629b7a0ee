// `koers explain`'s "what would have to be different": the smallest set of facts that changes the
// outcome, found by a search that tries one more fact per round.
#define BOOST_TEST_MODULE smallest_change
#include <boost/test/unit_test.hpp>

#include "eval/logic.h"
#include "support/koers_fixture.h"
#include "synth/smallest_change.h"

using namespace koers;
using koers::testing::date_of;
using koers::testing::defaults_of;
using koers::testing::program_with;

namespace {

const char* const kRules = R"(
source s { title "S" kind guideline }
rule r.beide {
  source s
  when safety.acute and safety.structural and caseworker.caseload >= 15
  recommend support caseload_verlagen "Verlaag de caseload."
}
)";

std::vector<synth::SmallestChange> changes_for(const std::string& case_yaml) {
  static Program program = program_with(kRules);
  static Policy policy = defaults_of(program);
  synth::CaseSynth synth(program, policy, date_of("2026-11-01"), 1);
  auto tree = synth.tree_of_yaml(case_yaml);
  BOOST_REQUIRE(tree);
  const CompiledRule& rule = program.rules.front();
  return synth::smallest_changes(program, policy, synth, *tree, [&](SettledCase& sc) {
    return synth::rule_closeness(sc, rule, true);
  });
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_fact_away_gives_exactly_that_fact) {
  auto changes = changes_for(
      "koers: 1\ncase_id: t\nas_of: 2026-11-01\nsafety: {acute: true, structural: false}\n"
      "caseworker: {caseload: 20}\n");
  BOOST_REQUIRE(!changes.empty());
  BOOST_REQUIRE_EQUAL(changes[0].facts.size(), 1u);
  BOOST_TEST(changes[0].facts[0].path == "safety.structural");
  BOOST_TEST(changes[0].facts[0].before == "false");
  BOOST_TEST(changes[0].facts[0].after == "true");
}

BOOST_AUTO_TEST_CASE(two_facts_away_needs_both_and_names_a_missing_one_as_not_filled_in) {
  auto changes = changes_for(
      "koers: 1\ncase_id: t\nas_of: 2026-11-01\nsafety: {acute: false, structural: true}\n");
  BOOST_REQUIRE(!changes.empty());
  const auto& facts = changes[0].facts;
  BOOST_REQUIRE_EQUAL(facts.size(), 2u);
  BOOST_TEST(facts[0].path == "safety.acute");
  BOOST_TEST(facts[0].after == "true");
  BOOST_TEST(facts[1].path == "caseworker.caseload");
  BOOST_TEST(facts[1].before == "niet ingevuld");
  BOOST_TEST(std::stoi(facts[1].after) >= 15);
  // Every answer is as small as the first.
  for (const auto& c : changes) BOOST_TEST(c.facts.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_facts_two_cases_differ_in) {
  synth::CaseNode a = synth::CaseNode{synth::CaseNode::Kind::map, {}, false, {}, {}};
  a.fields.emplace_back("x", synth::CaseNode::of("1"));
  synth::CaseNode b = a;
  b.fields[0].second = synth::CaseNode::of("2");
  auto diff = synth::fact_differences(a, b);
  BOOST_REQUIRE_EQUAL(diff.size(), 1u);
  BOOST_TEST(diff[0].path == "x");
  BOOST_TEST(synth::fact_differences(a, a).empty());
}
