// Policies: loading a policy file against the rules' parameters (codes P402-P407, with line:col),
// the rules' defaults as a policy, and dates of effect (`valid_from`) through parameters_on().
#define BOOST_TEST_MODULE policy
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::date_of;
using koers::testing::describe;
using koers::testing::program_with;
using Strings = std::vector<std::string>;

namespace {

const char* const kRules = R"(
source richtlijn { title "Richtlijn" kind guideline }
source organisatie { title "Organisatie" kind organisation }
parameter mpg.min_months: int { unit "maanden" range 0..120 default 24 source richtlijn note "standaard" }
parameter evaluatie.interval: int { unit "maanden" source organisatie }
parameter mpg.prior_help: bool { default true }
parameter strategie.standaard: strategy { default orde_op_zaken }
parameter meting.vanaf: date { default 2020-01-01 }
decision lang: bool { settle first otherwise false }
rule lang.ja { priority 1 when months_between(care.started, as_of) >= policy.mpg.min_months
  then lang = true because "minstens {policy.mpg.min_months} maanden" }
)";

const Program& program() {
  static const Program p = program_with(kRules);
  return p;
}

const std::string kHead = "koers_policy: 1\nid: test\nversion: \"1\"\n";

std::optional<Policy> load(const std::string& yaml, Diagnostics& diags) {
  return load_policy(program(), std::make_shared<SourceFile>("policy.yaml", yaml), diags);
}

Policy load_ok(const std::string& yaml) {
  Diagnostics diags;
  auto policy = load(yaml, diags);
  BOOST_TEST(diags.empty(), describe(diags));
  if (!policy) throw std::runtime_error("policy does not load:\n" + describe(diags));
  return std::move(*policy);
}

std::vector<Diagnostic> errors_of(const std::string& yaml) {
  Diagnostics diags;
  auto policy = load(yaml, diags);
  BOOST_TEST(!policy.has_value());
  BOOST_TEST(diags.has_errors());
  BOOST_TEST_MESSAGE(describe(diags));
  return diags.sorted();
}

void expect_only(const std::string& yaml, const std::string& code, int line, int col,
                 const std::string& message, const std::string& hint = "") {
  auto all = errors_of(yaml);
  BOOST_TEST_REQUIRE(all.size() == 1u);
  const Diagnostic& d = all.front();
  BOOST_TEST(d.code == code);
  BOOST_TEST(d.span.line == line);
  BOOST_TEST(d.span.col == col);
  BOOST_TEST(d.span.path() == "policy.yaml");
  BOOST_TEST(d.message.find(message) != std::string::npos,
             "message `" << d.message << "` lacks `" << message << "`");
  if (!hint.empty()) {
    BOOST_TEST(d.hint.find(hint) != std::string::npos,
               "hint `" << d.hint << "` lacks `" << hint << "`");
  }
}

std::string describe_all(const std::vector<Diagnostic>& all) {
  std::string out;
  for (const auto& d : all) out += render_headline(d) + " (hint: " + d.hint + ")\n";
  return out;
}

size_t param(const std::string& id) {
  int i = program().parameter_index(id);
  if (i < 0) throw std::runtime_error("no parameter " + id);
  return static_cast<size_t>(i);
}

Value on(const Policy& policy, const std::string& id, const std::string& date) {
  return parameters_on(program(), policy, date_of(date))[param(id)];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loading)

