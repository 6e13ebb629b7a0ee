// Settling decisions: `first` by priority, `unique`, `collect`, `otherwise`, `applies when`,
// `require`; which recommendations are given and in what order; and determinism of the advice.
#define BOOST_TEST_MODULE settle
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::advise;
using koers::testing::decision;
using koers::testing::describe;
using koers::testing::load_with_schema;
using koers::testing::minimal_case;
using koers::testing::program_with;
using Strings = std::vector<std::string>;
using Status = DecisionResult::Status;

namespace {

std::string member_of(const Program& p, const Value& v) {
  EnumValue e = v.as_enum();
  return p.schema.enums[static_cast<size_t>(e.enum_id)].members[static_cast<size_t>(e.index)];
}

Strings members_of(const Program& p, const Value& v) {
  Strings out;
  for (const auto& x : v.as_list()) out.push_back(member_of(p, x));
  return out;
}

Strings recommendation_ids(const Advice& a) {
  Strings out;
  for (const auto& r : a.recommendations) out.push_back(r.kind + ":" + r.id);
  return out;
}

// A `first` decision over strategies. The rule with the higher priority is written last so that
// file order cannot be what decides. Each rule reads one case field.
const char* const kFirst = R"(
decision strat: strategy { settle first }
rule strat.laag {
  priority 1
  when safety.suspicion
  then strat = orde_op_zaken
  because "laag"
  recommend action laag_actie "van laag"
}
rule strat.hoog {
  priority 10
  when safety.structural
  then strat = stut_en_steun
  because "hoog"
  recommend action hoog_actie "van hoog"
}
rule strat.midden {
  priority 5
  when safety.acute
  then strat = direct_hulpaanbod
  because "midden"
}
)";

