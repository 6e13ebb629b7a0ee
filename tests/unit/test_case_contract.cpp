// The case contract (docs/case-format.md) as the advice sees it: a closed care episode is known and
// never asked about, and a decision that no rule fits names the facts that would decide it without
// asking for them. The loader's side of the contract (null, ids, repeats) is in test_case_loader.
#define BOOST_TEST_MODULE case_contract
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

struct Result {
  Advice advice;
  std::string json, text, html;
};

Result advise(const std::string& yaml) {
  const auto& shipped = testing::shipped_rule_set();
  Diagnostics diags;
  auto c = load_case(shipped.program.schema, std::make_shared<SourceFile>("c.yaml", yaml), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  Result r{evaluate(shipped.program, shipped.policy, *c, *c->as_of), {}, {}, {}};
  r.json = render_json(shipped.program, r.advice);
  r.text = render_text(shipped.program, r.advice);
  r.html = render_html(shipped.program, r.advice);
  return r;
}

bool asks_for(const Advice& a, const std::string& field) {
  return std::any_of(a.missing.begin(), a.missing.end(),
                     [&](const MissingField& m) { return m.field == field; });
}

// An MPG family whose help runs; `family` and `care` lines replace the defaults.
std::string mpg_family(const std::string& family, const std::string& care) {
  return R"(koers: 2
case_id: gezin-6001
as_of: 2026-11-01
family:
  parents: [{id: ouder1, lvb: false}]
  children: [{id: kind1, age: 9}]
  resistant_to_help: true
  distrusts_care: false
  network: moderate
)" + family +
         R"(problems:
  - {domain: debts, since: 2021-03-01}
  - {domain: parenting, since: 2022-09-01}
help_history: [{from: 2018-01-01, to: 2019-06-30, lasting_effect: false}]
care:
  started: 2024-02-01
  family_plan: {present: true, goals_measurable: true, next_evaluation: 2026-12-01, last_evaluation: 2026-06-01}
  safety_plan: {present: true, last_evaluation: 2026-09-01}
  explanatory_talks: []
  interventions: []
)" + care +
         R"(measurements:
  obvlk: [{date: 2026-06-03, total: 31}, {date: 2026-10-07, total: 30}]
safety: {acute: false, structural: false, suspicion: false, signals: [], help_accepted: true}
parenting: {qualification: good_enough, conditions_not_met: []}
caseworker: {months_with_family: 12, caseload: 6, support: [], second_worker: false}
)";
}

const std::string kNoStrategyFits =
    "  explicit_help_request: true\n  accepts_involvement: true\n  daily_life: copes\n"
    "  access_to_services: good\n  risk_factors: []\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_closed_episode_is_known_and_progress_does_not_apply) {
  const Result r = advise(mpg_family(kNoStrategyFits, "  status: closed\n  closed: 2026-10-01\n"));
  BOOST_TEST((testing::decision_named(r.advice, "mpg").status == DecisionResult::Status::decided));
  const auto& progress = testing::decision_named(r.advice, "progress");
  BOOST_TEST((progress.status == DecisionResult::Status::not_applicable));
  BOOST_TEST(!asks_for(r.advice, "care.status"));
  BOOST_TEST(r.text.find("Loopt er nu hulp") == std::string::npos);
  BOOST_TEST(r.text.find("de hulp is afgesloten") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_status_is_still_asked_for) {
  const Result r = advise(mpg_family(kNoStrategyFits, ""));
  BOOST_TEST(
      (testing::decision_named(r.advice, "progress").status == DecisionResult::Status::unknown));
  BOOST_TEST(asks_for(r.advice, "care.status"));
}

BOOST_AUTO_TEST_CASE(no_strategy_fits_names_the_deciding_facts_without_asking_for_them) {
  const Result r = advise(mpg_family(kNoStrategyFits, "  status: active\n  strategy: refresh\n"));
  const auto& strategy = testing::decision_named(r.advice, "strategy");
  BOOST_TEST_REQUIRE((strategy.status == DecisionResult::Status::unknown));
  BOOST_TEST(strategy.missing.empty());  // nothing is missing, so nothing is passed on
  const auto& deciding = strategy.deciding_fields;
  for (const char* field :
       {"family.daily_life", "family.explicit_help_request", "family.accepts_involvement",
        "family.access_to_services", "family.risk_factors", "safety.acute", "safety.structural",
        "care.status", "care.closed", "problems.since"}) {
    BOOST_TEST((std::find(deciding.begin(), deciding.end(), field) != deciding.end()), field);
  }
  BOOST_TEST(std::is_sorted(deciding.begin(), deciding.end()));
  // Known facts are not questions: the list of missing data stays empty of them, also through
  // `strategie.wijzigen`, which reads the unknown strategy.
  for (const auto& field : deciding) BOOST_TEST(!asks_for(r.advice, field), field);
  BOOST_TEST(
      r.json.find(R"("strategy":{"value":null,"status":"unknown","missing":["care.closed",)") !=
      std::string::npos);
  BOOST_TEST(r.text.find("geen van de regels past bij de vastgelegde gegevens") !=
             std::string::npos);
  // Named as the form names them; the paths are in the technical section.
  BOOST_TEST(
      r.text.find("kijk deze gegevens na: „Huidige hulp: Afgesloten op”") != std::string::npos,
      r.text);
  BOOST_TEST(r.text.find("(gegevens care.closed") != std::string::npos, r.text);
  BOOST_TEST(r.html.find("Kijk deze gegevens na:") != std::string::npos);
}