BOOST_AUTO_TEST_CASE(valid_policy) {
  Policy policy = load_ok(kHead +
                          "title: Testbeleid\n"
                          "description: voor de tests\n"
                          "parameters:\n"
                          "  evaluatie.interval: 6\n"
                          "  mpg.min_months:\n"
                          "    value: 36\n"
                          "    source: organisatie\n"
                          "    note: \"strenger\"\n"
                          "    unit: maanden\n"
                          "  mpg.prior_help: false\n"
                          "  strategie.standaard: stut_en_steun\n"
                          "  meting.vanaf: 2025-06-01\n");
  BOOST_TEST(policy.id == "test");
  BOOST_TEST(policy.version == "1");
  BOOST_TEST(policy.title == "Testbeleid");
  BOOST_TEST(policy.sha256.size() == 64u);
  BOOST_TEST(on(policy, "evaluatie.interval", "2026-11-01").as_int() == 6);
  BOOST_TEST(on(policy, "mpg.min_months", "2026-11-01").as_int() == 36);
  BOOST_TEST(on(policy, "mpg.prior_help", "2026-11-01").as_bool() == false);
  EnumValue s = on(policy, "strategie.standaard", "2026-11-01").as_enum();
  BOOST_TEST(program().schema.enums[static_cast<size_t>(s.enum_id)].members[static_cast<size_t>(
                 s.index)] == "stut_en_steun");
  BOOST_TEST(format_date(on(policy, "meting.vanaf", "2026-11-01").as_date()) == "2025-06-01");
  // Provenance of the value in force: its own source and note.
  const PolicyValue* v = value_in_force(policy, param("mpg.min_months"), date_of("2026-11-01"));
  BOOST_TEST_REQUIRE(v != nullptr);
  BOOST_TEST(v->source == "organisatie");
  BOOST_TEST(v->note == "strenger");
  // A value without its own source takes the parameter's.
  const PolicyValue* w = value_in_force(policy, param("evaluatie.interval"), date_of("2026-11-01"));
  BOOST_TEST_REQUIRE(w != nullptr);
  BOOST_TEST(w->source == "organisatie");
}

BOOST_AUTO_TEST_CASE(parameters_left_out_take_the_rules_default) {
  Policy policy = load_ok(kHead + "parameters:\n  evaluatie.interval: 6\n");
  BOOST_TEST(on(policy, "mpg.min_months", "2026-11-01").as_int() == 24);
  BOOST_TEST(on(policy, "mpg.prior_help", "2026-11-01").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(sha256_covers_the_bytes) {
  Policy a = load_ok(kHead + "parameters:\n  evaluatie.interval: 6\n");
  Policy b = load_ok(kHead + "parameters:\n  evaluatie.interval: 6\n");
  Policy c = load_ok(kHead + "parameters:\n  evaluatie.interval: 6   # zes\n");
  BOOST_TEST(a.sha256 == b.sha256);
  BOOST_TEST(a.sha256 != c.sha256);
}

BOOST_AUTO_TEST_CASE(unknown_parameter_with_hint) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  mpg.min_month: 3\n",
              "P402", 6, 3, "unknown parameter `mpg.min_month`", "did you mean `mpg.min_months`?");
}

BOOST_AUTO_TEST_CASE(unknown_parameter_without_a_close_one) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  iets.heel.anders: 3\n",
              "P402", 6, 3, "unknown parameter `iets.heel.anders`");
}

BOOST_AUTO_TEST_CASE(wrong_type_int) {
  expect_only(kHead + "parameters:\n  evaluatie.interval: 6\n  mpg.min_months: zes\n", "P403", 6,
              19, "parameter `mpg.min_months` is int, found `zes`");
}

BOOST_AUTO_TEST_CASE(wrong_type_in_a_value_entry) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  mpg.prior_help:\n"
                  "    value: ja\n",
              "P403", 7, 12, "parameter `mpg.prior_help` is bool, found `ja`");
}

BOOST_AUTO_TEST_CASE(wrong_type_enum_and_date) {
  auto all = errors_of(kHead +
                       "parameters:\n"
                       "  evaluatie.interval: 6\n"
                       "  strategie.standaard: stut_en_stuen\n"
                       "  meting.vanaf: 2026-02-30\n");
  BOOST_TEST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].code == "P403");
  BOOST_TEST(all[0].span.line == 6);
  BOOST_TEST(all[0].span.col == 24);
  BOOST_TEST(all[0].message.find("is strategy, found `stut_en_stuen`") != std::string::npos,
             all[0].message);
  BOOST_TEST(all[1].code == "P403");
  BOOST_TEST(all[1].span.line == 7);
  BOOST_TEST(all[1].span.col == 17);
  BOOST_TEST(all[1].message.find("is date, found `2026-02-30`") != std::string::npos,
             all[1].message);
}

