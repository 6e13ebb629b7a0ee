// Check errors (K2xx, and K105 for impossible dates): each mistake gives the exact code at the
// exact line:col, with a useful message and, where a name is close, a "did you mean" hint.
#define BOOST_TEST_MODULE check_errors
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::describe;
using koers::testing::load_with_schema;

namespace {

const char* const kDecision = "decision d: bool { settle first }\n";

std::vector<Diagnostic> diagnostics_of(const std::string& text) {
  Diagnostics diags;
  auto program = load_with_schema({{"t.koers", text}}, diags);
  BOOST_TEST(!program.has_value());
  BOOST_TEST(diags.has_errors());
  BOOST_TEST_MESSAGE(describe(diags));
  return diags.sorted();
}

// `text` must give exactly one diagnostic: `code` at line:col in rules/t.koers, with `message`
// and `hint` (when given) in its message and hint.
void expect_only(const std::string& text, const std::string& code, int line, int col,
                 const std::string& message, const std::string& hint = "") {
  auto all = diagnostics_of(text);
  BOOST_TEST_REQUIRE(all.size() == 1u);
  const Diagnostic& d = all.front();
  BOOST_TEST(d.code == code);
  BOOST_TEST(d.span.line == line);
  BOOST_TEST(d.span.col == col);
  BOOST_TEST(d.span.path() == "rules/t.koers");
  BOOST_TEST(d.message.find(message) != std::string::npos,
             "message `" << d.message << "` lacks `" << message << "`");
  if (!hint.empty()) {
    BOOST_TEST(d.hint.find(hint) != std::string::npos,
               "hint `" << d.hint << "` lacks `" << hint << "`");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(unknown_name_with_hint) {
  expect_only(std::string(kDecision) + "rule r.a { when safty.acute then d = true }", "K202", 2, 17,
              "unknown name `safty`", "did you mean `safety`?");
}

BOOST_AUTO_TEST_CASE(enum_member_used_as_value_without_a_typed_side) {
  // A bare enum member where no type tells which enum it is: the hint names its enum.
  expect_only(std::string(kDecision) + "rule r.a { when true then d = stut_en_steun }", "K202", 2,
              31, "unknown name `stut_en_steun`", "`stut_en_steun` is a value of `strategy`");
}

BOOST_AUTO_TEST_CASE(unknown_field) {
  expect_only(std::string(kDecision) + "rule r.a { when safety.acut then d = true }", "K203", 2, 24,
              "`safety` has no field `acut`", "did you mean `acute`?");
}

BOOST_AUTO_TEST_CASE(require_names_a_field_that_does_not_exist) {
  expect_only(
      "decision d: bool { settle first require true else missing family.netwerk \"x\" }\n"
      "rule r.a { when true then d = true }\n",
      "K203", 1, 59, "`family.netwerk` is not a field of the case");
}

BOOST_AUTO_TEST_CASE(field_typo_gives_one_error_not_a_cascade) {
  // When the typed side of a comparison or `in` has an error, the bare enum members on the other
  // side are not reported again: one typo, one error.
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when family.netwerk in [weak, absent] then d = true }");
  BOOST_TEST_REQUIRE(!all.empty());
  BOOST_TEST(all.front().code == "K203");
  BOOST_TEST(all.front().span.col == 24);
  BOOST_TEST(all.size() == 1u);
  auto eq = diagnostics_of(std::string(kDecision) +
                           "rule r.a { when care.strateg == stut_en_steun then d = true }");
  BOOST_TEST(eq.size() == 1u);
}

BOOST_AUTO_TEST_CASE(type_mismatch_date_with_int) {
  expect_only(std::string(kDecision) + "rule r.a { when care.started > 3 then d = true }", "K204",
              2, 30, "cannot compare `date` with `int` using `>`");
}

BOOST_AUTO_TEST_CASE(date_plus_bare_number_hints_at_units) {
  expect_only(std::string(kDecision) + "rule r.a { when care.started + 3 < as_of then d = true }",
              "K204", 2, 30, "cannot use `+` on `date` and `int`", "say the unit");
}

BOOST_AUTO_TEST_CASE(when_needs_a_condition) {
  expect_only(std::string(kDecision) + "rule r.a { when 3 then d = true }", "K204", 2, 17,
              "`when` needs a condition, found `int`");
}

BOOST_AUTO_TEST_CASE(enum_literal_typo) {
  expect_only(
      std::string(kDecision) + "rule r.a { when care.strategy == stut_en_stuen then d = true }",
      "K205", 2, 34, "`stut_en_stuen` is not a value of `strategy`",
      "did you mean `stut_en_steun`?");
}

BOOST_AUTO_TEST_CASE(enum_literal_typo_in_a_list) {
  expect_only(
      std::string(kDecision) + "rule r.a { when family.network in [weak, absnt] then d = true }",
      "K205", 2, 42, "`absnt` is not a value of `network_strength`", "did you mean `absent`?");
}

BOOST_AUTO_TEST_CASE(define_cycle_prints_its_path) {
  expect_only(
      "define a: int = b + 1\n"
      "define b: int = a + 1\n" +
          std::string(kDecision) + "rule r.a { when a > 1 then d = true }\n",
      "K206", 1, 8, "define `a` depends on itself: a -> b -> a");
}

BOOST_AUTO_TEST_CASE(define_depending_on_itself_directly) {
  expect_only(std::string(kDecision) +
                  "rule r.a { when a > 1 then d = true }\n"
                  "define a: int = a\n",
              "K206", 3, 8, "a -> a");
}

BOOST_AUTO_TEST_CASE(decision_set_with_wrong_type) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = 3 }", "K207", 2, 31,
              "decision `d` is bool, but this rule sets it to int");
}

