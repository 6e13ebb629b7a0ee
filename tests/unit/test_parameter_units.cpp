// Parameter ranges and units (K211, K226): a parameter's `range` is checked against its type and
// default, and a number of months, days or years (or of any other counted thing) is never compared
// with, added to, or used as a period of another unit. Without these checks an organisation that
// enters 62 days gets advice that reads them as 62 months, with no sign of it.
#define BOOST_TEST_MODULE parameter_units
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::describe;
using koers::testing::load_with_schema;

namespace {

const std::string kParameters =
    "parameter p.months: int { unit \"maanden\" range 0..60 default 12 }\n"
    "parameter p.days: int { unit \"dagen\" range 1..365 default 62 }\n"
    "parameter p.points: int { unit \"punten\" default 3 }\n"
    "parameter p.families: int { unit \"gezinnen\" default 8 }\n"
    "parameter p.weeks: int { unit \"weken\" default 6 }\n"
    "parameter p.point: int { unit \"punt\" default 1 }\n"
    "parameter p.calendar_months: int { unit \"kalendermaanden\" default 2 }\n"
    "decision d: bool { settle first }\n";
constexpr int kFirstRuleLine = 9;

std::vector<Diagnostic> diagnostics_of(const std::string& text) {
  Diagnostics diags;
  auto program = load_with_schema({{"t.koers", text}}, diags);
  BOOST_TEST_MESSAGE(describe(diags));
  return diags.sorted();
}

// The 1-based column of `needle` in `line`.
int column_of(const std::string& line, const std::string& needle) {
  const auto at = line.find(needle);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  return static_cast<int>(at) + 1;
}

// `rule` (one line, after the parameters) gives exactly one diagnostic: `code` where `at` starts
// (an operator, or the unit word of a period: where the two units meet), with `message` in its
// message.
void expect_only(const std::string& rule, const std::string& code, const std::string& at,
                 const std::string& message) {
  auto all = diagnostics_of(kParameters + rule + "\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  const Diagnostic& d = all.front();
  BOOST_TEST(d.code == code);
  BOOST_TEST(d.span.line == kFirstRuleLine);
  BOOST_TEST(d.span.col == column_of(rule, at));
  BOOST_TEST(d.message.find(message) != std::string::npos,
             "message `" << d.message << "` lacks `" << message << "`");
}

void expect_clean(const std::string& rule) {
  std::string found;
  for (const auto& d : diagnostics_of(kParameters + rule + "\n"))
    found += d.code + " " + d.message + "\n";
  BOOST_TEST(found.empty(), "expected no diagnostics, found:\n" << found);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(units)

BOOST_AUTO_TEST_CASE(matching_units_are_accepted) {
  expect_clean(
      "rule r.a { when months_between(care.started, as_of) >= policy.p.months then d = true }");
  expect_clean("rule r.a { when days_between(care.started, as_of) > policy.p.days then d = true }");
  expect_clean("rule r.a { when care.started < as_of - policy.p.months months then d = true }");
  expect_clean("rule r.a { when care.started < as_of - policy.p.days days then d = true }");
  // A count has no unit of its own: it may be compared with any counted parameter.
  expect_clean("rule r.a { when count(problems) > policy.p.families then d = true }");
  // Spellings of one unit are one unit: "punt" and "punten", "kalendermaanden" and "maanden".
  expect_clean("rule r.a { when policy.p.point < policy.p.points then d = true }");
  expect_clean("rule r.a { when policy.p.calendar_months < policy.p.months then d = true }");
  expect_clean(
      "rule r.a { when care.started < as_of - policy.p.calendar_months months then d = true }");
}

BOOST_AUTO_TEST_CASE(a_plain_number_converts) {
  // Multiplying or dividing by a number is how one unit becomes another.
  expect_clean(
      "rule r.a { when policy.p.months * 30 <= days_between(care.started, as_of) then d = true }");
  expect_clean("rule r.a { when care.started < as_of - (policy.p.weeks * 7) days then d = true }");
  expect_clean("rule r.a { when months_between(care.started, as_of) / 12 > 2 then d = true }");
}

BOOST_AUTO_TEST_CASE(weeks_used_as_days_get_the_conversion_as_hint) {
  auto all = diagnostics_of(
      kParameters + "rule r.a { when care.started < as_of - policy.p.weeks days then d = true }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K226");
  BOOST_TEST(all.front().hint.find("write `(policy.p.weeks * 7) days`") != std::string::npos,
             all.front().hint);
}

BOOST_AUTO_TEST_CASE(units_are_checked_in_lists_negation_and_texts) {
  for (const std::string rule :
       {"rule r.a { when max([months_between(care.started, as_of)]) > policy.p.days then d = true "
        "}",
        "rule r.a { when -policy.p.months < -policy.p.days then d = true }",
        "rule r.a { when policy.p.months in [policy.p.days] then d = true }",
        "rule r.a { when true then d = true because \"{policy.p.months + policy.p.days}\" }",
        "rule r.a { when true then d = true because \"x\" if policy.p.months > policy.p.days }"}) {
    auto all = diagnostics_of(kParameters + rule + "\n");
    BOOST_TEST_REQUIRE(all.size() == 1u, rule);
    BOOST_TEST(all.front().code == "K226", rule);
  }
}

BOOST_AUTO_TEST_CASE(a_long_chain_of_defines_is_checked_without_overflowing_the_stack) {
  // Each define reads the one before: the unit travels 30,000 steps, without recursion.
  std::string chain = "define zz0: int = months_between(care.started, as_of)\n";
  for (int i = 1; i < 30000; ++i) chain += fmt::format("define zz{}: int = zz{} + 1\n", i, i - 1);
  auto all = diagnostics_of(kParameters + chain +
                            "rule r.a { when zz29999 > policy.p.days then d = true }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K226");
  BOOST_TEST(all.front().message.find("`zz29999` is a number of months") != std::string::npos,
             all.front().message);
}

BOOST_AUTO_TEST_CASE(months_compared_with_days) {
  const std::string rule =
      "rule r.a { when days_between(care.started, as_of) > policy.p.months then d = true }";
  expect_only(rule, "K226", "> policy.p.months",
              "`days_between(...)` is a number of days and `policy.p.months` is a number of "
              "months: they cannot be compared");
}

BOOST_AUTO_TEST_CASE(days_parameter_used_as_months) {
  const std::string rule =
      "rule r.a { when care.started < as_of - policy.p.days months then d = true }";
  expect_only(rule, "K226", "months then", "used as a number of months");
}

BOOST_AUTO_TEST_CASE(points_used_as_a_period) {
  const std::string rule =
      "rule r.a { when care.started < as_of - policy.p.points days then d = true }";
  expect_only(rule, "K226", "days then", "used as a number of days");
}

BOOST_AUTO_TEST_CASE(adding_different_units) {
  const std::string rule = "rule r.a { when policy.p.months + policy.p.days > 3 then d = true }";
  expect_only(rule, "K226", "+ policy", "cannot be added");
}

BOOST_AUTO_TEST_CASE(a_define_carries_its_unit) {
  // The unit travels through a define: `maanden` is months, so comparing it with days is K226.
  auto all = diagnostics_of(kParameters +
                            "define maanden: int = months_between(care.started, as_of)\n"
                            "rule r.a { when maanden > policy.p.days then d = true }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K226");
  BOOST_TEST(all.front().span.line == kFirstRuleLine + 1);
}

BOOST_AUTO_TEST_CASE(a_part_given_twice_is_refused) {
  auto all = diagnostics_of("parameter p.n: int { range 0..5 range 0..9 default 5 }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K215");
  BOOST_TEST(all.front().message == "parameter `p.n` has more than one `range`");
  BOOST_TEST(all.front().span.col == 33);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ranges)

BOOST_AUTO_TEST_CASE(a_range_needs_a_whole_number) {
  auto all = diagnostics_of("parameter p.on: bool { range 0..1 default true }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K211");
  BOOST_TEST(all.front().span.col == 24);
  BOOST_TEST(all.front().message.find("whole-number") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_range) {
  auto all = diagnostics_of("parameter p.n: int { range 10..2 default 5 }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K211");
  BOOST_TEST(all.front().message.find("10..2 is empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_default_outside_the_range) {
  auto all = diagnostics_of("parameter p.n: int { range 0..60 default 61 }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K211");
  BOOST_TEST(all.front().message.find("default 61") != std::string::npos);
  BOOST_TEST(all.front().message.find("0..60") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_default_on_the_edge_is_inside) {
  BOOST_TEST(diagnostics_of("parameter p.n: int { range 0..60 default 60 }\n").empty());
  BOOST_TEST(diagnostics_of("parameter p.n: int { range -5..-1 default -5 }\n").empty());
}

BOOST_AUTO_TEST_SUITE_END()