BOOST_AUTO_TEST_CASE(missing_value) {
  // evaluatie.interval has no default in the rules, so the policy must give it.
  expect_only(kHead + "parameters:\n  mpg.min_months: 30\n", "P404", 1, 1,
              "parameter `evaluatie.interval` has no value",
              "give it a value without `valid_from`");
}

BOOST_AUTO_TEST_CASE(missing_value_before_the_first_date_of_effect) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval:\n"
                  "    value: 4\n"
                  "    valid_from: 2026-07-01\n",
              "P404", 1, 1, "parameter `evaluatie.interval` has no value before 2026-07-01");
}

BOOST_AUTO_TEST_CASE(unknown_top_level_key) {
  expect_only(kHead + "titel: Beleid\nparameters:\n  evaluatie.interval: 6\n", "P405", 4, 1,
              "unknown key `titel`", "did you mean `title`?");
}

BOOST_AUTO_TEST_CASE(unknown_key_in_a_value_entry) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval:\n"
                  "    value: 6\n"
                  "    bron: organisatie\n",
              "P405", 7, 5, "unknown key `bron`");
}

BOOST_AUTO_TEST_CASE(value_key_missing_in_an_entry) {
  auto all = errors_of(kHead +
                       "parameters:\n"
                       "  evaluatie.interval:\n"
                       "    vallue: 6\n");
  // The typo is named, and so is the lack of `value:`; with no value the parameter has none (P404).
  BOOST_TEST_REQUIRE(all.size() >= 2u);
  bool typo = false;
  bool lacks_value = false;
  for (const auto& d : all) {
    if (d.code == "P405" && d.span.line == 6 && d.span.col == 5 &&
        d.hint.find("did you mean `value`?") != std::string::npos) {
      typo = true;
    }
    if (d.code == "P405" && d.message.find("`value:` is missing") != std::string::npos) {
      lacks_value = true;
    }
  }
  BOOST_TEST(typo, describe_all(all));
  BOOST_TEST(lacks_value);
}

BOOST_AUTO_TEST_CASE(format_version_is_required) {
  expect_only("id: test\nversion: \"1\"\nparameters:\n  evaluatie.interval: 6\n", "P405", 1, 1,
              "`koers_policy: 1`");
}

BOOST_AUTO_TEST_CASE(two_values_from_one_date) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval:\n"
                  "    - value: 6\n"
                  "    - value: 4\n"
                  "      valid_from: 2026-07-01\n"
                  "    - value: 5\n"
                  "      valid_from: 2026-07-01\n",
              "P406", 10, 19, "parameter `evaluatie.interval` has two values from 2026-07-01");
}

BOOST_AUTO_TEST_CASE(two_values_without_a_date) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval:\n"
                  "    - value: 6\n"
                  "    - value: 4\n",
              "P406", 7, 14, "has two values without `valid_from`");
}

BOOST_AUTO_TEST_CASE(valid_from_that_is_not_a_date) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  mpg.min_months:\n"
                  "    value: 12\n"
                  "    valid_from: 2026-13-01\n",
              "P406", 8, 17, "`valid_from` must be a date (YYYY-MM-DD), found `2026-13-01`");
}

BOOST_AUTO_TEST_CASE(undeclared_source) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval:\n"
                  "    value: 6\n"
                  "    source: nergens\n",
              "P407", 7, 13, "source `nergens` is not declared in the rules");
}

BOOST_AUTO_TEST_CASE(not_yaml) {
  auto all = errors_of("koers_policy: 1\nparameters: [\n");
  BOOST_TEST_REQUIRE(!all.empty());
  BOOST_TEST(all[0].code == "P401");
}