BOOST_AUTO_TEST_CASE(enum_decision_set_to_bool) {
  expect_only(
      "decision s: strategy { settle first }\n"
      "rule r.a { when true then s = true }",
      "K207", 2, 31, "decision `s` is strategy, but this rule sets it to bool");
}

BOOST_AUTO_TEST_CASE(otherwise_with_wrong_type) {
  expect_only(
      "decision d: bool { settle first otherwise 3 }\n"
      "rule r.a { when true then d = true }",
      "K207", 1, 43, "decision `d` is bool, but `otherwise` gives int");
}

BOOST_AUTO_TEST_CASE(unknown_decision_in_then) {
  expect_only(std::string(kDecision) + "rule r.a { when true then e = true }", "K208", 2, 27,
              "unknown decision `e`", "did you mean `d`?");
}

BOOST_AUTO_TEST_CASE(unknown_decision_in_expression) {
  expect_only(std::string(kDecision) + "rule r.a { when decision.x then d = true }", "K208", 2, 26,
              "unknown decision `x`", "did you mean `decision.d`?");
}

BOOST_AUTO_TEST_CASE(undeclared_source) {
  expect_only(std::string(kDecision) + "rule r.a { source nergens when true then d = true }",
              "K209", 2, 19, "this rule cites source `nergens`, which is not declared",
              "declare it with `source nergens");
}

BOOST_AUTO_TEST_CASE(undeclared_source_close_to_a_declared_one) {
  expect_only("source richtlijn { title \"R\" kind guideline }\n" + std::string(kDecision) +
                  "rule r.a { source richtlyn when true then d = true }",
              "K209", 3, 19, "cites source `richtlyn`", "did you mean `richtlijn`?");
}

BOOST_AUTO_TEST_CASE(unknown_type) {
  expect_only("decision d: boool { settle first }\nrule r.a { when true then d = true }", "K210", 1,
              13, "unknown type `boool`", "did you mean `bool`?");
}

BOOST_AUTO_TEST_CASE(duplicate_rule_id) {
  expect_only(std::string(kDecision) +
                  "rule r.a { when true then d = true }\n"
                  "rule r.a { priority 2 when false then d = false }",
              "K201", 3, 6, "rule `r.a` is declared twice", "first declared at rules/t.koers:2:6");
}

BOOST_AUTO_TEST_CASE(duplicate_rule_id_across_files) {
  Diagnostics diags;
  auto program = load_with_schema(
      {{"a.koers", std::string(kDecision) + "rule r.a { when true then d = true }\n"},
       {"b.koers", "rule r.a { priority 2 when false then d = false }\n"}},
      diags);
  BOOST_TEST(!program.has_value());
  auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 1u, describe(diags));
  BOOST_TEST(all[0].code == "K201");
  BOOST_TEST(all[0].span.path() == "rules/b.koers");
  BOOST_TEST(all[0].span.line == 1);
  BOOST_TEST(all[0].span.col == 6);
  BOOST_TEST(all[0].hint == "first declared at rules/a.koers:2:6");
}