std::string safety(const std::string& structural, const std::string& acute,
                   const std::string& suspicion) {
  std::string y = "safety:\n";
  if (!structural.empty()) y += "  structural: " + structural + "\n";
  if (!acute.empty()) y += "  acute: " + acute + "\n";
  if (!suspicion.empty()) y += "  suspicion: " + suspicion + "\n";
  return minimal_case(y);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(first)

BOOST_AUTO_TEST_CASE(higher_priority_goes_first) {
  Program p = program_with(kFirst);
  Advice a = advise(p, safety("true", "true", "true"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(member_of(p, d.value) == "stut_en_steun");
  BOOST_TEST(d.rules == Strings{"strat.hoog"});
  BOOST_TEST(d.because == Strings{"hoog"});
}

BOOST_AUTO_TEST_CASE(a_false_step_passes_to_the_next) {
  Program p = program_with(kFirst);
  Advice a = advise(p, safety("false", "true", "true"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(member_of(p, d.value) == "direct_hulpaanbod");
  BOOST_TEST(d.rules == Strings{"strat.midden"});
  Advice b = advise(p, safety("false", "false", "true"));
  BOOST_TEST(member_of(p, decision(b, "strat").value) == "orde_op_zaken");
  BOOST_TEST(decision(b, "strat").rules == Strings{"strat.laag"});
}

BOOST_AUTO_TEST_CASE(the_first_true_step_decides_whatever_follows) {
  // Lower rules read fields that are missing: they are never needed.
  Program p = program_with(kFirst);
  Advice a = advise(p, safety("true", "", ""));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(member_of(p, d.value) == "stut_en_steun");
  BOOST_TEST(d.missing.empty());
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_step_before_any_true_makes_it_unknown) {
  Program p = program_with(kFirst);
  // hoog is false, midden unknown (acute missing), laag true: still unknown, because midden
  // might have decided.
  Advice a = advise(p, safety("false", "", "true"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"safety.acute"});
  BOOST_TEST(d.rules.empty());
  BOOST_TEST_REQUIRE(a.missing.size() == 1u);
  BOOST_TEST(a.missing[0].field == "safety.acute");
  BOOST_TEST(a.missing[0].needed_by == Strings{"strat.midden"});
  // No recommendation from the rule that would have been next.
  BOOST_TEST(a.recommendations.empty());
}

BOOST_AUTO_TEST_CASE(no_rule_and_no_otherwise_is_unknown) {
  Program p = program_with(kFirst);
  Advice a = advise(p, safety("false", "false", "false"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing.empty());
  BOOST_TEST(!d.note.empty());
}

BOOST_AUTO_TEST_CASE(only_the_winning_rule_recommends) {
  Program p = program_with(kFirst);
  Advice a = advise(p, safety("true", "false", "true"));
  BOOST_TEST(recommendation_ids(a) == Strings{"action:hoog_actie"});
  BOOST_TEST(a.recommendations.front().rule == "strat.hoog");
  BOOST_TEST(a.recommendations.front().text == "van hoog");
  Advice b = advise(p, safety("false", "false", "true"));
  BOOST_TEST(recommendation_ids(b) == Strings{"action:laag_actie"});
}

BOOST_AUTO_TEST_CASE(a_missing_conclusion_value_makes_it_unknown) {
  Program p = program_with(
      "decision strat: strategy { settle first }\n"
      "rule strat.zelfde { when true then strat = care.strategy }\n");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"care.strategy"});
  Advice b = advise(p, minimal_case("care:\n  strategy: refresh\n"));
  BOOST_TEST(member_of(p, decision(b, "strat").value) == "refresh");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unique)

const char* const kUnique = R"(
decision veilig: risk_level { settle unique }
rule veilig.laag { when safety.suspicion == false then veilig = low recommend support s1 "s1" }
rule veilig.hoog { when safety.structural then veilig = high recommend escalation e1 "e1" }
)";

BOOST_AUTO_TEST_CASE(one_concluding_rule_decides) {
  Program p = program_with(kUnique);
  Advice a = advise(p, safety("true", "", "true"));
  const DecisionResult& d = decision(a, "veilig");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(member_of(p, d.value) == "high");
  BOOST_TEST(d.rules == Strings{"veilig.hoog"});
  BOOST_TEST(a.errors.empty());
  BOOST_TEST(recommendation_ids(a) == Strings{"escalation:e1"});
}

BOOST_AUTO_TEST_CASE(two_concluding_rules_are_an_error) {
  Program p = program_with(kUnique);
  Advice a = advise(p, safety("true", "", "false"));
  const DecisionResult& d = decision(a, "veilig");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST_REQUIRE(a.errors.size() == 1u);
  BOOST_TEST(a.errors[0].find("veilig") != std::string::npos, a.errors[0]);
  BOOST_TEST(a.errors[0].find("veilig.hoog") != std::string::npos, a.errors[0]);
  BOOST_TEST(a.errors[0].find("veilig.laag") != std::string::npos, a.errors[0]);
  // Neither of the conflicting rules gets to recommend.
  BOOST_TEST(a.recommendations.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_rule_keeps_it_unknown) {
  // hoog concludes, but laag cannot be decided and might conclude too.
  Program p = program_with(kUnique);
  Advice a = advise(p, safety("true", "", ""));
  const DecisionResult& d = decision(a, "veilig");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"safety.suspicion"});
  BOOST_TEST(a.errors.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(collect)

// Rules in an order (and with priorities) unlike the enum's order.
const char* const kCollect = R"(
decision gebieden: problem_domain { settle collect }
rule g.opvoeding { priority 9 when any(problems where domain == parenting) then gebieden = parenting
  recommend intervention netwerkoverleg "netwerk" }
rule g.geld { priority 1 when count(problems where domain in [finances, debts]) > 0
  then gebieden = finances recommend action a_geld "geld" }
rule g.schulden { priority 5 when any(problems where domain == debts) then gebieden = debts }
rule g.geld_ook { priority 3 when any(problems where domain == finances) then gebieden = finances }
)";

BOOST_AUTO_TEST_CASE(values_in_enum_order_once_each) {
  Program p = program_with(kCollect);
  Advice a = advise(p, minimal_case("problems:\n  - domain: parenting\n  - domain: debts\n"
                                    "  - domain: finances\n"));
  const DecisionResult& d = decision(a, "gebieden");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(members_of(p, d.value) == (Strings{"finances", "debts", "parenting"}));
  // Every concluding rule is named, and every one of them recommends.
  Strings rules = d.rules;
  std::sort(rules.begin(), rules.end());
  BOOST_TEST(rules == (Strings{"g.geld", "g.geld_ook", "g.opvoeding", "g.schulden"}));
  BOOST_TEST(recommendation_ids(a) == (Strings{"action:a_geld", "intervention:netwerkoverleg"}));
}

BOOST_AUTO_TEST_CASE(empty_list_when_no_rule_concludes) {
  Program p = program_with(kCollect);
  Advice a = advise(p, minimal_case("problems:\n  - domain: housing\n"));
  const DecisionResult& d = decision(a, "gebieden");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(d.value.as_list().empty());
  BOOST_TEST(d.rules.empty());
  auto json = nlohmann::json::parse(render_json(p, a));
  BOOST_TEST(json["decisions"]["gebieden"]["value"].dump() == "[]");
}

BOOST_AUTO_TEST_CASE(collected_values_in_json) {
  Program p = program_with(kCollect);
  Advice a = advise(p, minimal_case("problems:\n  - domain: debts\n  - domain: parenting\n"));
  auto json = nlohmann::json::parse(render_json(p, a));
  BOOST_TEST(json["decisions"]["gebieden"]["value"].dump() ==
             R"(["finances","debts","parenting"])");
}

BOOST_AUTO_TEST_CASE(an_unknown_rule_makes_collect_unknown) {
  // g.veilig cannot be decided (safety.acute is missing), and it might add a value: a `collect`
  // list is only given when every rule is known.
  Program p = program_with(R"(
decision gebieden: problem_domain { settle collect }
rule g.geld { when any(problems where domain == finances) then gebieden = finances }
rule g.veilig { when safety.acute then gebieden = domestic_violence }
)");
  Advice a = advise(p, minimal_case("problems:\n  - domain: finances\n"));
  const DecisionResult& d = decision(a, "gebieden");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"safety.acute"});
  Advice b = advise(p, minimal_case("problems:\n  - domain: finances\nsafety:\n  acute: true\n"));
  BOOST_TEST(members_of(p, decision(b, "gebieden").value) ==
             (Strings{"finances", "domestic_violence"}));
}

BOOST_AUTO_TEST_CASE(collect_over_bool_does_not_crash) {
  // Regression: the checker accepts `settle collect` on a `bool` decision, but the evaluator sorts
  // collected values with as_enum(): with two concluding rules evaluate() throws
  // std::bad_variant_access (`koers advise` aborts). Either the checker should reject it (K217)
  // or collect should handle bool values.
  Diagnostics diags;
  auto program = load_with_schema({{"t.koers",
                                    "decision d: bool { settle collect }\n"
                                    "rule r.a { when true then d = true }\n"
                                    "rule r.b { when true then d = false }\n"}},
                                  diags);
  if (!program) {
    BOOST_TEST(describe(diags).find("K217") != std::string::npos, describe(diags));
    return;
  }
  Advice a;
  BOOST_CHECK_NO_THROW(a = advise(*program, minimal_case()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(otherwise_applies_require)

BOOST_AUTO_TEST_CASE(otherwise_when_no_rule_concludes) {
  Program p = program_with(
      "decision mpg: bool { settle first otherwise false because \"geen regel\" }\n"
      "rule mpg.ja { priority 1 when count(problems) >= 2 then mpg = true because \"twee\" }\n");
  Advice a = advise(p, minimal_case("problems:\n  - domain: housing\n"));
  const DecisionResult& d = decision(a, "mpg");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(d.value.as_bool() == false);
  BOOST_TEST(d.rules.empty());
  BOOST_TEST(d.because == Strings{"geen regel"});
  Advice b = advise(p, minimal_case("problems:\n  - domain: housing\n  - domain: debts\n"));
  BOOST_TEST(decision(b, "mpg").value.as_bool() == true);
  BOOST_TEST(decision(b, "mpg").because == Strings{"twee"});
  auto json = nlohmann::json::parse(render_json(p, a));
  BOOST_TEST(json["decisions"]["mpg"]["rule"].is_null());
}

BOOST_AUTO_TEST_CASE(otherwise_is_not_used_when_a_rule_is_unknown) {
  Program p = program_with(
      "decision mpg: bool { settle first otherwise false }\n"
      "rule mpg.ja { priority 1 when family.resistant_to_help then mpg = true }\n");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = decision(a, "mpg");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"family.resistant_to_help"});
}

const char* const kApplies = R"(
decision mpg: bool { settle first otherwise false }
rule mpg.ja { priority 1 when count(problems) >= 2 then mpg = true }
decision strat: strategy {
  settle first
  applies when decision.mpg
    because "het gezin is geen MPG"
    because "nooit getoond" if false
  otherwise vinger_aan_de_pols
}
rule strat.stut { priority 1 when safety.structural then strat = stut_en_steun
  recommend action niet_geven "mag niet" }
)";

BOOST_AUTO_TEST_CASE(applies_when_false_is_not_applicable_with_because) {
  Program p = program_with(kApplies);
  Advice a =
      advise(p, minimal_case("problems:\n  - domain: housing\nsafety:\n  structural: true\n"));
  BOOST_TEST(decision(a, "mpg").value.as_bool() == false);
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::not_applicable));
  BOOST_TEST(d.because == Strings{"het gezin is geen MPG"});
  BOOST_TEST(d.rules.empty());
  // Its rules are not tried, so they recommend nothing.
  BOOST_TEST(a.recommendations.empty());
  auto json = nlohmann::json::parse(render_json(p, a));
  BOOST_TEST(json["decisions"]["strat"]["status"] == "not_applicable");
  BOOST_TEST(json["decisions"]["strat"]["value"].is_null());
}