BOOST_AUTO_TEST_CASE(every_error_is_reported_at_once) {
  auto all = errors_of(kHead +
                       "parameters:\n"
                       "  evaluatie.interval: zes\n"
                       "  mpg.min_month: 3\n"
                       "  mpg.min_months:\n"
                       "    value: 12\n"
                       "    source: nergens\n");
  Strings codes;
  for (const auto& d : all) codes.push_back(d.code);
  // P404 (1:1, evaluatie.interval has no valid value), P403 (5), P402 (6), P407 (9).
  BOOST_TEST(codes == (Strings{"P404", "P403", "P402", "P407"}), describe_all(all));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(defaults)

BOOST_AUTO_TEST_CASE(defaults_policy_needs_a_default_for_every_parameter) {
  Diagnostics diags;
  auto policy = default_policy(program(), diags);
  BOOST_TEST(!policy.has_value());
  auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 1u, describe(diags));
  BOOST_TEST(all[0].code == "P404");
  BOOST_TEST(all[0].message.find("evaluatie.interval") != std::string::npos);
  // Pointed at the parameter's declaration in the rules (line 5 of t.koers).
  BOOST_TEST(all[0].span.path() == "rules/t.koers");
  BOOST_TEST(all[0].span.line == 5);
}

BOOST_AUTO_TEST_CASE(defaults_policy_gives_the_declared_defaults) {
  Program p = program_with(
      "parameter a.b: int { default 7 }\n"
      "parameter c: bool { default false }\n");
  Diagnostics diags;
  auto policy = default_policy(p, diags);
  BOOST_TEST_REQUIRE(policy.has_value(), describe(diags));
  BOOST_TEST(policy->id == "defaults");
  auto values = parameters_on(p, *policy, date_of("2026-11-01"));
  BOOST_TEST_REQUIRE(values.size() == 2u);
  BOOST_TEST(values[static_cast<size_t>(p.parameter_index("a.b"))].as_int() == 7);
  BOOST_TEST(values[static_cast<size_t>(p.parameter_index("c"))].as_bool() == false);
}