BOOST_AUTO_TEST_CASE(duplicate_define) {
  expect_only(std::string(kDecision) +
                  "rule r.a { when a > 1 then d = true }\n"
                  "define a: int = 3\n"
                  "define a: int = 4\n",
              "K201", 4, 8, "define `a` is declared twice");
}

BOOST_AUTO_TEST_CASE(define_named_like_a_case_field) {
  expect_only("define safety: int = 3\n", "K201", 1, 8,
              "`safety` is already the name of a case field");
}

BOOST_AUTO_TEST_CASE(unknown_source_kind_and_missing_title) {
  auto all = diagnostics_of(
      "source bron { title \"B\" kind richtlijn }\n"
      "source leeg { kind seed }\n"
      "source bijna { title \"C\" kind guidelin }\n");
  BOOST_TEST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].code == "K213");
  BOOST_TEST(all[0].span.line == 1);
  BOOST_TEST(all[0].span.col == 30);
  BOOST_TEST(all[0].message == "`richtlijn` is not a kind of source");
  BOOST_TEST(all[1].code == "K213");
  BOOST_TEST(all[1].span.line == 2);
  BOOST_TEST(all[1].span.col == 8);
  BOOST_TEST(all[1].message == "source `leeg` has no `title`");
  BOOST_TEST(all[2].code == "K213");
  BOOST_TEST(all[2].span.line == 3);
  BOOST_TEST(all[2].hint == "did you mean `guideline`?");
}

BOOST_AUTO_TEST_CASE(unknown_recommendation_kind) {
  expect_only(
      std::string(kDecision) + "rule r.a { when true then d = true recommend advies x \"tekst\" }",
      "K216", 2, 46, "`advies` is not a declared kind of recommendation",
      "declare it with its label: `kind advies \"...\" heading \"...\"`");
}

BOOST_AUTO_TEST_CASE(recommendation_kind_typo) {
  expect_only(
      std::string(kDecision) + "rule r.a { when true then d = true recommend actoin x \"tekst\" }",
      "K216", 2, 46, "`actoin` is not a declared kind of recommendation", "did you mean `action`?");
}

BOOST_AUTO_TEST_CASE(decision_without_settle) {
  expect_only("decision d: bool { title \"x\" }\nrule r.a { when true then d = true }", "K217", 1,
              10, "decision `d` does not say how it is settled", "add `settle first`");
}

BOOST_AUTO_TEST_CASE(collect_decision_with_otherwise) {
  expect_only(
      "decision d: severity { settle collect otherwise low }\n"
      "rule r.a { when true then d = high }",
      "K217", 1, 49, "a `collect` decision has no `otherwise`");
}

BOOST_AUTO_TEST_CASE(collect_of_a_bool_decision) {
  expect_only("decision d: bool { settle collect }\n", "K217", 1, 27,
              "`collect` gathers the values of an enum");
}

BOOST_AUTO_TEST_CASE(decision_of_int_type) {
  expect_only("decision d: int { settle first }\n", "K217", 1, 13,
              "a decision is `bool` or an enum; `d` is int");
}

BOOST_AUTO_TEST_CASE(two_first_rules_at_one_priority) {
  expect_only(std::string(kDecision) +
                  "rule r.a { when true then d = true }\n"
                  "rule r.b { when false then d = false }",
              "K218", 3, 6, "rules `r.a` and `r.b` both set `d` with priority 0",
              "give each rule its own `priority`");
}

BOOST_AUTO_TEST_CASE(unique_rules_may_share_a_priority) {
  Diagnostics diags;
  auto program = load_with_schema({{"t.koers",
                                    "decision d: bool { settle unique }\n"
                                    "rule r.a { when true then d = true }\n"
                                    "rule r.b { when false then d = false }\n"}},
                                  diags);
  BOOST_TEST(program.has_value());
  BOOST_TEST(diags.empty(), describe(diags));
}

