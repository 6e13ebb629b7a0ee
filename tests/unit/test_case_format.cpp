// Case format 2 (docs/case-format.md): an absent list is unknown, `[]` is none; format 1 files are
// still read with their old meaning (an absent list is none) and the advice says so. The version is
// taken from the file wherever `koers:` stands, and the explanation-free Decider agrees with the
// evaluator on unknown lists.
#define BOOST_TEST_MODULE case_format
#include <boost/test/unit_test.hpp>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "eval/decide.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

const testing::ShippedRuleSet& shipped() {
  return testing::shipped_rule_set();
}

struct Result {
  Case c;
  Advice advice;
  std::string json, text, html;
};

Result advise(const std::string& yaml) {
  Diagnostics diags;
  auto c = load_case(shipped().program.schema, std::make_shared<SourceFile>("c.yaml", yaml), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  Result r{*c, evaluate(shipped().program, shipped().policy, *c, *c->as_of), {}, {}, {}};
  r.json = render_json(shipped().program, r.advice);
  r.text = render_text(shipped().program, r.advice);
  r.html = render_html(shipped().program, r.advice);
  Decider decider(shipped().program, shipped().policy, *c->as_of);
  const auto& bare = decider.decide(*c);
  for (size_t i = 0; i < bare.size(); ++i) {
    for (const auto& d : r.advice.decisions) {
      if (d.name == shipped().program.decisions[i].name) {
        BOOST_TEST((d.status == bare[i].status), d.name);
      }
    }
  }
  return r;
}

const DecisionResult& decision(const Advice& a, const std::string& name) {
  return testing::decision_named(a, name);
}

bool asks_for(const Advice& a, const std::string& field) {
  for (const auto& m : a.missing) {
    if (m.field == field) return true;
  }
  return false;
}

// An intake: only who is in the family, and that there are no safety concerns.
std::string intake(int version, const std::string& extra = "") {
  return "koers: " + std::to_string(version) +
         "\ncase_id: gezin-9001\nas_of: 2026-11-01\nfamily:\n  parents: [{id: ouder1, lvb: "
         "false}]\n  children: [{id: kind1, age: 7}]\nsafety: {acute: false, structural: false, "
         "suspicion: false}\n" +
         extra;
}

}  // namespace

BOOST_AUTO_TEST_CASE(format_2_reads_an_absent_list_as_unknown_and_asks_for_it) {
  const Result r = advise(intake(2));
  BOOST_TEST(r.c.format_version == 2);
  BOOST_TEST(r.c.lists_read_as_empty.empty());
  BOOST_TEST((decision(r.advice, "mpg").status == DecisionResult::Status::unknown));
  BOOST_TEST(asks_for(r.advice, "problems"));
  BOOST_TEST(asks_for(r.advice, "help_history"));
  BOOST_TEST(r.json.find("lists_read_as_empty") == std::string::npos);
  BOOST_TEST(r.text.find("casusformaat 1") == std::string::npos);
  // Lists of an absent record are unknown too (care is absent here).
  BOOST_TEST(r.text.find("Multiprobleemgezin: onbekend") != std::string::npos, r.text);
}

BOOST_AUTO_TEST_CASE(format_2_reads_an_empty_list_as_none) {
  const Result r = advise(intake(2, "problems: []\nhelp_history: []\n"));
  BOOST_TEST((decision(r.advice, "mpg").status == DecisionResult::Status::decided));
  BOOST_TEST(!asks_for(r.advice, "problems"));
  // The case's hash tells [] from absent: a replay can never confuse the two.
  BOOST_TEST(r.c.sha256 != advise(intake(2)).c.sha256);
}

BOOST_AUTO_TEST_CASE(format_1_keeps_its_meaning_and_says_so) {
  const Result r = advise(intake(1));
  BOOST_TEST(r.c.format_version == 1);
  BOOST_TEST((decision(r.advice, "mpg").status == DecisionResult::Status::decided));
  BOOST_TEST(!asks_for(r.advice, "problems"));
  // Every absent list is named in the JSON, the alternatives of a `require one of` are not.
  BOOST_TEST(
      r.json.find("\"lists_read_as_empty\":[\"family.risk_factors\",\"safety.signals\","
                  "\"problems\",\"help_history\",\"care.explanatory_talks\",") != std::string::npos,
      r.json);
  const size_t n = r.c.lists_read_as_empty.size();
  BOOST_TEST(r.text.find("Let op: dit casusbestand heeft casusformaat 1. Daarin telt een lijst "
                         "die ontbreekt als leeg: " +
                         std::to_string(n) + " lijsten ontbreken en zijn gelezen als „geen”.") !=
                 std::string::npos,
             r.text);
  BOOST_TEST(r.html.find("id=\"casusformaat-1\"") != std::string::npos);
  // No field path in what the caseworker reads.
  BOOST_TEST(r.text.find("help_history") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_absent_list_is_said_in_the_singular) {
  const Result r = advise(
      "koers: 1\ncase_id: gezin-9002\nas_of: 2026-11-01\nmeasurements:\n  obvlk:\n    - {date: "
      "2026-10-01, total: 30}\n");
  BOOST_REQUIRE(!r.c.lists_read_as_empty.empty());
  const Result one = advise(
      "koers: 1\ncase_id: gezin-9003\nas_of: 2026-11-01\nfamily:\n  parents: []\n  children: "
      "[]\n  risk_factors: []\nproblems: []\nhelp_history: []\ncare:\n  explanatory_talks: []\n  "
      "interventions: []\nmeasurements:\n  obvlk: []\nsafety:\n  signals: []\nparenting:\n  "
      "conditions_not_met: []\n");
  BOOST_REQUIRE(one.c.lists_read_as_empty.size() == 1u);
  BOOST_TEST(one.text.find("1 lijst ontbreekt en is gelezen als „geen”") != std::string::npos,
             one.text);
}

BOOST_AUTO_TEST_CASE(the_version_is_found_wherever_koers_stands) {
  // A flow mapping: no `koers:` at the start of a line, so the first guess (1) is wrong.
  const Result flow = advise(
      "{case_id: gezin-9004, as_of: 2026-11-01, koers: 2, family: {parents: [{id: ouder1, lvb: "
      "false}], children: [{id: kind1, age: 7}]}, safety: {acute: false, structural: false, "
      "suspicion: false}}\n");
  BOOST_TEST(flow.c.format_version == 2);
  BOOST_TEST(asks_for(flow.advice, "problems"));
  // `koers:` after the lists it governs.
  const Result late = advise(
      "case_id: gezin-9005\nas_of: 2026-11-01\nfamily:\n  parents: [{id: ouder1, lvb: false}]\n  "
      "children: [{id: kind1, age: 7}]\nsafety: {acute: false, structural: false, suspicion: "
      "false}\nkoers: 2\n");
  BOOST_TEST(late.c.format_version == 2);
  BOOST_TEST(asks_for(late.advice, "problems"));
  BOOST_TEST(assumed_format_version("# koers: 2 in a comment\nkoers: 1\n") == 1);
  BOOST_TEST(assumed_format_version("koers:   2\n") == 2);
}