// Without a policy file the advice says its values are the rules' defaults, not an organisation's.
BOOST_AUTO_TEST_CASE(advice_under_the_defaults_says_they_are_defaults) {
  Program p = program_with(
      "parameter a.b: int { default 7 }\n"
      "decision lang: bool { settle first otherwise false }\n"
      "rule lang.ja { when months_between(care.started, as_of) >= policy.a.b then lang = true }\n");
  Diagnostics diags;
  auto policy = default_policy(p, diags);
  BOOST_TEST_REQUIRE(policy.has_value(), describe(diags));
  Case c =
      koers::testing::case_from(p, koers::testing::minimal_case("care:\n  started: 2025-06-01\n"));
  Advice advice = evaluate(p, *policy, c, date_of("2026-07-01"));
  BOOST_TEST_REQUIRE(advice.parameters.size() == 1u);
  BOOST_TEST((advice.parameters[0].origin == ParameterUsed::Origin::rule_default));
  BOOST_TEST(render_json(p, advice).find(R"({"id":"a.b","value":7,"from":"default"})") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dates_of_effect)

const std::string kDated = kHead +
                           "parameters:\n"
                           "  evaluatie.interval:\n"
                           "    - value: 4\n"
                           "      valid_from: 2026-07-01\n"
                           "      note: \"vanaf juli\"\n"
                           "    - value: 6\n"
                           "    - value: 3\n"
                           "      valid_from: 2027-01-01\n"
                           "  mpg.min_months:\n"
                           "    value: 12\n"
                           "    valid_from: 2026-07-01\n";

BOOST_AUTO_TEST_CASE(value_before_on_and_after_valid_from) {
  Policy policy = load_ok(kDated);
  BOOST_TEST(on(policy, "evaluatie.interval", "2026-06-30").as_int() == 6);
  BOOST_TEST(on(policy, "evaluatie.interval", "2026-07-01").as_int() == 4);
  BOOST_TEST(on(policy, "evaluatie.interval", "2026-07-02").as_int() == 4);
  BOOST_TEST(on(policy, "evaluatie.interval", "2026-12-31").as_int() == 4);
  BOOST_TEST(on(policy, "evaluatie.interval", "2027-01-01").as_int() == 3);
  BOOST_TEST(on(policy, "evaluatie.interval", "2030-01-01").as_int() == 3);
  BOOST_TEST(on(policy, "evaluatie.interval", "1990-01-01").as_int() == 6);
}

BOOST_AUTO_TEST_CASE(before_the_first_date_the_rules_default_holds) {
  Policy policy = load_ok(kDated);
  BOOST_TEST(on(policy, "mpg.min_months", "2026-06-30").as_int() == 24);
  BOOST_TEST(on(policy, "mpg.min_months", "2026-07-01").as_int() == 12);
  BOOST_TEST(value_in_force(policy, param("mpg.min_months"), date_of("2026-06-30")) == nullptr);
}

BOOST_AUTO_TEST_CASE(the_entry_in_force_keeps_its_note) {
  Policy policy = load_ok(kDated);
  const PolicyValue* v = value_in_force(policy, param("evaluatie.interval"), date_of("2026-08-01"));
  BOOST_TEST_REQUIRE(v != nullptr);
  BOOST_TEST(v->note == "vanaf juli");
  BOOST_TEST_REQUIRE(v->valid_from.has_value());
  BOOST_TEST(format_date(*v->valid_from) == "2026-07-01");
}

BOOST_AUTO_TEST_CASE(evaluation_uses_the_value_in_force_on_as_of) {
  Policy policy = load_ok(kDated);
  Case c = koers::testing::case_from(
      program(), koers::testing::minimal_case("care:\n  started: 2025-06-01\n"));
  // 2026-06-30: 12 months, threshold 24 (default) -> false.
  Advice before = evaluate(program(), policy, c, date_of("2026-06-30"));
  BOOST_TEST(koers::testing::decision(before, "lang").value.as_bool() == false);
  // 2026-07-01: 13 months, threshold 12 (from the policy) -> true, and the text says 12.
  Advice after = evaluate(program(), policy, c, date_of("2026-07-01"));
  const DecisionResult& d = koers::testing::decision(after, "lang");
  BOOST_TEST(d.value.as_bool() == true);
  BOOST_TEST(d.because == Strings{"minstens 12 maanden"});
  BOOST_TEST(after.provenance.policy_id == "test");
  BOOST_TEST(after.provenance.policy_sha256 == policy.sha256);
}

// The advice says under which settings it was given: each parameter the rules read (here only
// mpg.min_months; evaluatie.interval is declared but read by no rule), with its value on the advice
// date and whether the policy or the rules' default gave it.
BOOST_AUTO_TEST_CASE(the_advice_names_the_parameter_values_it_used) {
  Policy policy = load_ok(kDated);
  Case c = koers::testing::case_from(
      program(), koers::testing::minimal_case("care:\n  started: 2025-06-01\n"));
  Advice before = evaluate(program(), policy, c, date_of("2026-06-30"));
  BOOST_TEST_REQUIRE(before.parameters.size() == 1u);
  BOOST_TEST(program().parameters[static_cast<size_t>(before.parameters[0].parameter)].id ==
             "mpg.min_months");
  BOOST_TEST(before.parameters[0].value.as_int() == 24);
  BOOST_TEST((before.parameters[0].origin == ParameterUsed::Origin::rule_default));
  BOOST_TEST(render_json(program(), before)
                 .find(R"("parameters":[{"id":"mpg.min_months","value":24,"from":"default"}])") !=
             std::string::npos);
  Advice after = evaluate(program(), policy, c, date_of("2026-07-01"));
  BOOST_TEST((after.parameters[0].origin == ParameterUsed::Origin::policy));
  BOOST_TEST(render_json(program(), after)
                 .find(R"("parameters":[{"id":"mpg.min_months","value":12,"from":"policy",)"
                       R"("valid_from":"2026-07-01"}])") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// yaml-cpp would keep both entries and read one: a parameter, a `value` or an `id` given twice is
// refused, with the line of the first.
BOOST_AUTO_TEST_CASE(a_key_given_twice_is_refused) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  mpg.min_months: 30\n"
                  "  mpg.min_months: 12\n",
              "P408", 7, 3, "`mpg.min_months` is given twice (first on line 6)",
              "keep one of the two: a repeated key would silently take one of its values");
  auto nested = errors_of(kHead +
                          "parameters:\n"
                          "  evaluatie.interval:\n"
                          "    value: 6\n"
                          "    value: 9\n");
  BOOST_TEST_REQUIRE(!nested.empty());
  BOOST_TEST(nested[0].code == "P408");
  BOOST_TEST(nested[0].span.line == 7);
}

// A value outside the parameter's declared range is refused, naming the range and its unit; the
// edges are inside.
BOOST_AUTO_TEST_CASE(a_value_outside_the_range_is_refused) {
  expect_only(kHead +
                  "parameters:\n"
                  "  evaluatie.interval: 6\n"
                  "  mpg.min_months: 240\n",
              "P409", 6, 19, "`mpg.min_months` is 240 maanden, outside its range 0..120",
              "the rules allow 0 to 120 maanden");
  auto dated = errors_of(kHead +
                         "parameters:\n"
                         "  evaluatie.interval: 6\n"
                         "  mpg.min_months:\n"
                         "    - {value: 24}\n"
                         "    - {value: -1, valid_from: 2027-01-01}\n");
  BOOST_TEST_REQUIRE(dated.size() == 1u);
  BOOST_TEST(dated[0].code == "P409");
  BOOST_TEST(dated[0].span.line == 8);
  load_ok(kHead + "parameters:\n  evaluatie.interval: 6\n  mpg.min_months: 120\n");
  load_ok(kHead + "parameters:\n  evaluatie.interval: 6\n  mpg.min_months: 0\n");
}

// "(organisatie-instelling)" follows a value the organisation chose, derived from its source's
// kind: after the unit word, inside a closing bracket, before other punctuation; never after a
// value from a guideline.
BOOST_AUTO_TEST_CASE(a_value_the_organisation_chose_is_marked_in_texts) {
  Program p = program_with(R"koers(
source richtlijn { title "Richtlijn" kind guideline }
source organisatie { title "Organisatie" kind organisation }
parameter eigen.maanden: int { unit "maanden" default 12 source organisatie }
parameter eigen.aantal: int { default 3 source organisatie }
parameter landelijk.maanden: int { unit "maanden" default 24 source richtlijn }
decision d: bool { settle first otherwise false }
rule d.ja { when true then d = true
  because "binnen {policy.eigen.maanden} maanden is nazorg zinvol."
  because "(minimaal {policy.eigen.aantal})"
  because "vanaf {policy.landelijk.maanden} maanden; nodig zijn er {policy.eigen.aantal}."
  because "{policy.eigen.aantal}{policy.eigen.aantal}" }
)koers");
  Diagnostics diags;
  auto policy = default_policy(p, diags);
  BOOST_TEST_REQUIRE(policy.has_value(), describe(diags));
  Case c = koers::testing::case_from(p, koers::testing::minimal_case(""));
  Advice advice = evaluate(p, *policy, c, date_of("2026-07-01"));
  const DecisionResult& d = koers::testing::decision(advice, "d");
  BOOST_TEST(d.because == (Strings{"binnen 12 maanden (organisatie-instelling) is nazorg zinvol.",
                                   "(minimaal 3, organisatie-instelling)",
                                   "vanaf 24 maanden; nodig zijn er 3 (organisatie-instelling).",
                                   "3 (organisatie-instelling)3 (organisatie-instelling)"}),
             d.because.size());
}