BOOST_AUTO_TEST_CASE(decision_cycle) {
  expect_only(
      "decision d: bool { settle first }\n"
      "decision e: bool { settle first }\n"
      "rule r.a { when decision.e then d = true }\n"
      "rule r.b { when decision.d then e = true }\n",
      "K219", 1, 10, "decision `d` depends on itself: d -> e -> d");
}

BOOST_AUTO_TEST_CASE(decision_cycle_through_a_define) {
  expect_only(
      "define e_holds: bool = decision.e\n"
      "decision d: bool { settle first }\n"
      "decision e: bool { settle first }\n"
      "rule r.a { when e_holds then d = true }\n"
      "rule r.b { when decision.d then e = true }\n",
      "K219", 2, 10, "d -> e -> d");
}

BOOST_AUTO_TEST_CASE(unknown_function) {
  expect_only(std::string(kDecision) + "rule r.a { when coun(problems) > 2 then d = true }", "K220",
              2, 17, "unknown function `coun`", "did you mean `count`?");
}

BOOST_AUTO_TEST_CASE(function_with_wrong_number_of_arguments) {
  expect_only(
      std::string(kDecision) + "rule r.a { when months_between(care.started) > 2 then d = true }",
      "K220", 2, 17, "`months_between` takes 2 arguments, found 1");
}

BOOST_AUTO_TEST_CASE(where_not_allowed) {
  expect_only(std::string(kDecision) +
                  "rule r.a { when min(problems.since where true) is known then d = true }",
              "K221", 2, 42, "`where` is not allowed in this argument of `min`");
}

BOOST_AUTO_TEST_CASE(unknown_parameter) {
  // The span is the last part of the dotted path.
  expect_only(std::string(kDecision) + "rule r.a { when policy.mpg.min_months > 2 then d = true }",
              "K223", 2, 28, "unknown parameter `mpg.min_months`",
              "declare it with `parameter mpg.min_months: int");
}

BOOST_AUTO_TEST_CASE(unknown_parameter_close_to_a_declared_one) {
  expect_only("parameter mpg.min_problem_months: int { default 24 }\n" + std::string(kDecision) +
                  "rule r.a { when policy.mpg.min_problem_month > 2 then d = true }",
              "K223", 3, 28, "unknown parameter `mpg.min_problem_month`",
              "did you mean `policy.mpg.min_problem_months`?");
}

BOOST_AUTO_TEST_CASE(invalid_date_literal) {
  expect_only(std::string(kDecision) + "rule r.a { when care.started < 2026-02-30 then d = true }",
              "K105", 2, 32, "`2026-02-30` is not a date in the calendar");
}

BOOST_AUTO_TEST_CASE(invalid_date_as_parameter_default) {
  expect_only("parameter p.from: date { default 2025-13-01 }\n", "K105", 1, 34,
              "`2025-13-01` is not a date in the calendar");
}

BOOST_AUTO_TEST_CASE(rule_without_when) {
  expect_only(std::string(kDecision) + "rule r.a { then d = true }", "K215", 2, 6,
              "rule `r.a` has no `when`", "say when the rule applies");
}

BOOST_AUTO_TEST_CASE(rule_with_two_whens) {
  expect_only(std::string(kDecision) + "rule r.a { when true when false then d = true }", "K215", 2,
              22, "rule `r.a` has more than one `when`", "join the conditions with `and`");
}

BOOST_AUTO_TEST_CASE(rule_that_concludes_nothing) {
  expect_only(std::string(kDecision) + "rule r.a { when true }", "K215", 2, 6,
              "rule `r.a` concludes nothing");
}

BOOST_AUTO_TEST_CASE(parameter_default_of_wrong_type) {
  expect_only("parameter p.x: int { default \"twee\" }\n", "K204", 1, 30,
              "this default does not fit the type `int`");
}

BOOST_AUTO_TEST_CASE(parameter_of_list_type) {
  expect_only("parameter p.x: list of int { }\n", "K204", 1, 16, "a parameter is a single value");
}