BOOST_AUTO_TEST_CASE(applies_when_true_settles_normally) {
  Program p = program_with(kApplies);
  Advice a = advise(p, minimal_case("problems:\n  - domain: housing\n  - domain: debts\n"
                                    "safety:\n  structural: false\n"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(member_of(p, d.value) == "vinger_aan_de_pols");
}

BOOST_AUTO_TEST_CASE(applies_when_unknown_is_unknown) {
  Program p = program_with(
      "decision strat: strategy { settle first applies when family.accepts_involvement\n"
      "  otherwise refresh }\n");
  Advice a = advise(p, minimal_case());
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"family.accepts_involvement"});
}

const char* const kRequire = R"(
decision voortgang: bool {
  settle first
  require count(measurements.obvlk) >= 2 else missing measurements.obvlk "minstens twee OBVL-K metingen nodig"
  otherwise false
}
rule voortgang.ja { priority 1 when latest(measurements.obvlk).total < first(measurements.obvlk).total
  then voortgang = true }
)";

BOOST_AUTO_TEST_CASE(require_false_is_unknown_with_field_and_note) {
  Program p = program_with(kRequire);
  Advice a =
      advise(p, minimal_case("measurements:\n  obvlk:\n    - date: 2026-06-01\n      total: 30\n"));
  const DecisionResult& d = decision(a, "voortgang");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"measurements.obvlk"});
  BOOST_TEST(d.note == "minstens twee OBVL-K metingen nodig");
  BOOST_TEST_REQUIRE(a.missing.size() == 1u);
  BOOST_TEST(a.missing[0].field == "measurements.obvlk");
  BOOST_TEST(a.missing[0].note == "minstens twee OBVL-K metingen nodig");
  BOOST_TEST(a.missing[0].needed_by == Strings{"voortgang"});
  auto json = nlohmann::json::parse(render_json(p, a));
  BOOST_TEST(json["decisions"]["voortgang"]["status"] == "unknown");
  BOOST_TEST(json["decisions"]["voortgang"]["note"] == "minstens twee OBVL-K metingen nodig");
}