BOOST_AUTO_TEST_CASE(rule_set_without_case_schema) {
  Diagnostics diags;
  auto program = load_rule_set_from_texts(
      {{"t.koers", std::string(kDecision) + "rule r.a { when true then d = true }"}}, diags);
  BOOST_TEST(!program.has_value());
  auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 1u, describe(diags));
  BOOST_TEST(all[0].code == "K212");
  BOOST_TEST(all[0].message.find("declare `record case") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_check_errors_are_reported_in_one_run) {
  auto all =
      diagnostics_of(std::string(kDecision) +
                     "rule r.a { when safety.acute then d = true }\n"
                     "rule r.b { priority 1 when safty.acute then d = true }\n"
                     "rule r.c { priority 2 when care.started > 3 then d = 5 recommend foo x "
                     "\"y\" }\n"
                     "rule r.c { priority 3 when true then e = true }\n"
                     "define a: int = a\n"
                     "rule r.e { priority 4 source nergens when care.strategy == refrsh "
                     "then d = true }\n");
  struct Want {
    std::string code;
    int line, col;
  };
  const std::vector<Want> want = {{"K202", 3, 28}, {"K204", 4, 41}, {"K207", 4, 54},
                                  {"K216", 4, 66}, {"K201", 5, 6},  {"K206", 6, 8},
                                  {"K209", 7, 30}, {"K205", 7, 60}};
  BOOST_TEST_REQUIRE(all.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    BOOST_TEST_CONTEXT("diagnostic " << i) {
      BOOST_TEST(all[i].code == want[i].code);
      BOOST_TEST(all[i].span.line == want[i].line);
      BOOST_TEST(all[i].span.col == want[i].col);
    }
  }
}

BOOST_AUTO_TEST_CASE(check_errors_in_several_files_are_all_reported) {
  Diagnostics diags;
  auto program = load_with_schema(
      {{"a.koers", std::string(kDecision) + "rule r.a { when safty.acute then d = true }\n"},
       {"b.koers", "rule r.b { priority 1 when true then e = true }\n"}},
      diags);
  BOOST_TEST(!program.has_value());
  auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 2u, describe(diags));
  BOOST_TEST(all[0].span.path() == "rules/a.koers");
  BOOST_TEST(all[0].code == "K202");
  BOOST_TEST(all[1].span.path() == "rules/b.koers");
  BOOST_TEST(all[1].code == "K208");
}

BOOST_AUTO_TEST_CASE(valid_rule_set_has_no_diagnostics) {
  Diagnostics diags;
  auto program = load_with_schema(
      {{"t.koers",
        "source richtlijn { title \"Richtlijn\" url \"https://example.org\" kind guideline }\n"
        "parameter mpg.min_months: int { unit \"maanden\" default 24 source richtlijn note \"n\" "
        "}\n"
        "define long_problems: int = count(problems where since is known and "
        "months_between(since, as_of) >= policy.mpg.min_months)\n"
        "decision mpg: bool {\n"
        "  title \"MPG\"\n"
        "  settle first\n"
        "  otherwise false because \"te weinig problemen\"\n"
        "}\n"
        "decision strat: strategy {\n"
        "  settle first\n"
        "  applies when decision.mpg because \"geen MPG\" if not decision.mpg\n"
        "  require family.network is known else missing family.network \"netwerk onbekend\"\n"
        "}\n"
        "decision zorgen: problem_domain { settle collect }\n"
        "rule mpg.ja { title \"MPG\" source richtlijn priority 10\n"
        "  when long_problems >= 2 unless safety.acute\n"
        "  then mpg = true\n"
        "  because \"{long_problems} problemen langer dan {policy.mpg.min_months} maanden\" }\n"
        "rule strat.stut { priority 1 when family.network in [weak, absent]\n"
        "  then strat = stut_en_steun recommend action verklarend_gesprek \"Voer een gesprek\" }\n"
        "rule zorgen.geld { when any(problems where domain == finances) then zorgen = finances }\n"
        "rule steun.collega { when caseworker.caseload > 20 recommend support caseload_verlagen "
        "\"Verlaag de caseload ({caseworker.caseload})\" }\n"}},
      diags);
  BOOST_TEST(program.has_value());
  BOOST_TEST(diags.empty(), describe(diags));
  BOOST_TEST_REQUIRE(program.has_value());
  BOOST_TEST(program->decisions.size() == 3u);
  BOOST_TEST(program->rules.size() == 4u);
  BOOST_TEST(program->parameters.size() == 1u);
  BOOST_TEST(program->defines.size() == 1u);
  // mpg is read by strat, so it is settled first.
  BOOST_TEST_REQUIRE(program->decision_order.size() == 3u);
  std::vector<std::string> order;
  for (int i : program->decision_order)
    order.push_back(program->decisions[static_cast<size_t>(i)].name);
  auto pos = [&](const std::string& n) {
    return std::find(order.begin(), order.end(), n) - order.begin();
  };
  BOOST_TEST(pos("mpg") < pos("strat"));
}

BOOST_AUTO_TEST_CASE(shipped_rules_have_no_diagnostics) {
  Diagnostics diags;
  auto program = load_rule_set(koers::testing::source_dir() + "/rules", diags);
  BOOST_TEST(program.has_value());
  BOOST_TEST(diags.empty(), describe(diags));
}

BOOST_AUTO_TEST_CASE(source_url_must_be_a_web_address) {
  // Reports render a source's url as a link: only http(s) addresses with a host pass.
  for (const std::string url :
       {"javascript:alert(1)", "JavaScript://x%0aalert(1)", "file:///etc/passwd",
        "data:text/html,x", "https://", "https:///pad", "https://a b.nl", "www.nji.nl"}) {
    BOOST_TEST_CONTEXT(url) {
      expect_only("source bron { title \"B\" url \"" + url + "\" kind guideline }\n", "K224", 1, 8,
                  "the url of source `bron` is not a web address", "starts with `https://`");
    }
  }
  for (const std::string url : {"https://www.nji.nl/a?b=c#d", "HTTP://blikophulp.nl/x/"}) {
    BOOST_TEST_CONTEXT(url) {
      Diagnostics diags;
      auto program =
          load_with_schema({{"t.koers", "source bron { title \"B\" url \"" + url +
                                            "\" kind guideline }\n" + std::string(kDecision) +
                                            "rule r.a { source bron when true then d = true }"}},
                           diags);
      BOOST_TEST(program.has_value(), describe(diags));
    }
  }
}

// A rule that cites no source is an error, not only a lint finding: its advice could not be traced
// to the guideline. Every rule set the command line loads is checked this way.
BOOST_AUTO_TEST_CASE(a_rule_without_a_source_is_refused) {
  Diagnostics diags;
  auto program = load_with_schema(
      {{"t.koers", std::string(kDecision) +
                       "source g { title \"Richtlijn\" kind guideline }\n"
                       "rule r.bron { source g priority 2 when true then d = true }\n"
                       "rule r.zonder { priority 1 when true then d = false }\n"}},
      diags, /*rules_need_a_source=*/true);
  BOOST_TEST(!program.has_value());
  const auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 1u, describe(diags));
  BOOST_TEST(all[0].code == "K227");
  BOOST_TEST(all[0].span.line == 4);
  BOOST_TEST(all[0].message == "rule `r.zonder` cites no source");
}

// `waar` and `onwaar` read as names; the checker knows they are Dutch for `true` and `false`.
BOOST_AUTO_TEST_CASE(dutch_truth_values_get_the_english_ones_as_hint) {
  expect_only(std::string(kDecision) + "rule r.a { when waar then d = true }", "K202", 2, 17,
              "unknown name `waar`", "the keywords are English: write `true` for `waar`");
  expect_only(std::string(kDecision) + "rule r.a { when true then d = onwaar }", "K202", 2, 31,
              "unknown name `onwaar`", "write `false` for `onwaar`");
}

// A declared recommendation has one kind: a rule that gives it as another kind is refused.
BOOST_AUTO_TEST_CASE(a_recommendation_is_given_as_the_kind_it_is_declared) {
  expect_only(std::string(kDecision) +
                  "recommendation support caseload_verlagen \"Caseload verlagen\"\n"
                  "rule r.a { when true recommend action caseload_verlagen \"Verlaag.\" }\n",
              "K216", 3, 32,
              "recommendation `caseload_verlagen` is declared as `support`, not `action`",
              "declared at rules/t.koers:2:24");
  expect_only(std::string(kDecision) + "recommendation steun x \"X\"\n", "K216", 2, 16,
              "`steun` is not a declared kind of recommendation");
  expect_only(std::string(kDecision) +
                  "recommendation support x \"X\"\n"
                  "recommendation support x \"Y\"\n",
              "K201", 3, 24, "recommendation `x` is declared twice",
              "first declared at rules/t.koers:2:24");
}