BOOST_AUTO_TEST_CASE(require_true_goes_on_to_the_rules) {
  Program p = program_with(kRequire);
  Advice a =
      advise(p, minimal_case("measurements:\n  obvlk:\n    - date: 2026-06-01\n      total: 30\n"
                             "    - date: 2026-09-01\n      total: 26\n"));
  const DecisionResult& d = decision(a, "voortgang");
  BOOST_TEST((d.status == Status::decided));
  BOOST_TEST(d.value.as_bool() == true);
  BOOST_TEST(a.missing.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_decision_read_by_another_names_its_case_fields) {
  Program p = program_with(R"(
decision mpg: bool { settle first }
rule mpg.ja { priority 1 when safety.acute and family.resistant_to_help then mpg = true }
decision strat: strategy { settle first }
rule strat.a { priority 1 when decision.mpg then strat = refresh }
)");
  Advice a = advise(p, minimal_case("safety:\n  acute: true\n"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"family.resistant_to_help"});
}

BOOST_AUTO_TEST_CASE(missing_names_only_case_fields) {
  // Regression: when a decision is unknown without missing fields (no rule applied and no
  // `otherwise`, or a `unique` conflict), a decision that reads it becomes unknown naming
  // "decision.mpg" as missing, and advice.missing lists {"field": "decision.mpg"} although that is
  // no case field a caseworker can fill in (evaluator.cpp: "a decision itself is never missing from
  // a case").
  Program p = program_with(R"(
decision mpg: bool { settle first }
rule mpg.ja { priority 1 when safety.acute then mpg = true }
decision strat: strategy { settle first }
rule strat.a { priority 1 when decision.mpg then strat = refresh }
)");
  Advice a = advise(p, minimal_case("safety:\n  acute: false\n"));
  BOOST_TEST((decision(a, "mpg").status == Status::unknown));
  BOOST_TEST((decision(a, "strat").status == Status::unknown));
  for (const auto& m : a.missing) {
    BOOST_TEST(m.field.rfind("decision.", 0) != 0u, "missing names " << m.field);
  }
  for (const auto& f : decision(a, "strat").missing) {
    BOOST_TEST(f.rfind("decision.", 0) != 0u, "strat's missing names " << f);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(recommendations)

const char* const kRecommend = R"(
rule r.steun { priority 9 when true recommend support s_hoog "steun" }
rule r.interventie { priority 9 when true recommend intervention i_een "interventie" }
rule r.actie_laag { priority 1 when true recommend action a_laag "actie laag" }
rule r.actie_hoog { priority 5 when true recommend action a_hoog "actie hoog" }
rule r.escalatie { priority 0 when true recommend escalation e_een "escalatie" }
rule r.steun_laag { priority 2 when true recommend support s_laag "steun {count(problems)}" }
rule r.steun_dubbel { priority 1 when true recommend support s_hoog "nog eens" }
rule r.onbekend { priority 3 when safety.acute recommend escalation e_twee "onbekend" }
)";

BOOST_AUTO_TEST_CASE(ordered_by_kind_then_priority) {
  Program p = program_with(kRecommend);
  Advice a = advise(p, minimal_case());
  BOOST_TEST(recommendation_ids(a) ==
             (Strings{"escalation:e_een", "action:a_hoog", "action:a_laag", "intervention:i_een",
                      "support:s_hoog", "support:s_laag"}));
  // The same recommendation from two rules is given once, from the first in advice order.
  const auto& s = a.recommendations[4];
  BOOST_TEST(s.rule == "r.steun");
  BOOST_TEST(s.text == "steun");
  BOOST_TEST(a.recommendations[5].text == "steun 0");
  // A recommendation whose rule is unknown is not given, and its field is named as missing.
  BOOST_TEST_REQUIRE(a.missing.size() == 1u);
  BOOST_TEST(a.missing[0].field == "safety.acute");
  BOOST_TEST(a.missing[0].needed_by == Strings{"r.onbekend"});
}

BOOST_AUTO_TEST_CASE(recommendation_carries_source_and_because) {
  Program p = program_with(R"(
source richtlijn { title "Richtlijn MPG" url "https://example.org/mpg" kind guideline }
rule r.gesprek { source richtlijn when count(problems) > 0
  recommend action verklarend_gesprek "Voer een verklarend gesprek"
  because "er zijn {count(problems)} problemen" })");
  Advice a = advise(p, minimal_case("problems:\n  - domain: housing\n"));
  BOOST_TEST_REQUIRE(a.recommendations.size() == 1u);
  BOOST_TEST(a.recommendations[0].source == "richtlijn");
  BOOST_TEST(a.recommendations[0].because == Strings{"er zijn 1 problemen"});
  BOOST_TEST_REQUIRE(a.sources.size() == 1u);
  BOOST_TEST(a.sources[0].id == "richtlijn");
  BOOST_TEST(a.sources[0].title == "Richtlijn MPG");
  BOOST_TEST(a.sources[0].kind == "guideline");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(determinism)

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"a_bronnen.koers",
     "source richtlijn { title \"R\" url \"https://example.org\" kind guideline }\n"
     "parameter mpg.min: int { default 2 source richtlijn }\n"
     "kind action \"Actie\"\nkind support \"Ondersteuning\"\n"},
    {"b_besluiten.koers",
     "decision mpg: bool { settle first otherwise false }\n"
     "decision strat: strategy { settle first applies when decision.mpg because \"geen MPG\" }\n"
     "decision gebieden: problem_domain { settle collect }\n"},
    {"c_regels.koers",
     "rule mpg.ja { source richtlijn priority 1 when count(problems) >= policy.mpg.min\n"
     "  then mpg = true because \"{count(problems)} problemen\" }\n"
     "rule strat.stut { priority 2 when family.network in [weak, absent] then strat = "
     "stut_en_steun\n"
     "  recommend action verklarend_gesprek \"Gesprek\" }\n"
     "rule strat.orde { priority 1 when family.network in [strong, moderate] then strat = "
     "orde_op_zaken }\n"
     "rule g.alle { when true then gebieden = housing }\n"
     "rule g.geld { when any(problems where domain == finances) then gebieden = finances }\n"
     "rule steun { when caseworker.caseload > 20 recommend support caseload_verlagen \"Minder\" "
     "}\n"},
};

const std::string kCaseText = R"(koers: 1
case_id: vast-1
family:
  network: weak
problems:
  - domain: finances
    since: 2021-03-01
  - domain: parenting
caseworker:
  caseload: 25
)";