// What people read: the declared label, else the id in words.
BOOST_AUTO_TEST_CASE(a_recommendation_is_shown_by_its_label) {
  auto program = koers::testing::program_with(
      std::string(kDecision) +
      "recommendation support caseload_verlagen \"Caseload verlagen\"\n"
      "rule r.a { when true then d = true }\n");
  BOOST_TEST(program.recommendation_label("caseload_verlagen") == "Caseload verlagen");
  BOOST_TEST(program.recommendation_label("tweede_hulpverlener") == "Tweede hulpverlener");
}

// Kinds of recommendation are declared once, with a label people read.
BOOST_AUTO_TEST_CASE(a_kind_is_declared_once_with_a_label) {
  expect_only(std::string(kDecision) + "kind action \"Nog een\"\n", "K201", 2, 6,
              "kind `action` is declared twice", "first declared at rules/soorten.koers:2:6");
  expect_only(std::string(kDecision) + "kind overleg \"\"\n", "K216", 2, 6,
              "kind `overleg` has an empty label");
}

// `alert`: every value of the decision once, each with a known level.
BOOST_AUTO_TEST_CASE(an_alert_names_every_value_once_with_a_known_level) {
  // With a rule that concludes it, so that only the alert's own error is reported (not K225).
  const std::string e = "enum niveau { laag, hoog }\nrule r.a { when true then d = laag }\n";
  expect_only(e + "decision d: niveau { settle first alert laag: calm }\n", "K217", 3, 35,
              "the alert of `d` does not say how loud `hoog` is",
              "give every value a level: `urgent`, `high`, `watch` or `calm`");
  expect_only(e + "decision d: niveau { settle first alert laag: calm, hoge: urgent }\n", "K217", 3,
              53, "`hoge` is not a value of decision `d`", "did you mean `hoog`?");
  expect_only(e + "decision d: niveau { settle first alert laag: calm, hoog: urgnt }\n", "K217", 3,
              59, "`urgnt` is not how loud an alert can be", "did you mean `urgent`?");
  expect_only(e + "decision d: niveau { settle first alert laag: calm, hoog: high, laag: watch }\n",
              "K201", 3, 65, "the alert of `d` names `laag` twice");
  expect_only(e + "decision d: niveau { settle collect alert laag: calm, hoog: high }\n", "K217", 3,
              37, "decision `d` cannot be an alert");
  // A bool decision: false and true.
  auto program = koers::testing::program_with(
      "decision d: bool { settle first otherwise false alert false: calm, true: urgent }\n"
      "rule r.a { when safety.acute then d = true }\n");
  BOOST_TEST(program.decisions.front().is_alert());
  BOOST_TEST(program.decisions.front().alert_levels.size() == 2u);
  BOOST_TEST((program.decisions.front().alert_levels[1] == koers::AlertSeverity::urgent));
}

// K225: an alert no rule concludes.
BOOST_AUTO_TEST_CASE(an_alert_without_rules_is_refused) {
  expect_only("decision d: bool { settle first otherwise false alert false: calm, true: high }\n",
              "K225", 1, 10, "decision `d` is an alert, but no rule concludes it");
}

// K230: a chart names a dated list of the case, a whole number of its entries, a scale, and
// whole-number parameters.
BOOST_AUTO_TEST_CASE(a_chart_is_checked_against_the_schema) {
  const std::string ok_parts = "title \"T\" range 10..40 ";
  expect_only("chart c { " + ok_parts + "series measurements.obvlk.totaal }\n", "K230", 1, 41,
              "`totaal` is not a field of the entries of `measurements.obvlk`");
  expect_only("chart c { " + ok_parts + "series measurements.obvlk.date }\n", "K230", 1, 41,
              "`measurements.obvlk.date` is not a whole number");
  expect_only("chart c { " + ok_parts + "series measurementz.obvlk.total }\n", "K230", 1, 41,
              "`measurementz` is not a field of the case", "did you mean `measurements`?");
  expect_only("chart c { " + ok_parts + "series family.network.total }\n", "K230", 1, 41,
              "`family.network` is not a list");
  expect_only("chart c { " + ok_parts + "series family.network.x.total }\n", "K230", 1, 41,
              "`family.network` is not a record, so `x` cannot be in it");
  expect_only("chart c { title \"T\" range 40..10 series measurements.obvlk.total }\n", "K230", 1,
              27, "the scale is empty");
  expect_only("chart c { range 10..40 series measurements.obvlk.total }\n", "K230", 1, 7,
              "chart `c` has no `title`");
  expect_only("chart c { " + ok_parts + "series measurements.obvlk.total title \"U\" }\n", "K215",
              1, 66, "chart `c` has `title` twice");
  expect_only(
      "chart c { title \"T\" range 0..9223372036854775807 series measurements.obvlk.total }\n",
      "K230", 1, 27, "the scale goes beyond what a chart can draw");
  expect_only(
      "chart c { " + ok_parts + "series measurements.obvlk.total window progress.window_months }\n",
      "K230", 1, 73, "expected a parameter, as in `policy.progress.window_months`");
  expect_only("parameter x.lijn: int { default 25 }\nchart c { " + ok_parts +
                  "series measurements.obvlk.total line policy.x.lijm \"z\" }\n",
              "K223", 2, 71, "unknown parameter `x.lijm`", "did you mean `policy.x.lijn`?");
  expect_only("chart c { " + ok_parts +
                  "series measurements.obvlk.total marker care.interventions \"I\" by soort }\n",
              "K230", 1, 99, "`soort` is not a field of the entries of `care.interventions`");
  expect_only("chart c { " + ok_parts + "series measurements.obvlk.total decision voortgang }\n",
              "K208", 1, 75, "unknown decision `voortgang`");
}

// `default policy`: the word is `policy`, and a layer names one at most once.
BOOST_AUTO_TEST_CASE(a_default_policy_is_named_once_per_layer) {
  expect_only("default beleid \"x.yaml\"\n", "K101", 1, 9,
              "expected `policy` after `default`, found `beleid`");
  expect_only("default policy \"x.yaml\"\ndefault policy \"y.yaml\"\n", "K201", 2, 16,
              "the layer names its default policy twice");
}

// `language`: one Koers has words for (K231, naming those it has), once per layer.
BOOST_AUTO_TEST_CASE(a_language_is_one_koers_has_words_for) {
  expect_only("language \"de\"\n", "K231", 1, 10, "Koers has no words for the language `de`",
              "the languages Koers can give advice in: `nl` (Nederlands), `en` (English)");
  expect_only("language \"en\"\nlanguage \"nl\"\n", "K201", 2, 10,
              "the layer names its language twice", "first named at rules/t.koers:1");
}

// The other K230 mistakes of a chart, and a chart declared twice.
BOOST_AUTO_TEST_CASE(a_chart_names_a_scale_a_series_of_dated_records_and_whole_numbers) {
  const std::string series = "series measurements.obvlk.total ";
  expect_only("chart c { title \"T\" " + series + "}\n", "K230", 1, 7, "chart `c` has no scale",
              "give the values it can take: `range 10..40`");
  expect_only("chart c { title \"T\" range 10..40 }\n", "K230", 1, 7, "chart `c` has no `series`");
  expect_only("chart c { title \"T\" range 0..20 series family.children.age }\n", "K230", 1, 40,
              "the entries of `family.children` have no date");
  expect_only("chart c { title \"T\" range 0..20 series care.explanatory_talks.x }\n", "K230", 1,
              40, "the entries of `care.explanatory_talks` are not records with a field `x`");
  expect_only("parameter x.b: bool { default true }\nchart c { title \"T\" range 10..40 " + series +
                  "line policy.x.b \"z\" }\n",
              "K230", 2, 71, "parameter `x.b` is not a whole number");
  expect_only("chart c { title \"T\" range 10..40 " + series +
                  "}\nchart c { title \"U\" range 10..40 " + series + "}\n",
              "K201", 2, 7, "chart `c` is declared twice");
}

// `timeline from`: each path a date or a dated list of the case, and one declaration only.
BOOST_AUTO_TEST_CASE(a_timeline_starts_at_dates_of_the_case) {
  expect_only("timeline from family.network\n", "K230", 1, 15,
              "`family.network` is neither a date nor a dated list");
  expect_only("timeline from care.startd\n", "K230", 1, 15,
              "`care.startd` is not a field of the case", "did you mean `started`?");
  expect_only("timeline from care.started\ntimeline from measurements.obvlk\n", "K201", 2, 1,
              "`timeline from` is declared twice");
}