std::string json_for(const std::vector<std::pair<std::string, std::string>>& files,
                     std::string* sha = nullptr) {
  Diagnostics diags;
  auto program = load_rule_set_from_texts(
      [&] {
        std::vector<std::pair<std::string, std::string>> all = files;
        all.insert(all.begin() + static_cast<long>(all.size() / 2),
                   {"schema.koers", koers::testing::schema_text()});
        return all;
      }(),
      diags, "rules", check::CheckOptions{.rules_need_a_source = false});
  BOOST_TEST_REQUIRE(program.has_value(), describe(diags));
  if (sha != nullptr) *sha = program->rules_sha256;
  return render_json(*program, advise(*program, kCaseText));
}

BOOST_AUTO_TEST_CASE(shuffled_file_order_gives_identical_advice) {
  std::string sha_a;
  std::string reference = json_for(kFiles, &sha_a);
  BOOST_TEST(!sha_a.empty());
  auto files = kFiles;
  std::sort(files.begin(), files.end());
  int permutations = 0;
  do {
    std::string sha;
    BOOST_TEST(json_for(files, &sha) == reference);
    BOOST_TEST(sha == sha_a);
    ++permutations;
  } while (std::next_permutation(files.begin(), files.end()));
  BOOST_TEST(permutations == 6);
  // And the advice is what these rules say.
  auto json = nlohmann::json::parse(reference);
  BOOST_TEST(json["decisions"]["mpg"]["value"] == true);
  BOOST_TEST(json["decisions"]["strat"]["value"] == "stut_en_steun");
  BOOST_TEST(json["decisions"]["gebieden"]["value"].dump() == R"(["finances","housing"])");
  BOOST_TEST(json["recommendations"].size() == 2u);
  BOOST_TEST(json["recommendations"][0]["id"] == "verklarend_gesprek");
  BOOST_TEST(json["recommendations"][1]["id"] == "caseload_verlagen");
}

BOOST_AUTO_TEST_CASE(same_inputs_give_byte_identical_json) {
  BOOST_TEST(json_for(kFiles) == json_for(kFiles));
}

BOOST_AUTO_TEST_CASE(rules_hash_changes_with_content_and_names) {
  std::string sha_a;
  std::string sha_b;
  std::string sha_c;
  json_for(kFiles, &sha_a);
  auto changed = kFiles;
  changed[2].second += "# een opmerking\n";
  json_for(changed, &sha_b);
  auto renamed = kFiles;
  renamed[0].first = "a_bronnen2.koers";
  json_for(renamed, &sha_c);
  BOOST_TEST(sha_a != sha_b);
  BOOST_TEST(sha_a != sha_c);
  BOOST_TEST(sha_b != sha_c);
}

BOOST_AUTO_TEST_SUITE_END()

// An unknown `first` decision keeps the values it can still take: a rule that reads it is decided
// when all of them give the same answer, and only then; an expression that merely passes the
// unknown on (a count) is not decided by them.
BOOST_AUTO_TEST_CASE(an_unknown_first_decision_decides_only_what_all_its_possible_values_agree_on) {
  Program p = program_with(std::string(kFirst) + R"(
rule volgt.beide {
  priority 5
  when decision.strat in [orde_op_zaken, stut_en_steun]
  recommend action beide "beide"
}
rule volgt.een {
  priority 5
  when decision.strat == stut_en_steun
  recommend action een "een"
}
rule volgt.geen {
  priority 5
  when decision.strat != refresh
  recommend action geen_refresh "geen refresh"
}
rule volgt.telling {
  priority 5
  when count(distinct([decision.strat, orde_op_zaken])) not in [5]
  recommend action telling "telling"
}
)");
  // structural unknown (stut_en_steun, priority 10), suspicion true (orde_op_zaken): either.
  Advice a = advise(p, minimal_case("safety: {suspicion: true, acute: false}\n"));
  const DecisionResult& d = decision(a, "strat");
  BOOST_TEST((d.status == Status::unknown));
  BOOST_TEST(d.missing == Strings{"safety.structural"});
  const Strings given = recommendation_ids(a);
  auto has = [&](const std::string& id) {
    return std::find(given.begin(), given.end(), id) != given.end();
  };
  BOOST_TEST(has("action:beide"));         // both possible values are in the list
  BOOST_TEST(!has("action:een"));          // orde_op_zaken would say no: still open
  BOOST_TEST(has("action:geen_refresh"));  // refresh is not possible
  // A count over it is not an enum member: the possible values say nothing about it (taking them
  // for members would make every count "not among" them and decide this rule true).
  BOOST_TEST(!has("action:telling"));
  const std::string json = render_json(p, a);
  BOOST_TEST(json.find("\"possible\":[\"orde_op_zaken\",\"stut_en_steun\"]") != std::string::npos,
             json);
}
