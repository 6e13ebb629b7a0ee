// Dates: parsing, calendar-month arithmetic (clamping to the end of a shorter month), months and
// days between two dates, formatting; and the series operators of the language, through evaluate().
#define BOOST_TEST_MODULE dates
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "support/koers_fixture.h"
#include "value/date.h"

using namespace koers;
using koers::testing::date_of;

namespace {

std::string add(const std::string& date, int64_t months) {
  return format_date(add_months(date_of(date), months));
}
int64_t months(const std::string& from, const std::string& to) {
  return months_between(date_of(from), date_of(to));
}
int64_t days(const std::string& from, const std::string& to) {
  return days_between(date_of(from), date_of(to));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parse)

BOOST_AUTO_TEST_CASE(valid_dates) {
  auto d = parse_date("2026-11-01");
  BOOST_TEST_REQUIRE(d.has_value());
  Ymd ymd = ymd_of(*d);
  BOOST_TEST(ymd.year == 2026);
  BOOST_TEST(ymd.month == 11);
  BOOST_TEST(ymd.day == 1);
  BOOST_TEST(parse_date("1970-01-01")->days == 0);
  BOOST_TEST(parse_date("1970-01-02")->days == 1);
  BOOST_TEST(parse_date("1969-12-31")->days == -1);
  BOOST_TEST(parse_date("2000-03-01")->days == 11017);
  BOOST_TEST(parse_date("0001-01-01").has_value());
  BOOST_TEST(parse_date("9999-12-31").has_value());
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_rejected) {
  BOOST_TEST(!parse_date("2026-02-30").has_value());
  BOOST_TEST(!parse_date("2026-02-29").has_value());  // 2026 is not a leap year
  BOOST_TEST(!parse_date("2026-04-31").has_value());
  BOOST_TEST(!parse_date("2026-13-01").has_value());
  BOOST_TEST(!parse_date("2026-00-10").has_value());
  BOOST_TEST(!parse_date("2026-01-00").has_value());
  BOOST_TEST(!parse_date("2026-01-32").has_value());
  BOOST_TEST(!parse_date("0000-01-01").has_value());
}

BOOST_AUTO_TEST_CASE(leap_years) {
  BOOST_TEST(parse_date("2024-02-29").has_value());   // divisible by 4
  BOOST_TEST(parse_date("2000-02-29").has_value());   // divisible by 400
  BOOST_TEST(!parse_date("1900-02-29").has_value());  // divisible by 100, not by 400
  BOOST_TEST(!parse_date("2100-02-29").has_value());
  BOOST_TEST(valid_ymd(2024, 2, 29));
  BOOST_TEST(!valid_ymd(2023, 2, 29));
  BOOST_TEST(days("2024-01-01", "2025-01-01") == 366);
  BOOST_TEST(days("2026-01-01", "2027-01-01") == 365);
}

BOOST_AUTO_TEST_CASE(only_exactly_yyyy_mm_dd) {
  for (const char* bad :
       {"2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101", "2026-01-01x",
        " 2026-01-01", "2026-01-01 ", "", "2026-0a-01", "+026-01-01", "2026-11-01T00:00"}) {
    BOOST_TEST(!parse_date(bad).has_value(), "accepted `" << bad << "`");
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(round_trip) {
  for (const char* text : {"2026-11-01", "2024-02-29", "1970-01-01", "1969-12-31", "0005-01-02",
                           "9999-12-31", "2000-03-01"}) {
    BOOST_TEST(format_date(date_of(text)) == text);
  }
  BOOST_TEST(format_date(Date{0}) == "1970-01-01");
  BOOST_TEST(format_date(date_from_ymd(2026, 3, 9)) == "2026-03-09");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(month_arithmetic)

BOOST_AUTO_TEST_CASE(add_months_clamps_to_the_end_of_a_shorter_month) {
  BOOST_TEST(add("2026-01-31", 1) == "2026-02-28");
  BOOST_TEST(add("2024-01-31", 1) == "2024-02-29");
  BOOST_TEST(add("2026-03-31", 1) == "2026-04-30");
  BOOST_TEST(add("2026-03-31", -1) == "2026-02-28");
  BOOST_TEST(add("2024-02-29", 12) == "2025-02-28");
  BOOST_TEST(add("2024-02-29", 48) == "2028-02-29");
}

BOOST_AUTO_TEST_CASE(add_months_across_years) {
  BOOST_TEST(add("2026-12-15", 1) == "2027-01-15");
  BOOST_TEST(add("2026-01-15", -1) == "2025-12-15");
  BOOST_TEST(add("2026-11-01", -3) == "2026-08-01");
  BOOST_TEST(add("2026-11-01", -14) == "2025-09-01");
  BOOST_TEST(add("2026-11-01", 24) == "2028-11-01");
  BOOST_TEST(add("2026-11-01", 0) == "2026-11-01");
}

BOOST_AUTO_TEST_CASE(add_days) {
  BOOST_TEST(format_date(koers::add_days(date_of("2026-02-28"), 1)) == "2026-03-01");
  BOOST_TEST(format_date(koers::add_days(date_of("2024-02-28"), 1)) == "2024-02-29");
  BOOST_TEST(format_date(koers::add_days(date_of("2026-01-01"), -1)) == "2025-12-31");
}

BOOST_AUTO_TEST_CASE(months_between_counts_whole_calendar_months) {
  BOOST_TEST(months("2026-01-31", "2026-02-28") == 1);
  BOOST_TEST(months("2026-08-01", "2026-11-01") == 3);
  BOOST_TEST(months("2026-08-02", "2026-11-01") == 2);
  BOOST_TEST(months("2026-11-01", "2026-11-01") == 0);
  BOOST_TEST(months("2026-10-02", "2026-11-01") == 0);
  BOOST_TEST(months("2026-01-31", "2026-02-27") == 0);
  BOOST_TEST(months("2024-02-29", "2025-02-28") == 12);
  BOOST_TEST(months("2021-03-01", "2026-11-01") == 68);
}

BOOST_AUTO_TEST_CASE(months_between_is_negative_backwards) {
  BOOST_TEST(months("2026-11-01", "2026-08-01") == -3);
  BOOST_TEST(months("2026-11-01", "2026-08-02") == -2);
}

BOOST_AUTO_TEST_CASE(months_between_is_the_largest_m_with_a_plus_m_not_after_b) {
  // The definition in date.h, checked over a spread of pairs.
  for (const char* a : {"2024-01-31", "2024-02-29", "2025-03-30", "2026-08-02", "2026-12-31"}) {
    for (const char* b : {"2024-02-29", "2025-02-28", "2026-03-01", "2026-11-01", "2027-02-28"}) {
      Date from = date_of(a);
      Date to = date_of(b);
      if (to < from) continue;
      int64_t m = months_between(from, to);
      BOOST_TEST_CONTEXT(a << " -> " << b) {
        BOOST_TEST((add_months(from, m) <= to));
        BOOST_TEST((add_months(from, m + 1) > to));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(days_between_dates) {
  BOOST_TEST(days("2026-01-01", "2026-12-31") == 364);
  BOOST_TEST(days("2026-11-01", "2026-08-01") == -92);
  BOOST_TEST(days("2026-02-28", "2026-03-01") == 1);
  BOOST_TEST(days("2024-02-28", "2024-03-01") == 2);
  BOOST_TEST(days("2026-11-01", "2026-11-01") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- series operators, end to end
// ----------------------------------------------------------------

namespace {

using koers::testing::advise;
using koers::testing::program_with;

// The text of `{expr}` evaluated for `yaml` on `as_of` (numbers plain, dates in Dutch, lists as
// "a, b en c", a known absence as "geen", unknown as "onbekend").
std::string value_of(const std::string& expr, const std::string& yaml,
                     const std::string& as_of = "2026-11-01") {
  Program p = program_with("rule probe { when true recommend action probe \"{" + expr + "}\" }\n");
  Advice a = advise(p, yaml, as_of);
  BOOST_TEST_REQUIRE(a.recommendations.size() == 1u);
  return a.recommendations.front().text;
}

const std::string kCase = R"(koers: 1
case_id: reeks-1
problems:
  - domain: finances
    since: 2021-03-01
    severity: high
  - domain: parenting
    since: 2022-09-01
    severity: moderate
  - domain: housing
    since: 2025-01-15
    severity: high
measurements:
  obvlk:
    - date: 2026-06-03
      total: 28
    - date: 2026-03-01
      total: 31
    - date: 2026-08-01
      total: 25
    - date: 2026-12-01
      total: 12
care:
  explanatory_talks: [2026-01-10, 2026-09-15, 2027-01-01]
  interventions:
    - type: netwerkoverleg
      date: 2026-05-10
      outcome: no_change
    - type: collega_inzetten
      date: 2026-11-02
      outcome: improved
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(series)

BOOST_AUTO_TEST_CASE(latest_and_first_by_date_not_by_file_order) {
  BOOST_TEST(value_of("latest(measurements.obvlk).total", kCase) == "25");
  BOOST_TEST(value_of("latest(measurements.obvlk).date", kCase) == "1 augustus 2026");
  BOOST_TEST(value_of("first(measurements.obvlk).total", kCase) == "31");
  BOOST_TEST(value_of("first(measurements.obvlk).date", kCase) == "1 maart 2026");
}

BOOST_AUTO_TEST_CASE(latest_with_where) {
  BOOST_TEST(value_of("latest(measurements.obvlk where total > 26).date", kCase) == "3 juni 2026");
  BOOST_TEST(value_of("first(measurements.obvlk where total < 30).total", kCase) == "28");
  // Nothing matches: a known absence, and a field of it is absent too.
  BOOST_TEST(value_of("latest(measurements.obvlk where total > 35)", kCase) == "geen");
  BOOST_TEST(value_of("latest(measurements.obvlk where total > 35).total", kCase) == "geen");
}

BOOST_AUTO_TEST_CASE(dated_entries_after_as_of_are_left_out) {
  BOOST_TEST(value_of("count(measurements.obvlk)", kCase) == "3");
  BOOST_TEST(value_of("count(care.explanatory_talks)", kCase) == "2");
  BOOST_TEST(value_of("latest(care.explanatory_talks)", kCase) == "15 september 2026");
  BOOST_TEST(value_of("count(care.interventions)", kCase) == "1");
  // Even a window that reaches past as_of sees nothing after it.
  BOOST_TEST(value_of("count(within(measurements.obvlk, 2026-01-01, 2027-12-31))", kCase) == "3");
}

BOOST_AUTO_TEST_CASE(an_entry_on_as_of_itself_is_kept) {
  BOOST_TEST(value_of("count(measurements.obvlk)", kCase, "2026-12-01") == "4");
  BOOST_TEST(value_of("latest(measurements.obvlk).total", kCase, "2026-12-01") == "12");
  BOOST_TEST(value_of("count(measurements.obvlk)", kCase, "2026-11-30") == "3");
  BOOST_TEST(value_of("count(care.interventions)", kCase, "2026-11-02") == "2");
  // Earlier as_of: fewer entries.
  BOOST_TEST(value_of("count(measurements.obvlk)", kCase, "2026-06-02") == "1");
  BOOST_TEST(value_of("latest(measurements.obvlk)", kCase, "2026-02-01") == "geen");
}

BOOST_AUTO_TEST_CASE(at_or_before) {
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, 2026-06-03).total", kCase) == "28");
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, 2026-06-02).total", kCase) == "31");
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, as_of - 3 months).total", kCase) == "25");
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, as_of - 5 months).total", kCase) == "31");
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, as_of - 4 months).total", kCase) == "28");
  BOOST_TEST(value_of("at_or_before(measurements.obvlk, 2026-02-01)", kCase) == "geen");
  BOOST_TEST(value_of("at_or_before(care.explanatory_talks, 2026-09-14)", kCase) ==
             "10 januari 2026");
}

BOOST_AUTO_TEST_CASE(within_is_inclusive_and_in_date_order) {
  BOOST_TEST(value_of("within(measurements.obvlk, 2026-03-01, 2026-06-03).total", kCase) ==
             "31 en 28");
  BOOST_TEST(value_of("count(within(measurements.obvlk, 2026-03-02, 2026-06-03))", kCase) == "1");
  BOOST_TEST(value_of("within(measurements.obvlk, as_of - 12 months, as_of).total", kCase) ==
             "31, 28 en 25");
  BOOST_TEST(value_of("count(within(measurements.obvlk, 2025-01-01, 2025-12-31))", kCase) == "0");
}

BOOST_AUTO_TEST_CASE(count_with_where) {
  BOOST_TEST(value_of("count(problems)", kCase) == "3");
  BOOST_TEST(value_of("count(problems where severity == high)", kCase) == "2");
  BOOST_TEST(value_of("count(problems where severity == high and since < 2024-01-01)", kCase) ==
             "1");
  BOOST_TEST(value_of("count(problems where months_between(since, as_of) >= 24)", kCase) == "2");
  BOOST_TEST(value_of("count(care.explanatory_talks where it > 2026-06-01)", kCase) == "1");
  BOOST_TEST(value_of("count(measurements.obvlk where date >= as_of - 3 months)", kCase) == "1");
}

BOOST_AUTO_TEST_CASE(any_all_none) {
  BOOST_TEST(value_of("any(problems where domain == parenting)", kCase) == "ja");
  BOOST_TEST(value_of("any(problems where domain == debts)", kCase) == "nee");
  BOOST_TEST(value_of("all(problems where severity in [moderate, high])", kCase) == "ja");
  BOOST_TEST(value_of("all(problems where severity == high)", kCase) == "nee");
  BOOST_TEST(value_of("none(problems where domain == debts)", kCase) == "ja");
  BOOST_TEST(value_of("none(problems where domain == housing)", kCase) == "nee");
}

BOOST_AUTO_TEST_CASE(quantifiers_over_an_empty_list) {
  const std::string empty = koers::testing::minimal_case();
  BOOST_TEST(value_of("any(problems where severity == high)", empty) == "nee");
  BOOST_TEST(value_of("all(problems where severity == high)", empty) == "ja");
  BOOST_TEST(value_of("none(problems where severity == high)", empty) == "ja");
  BOOST_TEST(value_of("count(problems)", empty) == "0");
  BOOST_TEST(value_of("sum(measurements.obvlk.total)", empty) == "0");
  BOOST_TEST(value_of("min(measurements.obvlk.total)", empty) == "geen");
  BOOST_TEST(value_of("latest(measurements.obvlk)", empty) == "geen");
}

BOOST_AUTO_TEST_CASE(min_max_sum) {
  BOOST_TEST(value_of("min(measurements.obvlk.total)", kCase) == "25");
  BOOST_TEST(value_of("max(measurements.obvlk.total)", kCase) == "31");
  BOOST_TEST(value_of("sum(measurements.obvlk.total)", kCase) == "84");
  BOOST_TEST(value_of("min(problems.since)", kCase) == "1 maart 2021");
  BOOST_TEST(value_of("max(problems.since)", kCase) == "15 januari 2025");
  BOOST_TEST(value_of("max(care.explanatory_talks)", kCase) == "15 september 2026");
}

BOOST_AUTO_TEST_CASE(projection_over_a_list) {
  BOOST_TEST(value_of("problems.since", kCase) ==
             "1 maart 2021, 1 september 2022 en 15 januari 2025");
  BOOST_TEST(value_of("problems.domain", kCase) == "financiën, opvoeding en huisvesting");
  // In the order of the file (only series functions order by date).
  BOOST_TEST(value_of("measurements.obvlk.total", kCase) == "28, 31 en 25");
}

BOOST_AUTO_TEST_CASE(date_arithmetic_in_the_language) {
  BOOST_TEST(value_of("as_of - 3 months", kCase) == "1 augustus 2026");
  BOOST_TEST(value_of("as_of - 3 months", kCase, "2026-05-31") == "28 februari 2026");
  BOOST_TEST(value_of("2026-01-31 + 1 month", kCase) == "28 februari 2026");
  BOOST_TEST(value_of("2024-01-31 + 1 month", kCase) == "29 februari 2024");
  BOOST_TEST(value_of("as_of + 1 year", kCase) == "1 november 2027");
  BOOST_TEST(value_of("as_of - 10 days", kCase) == "22 oktober 2026");
  BOOST_TEST(value_of("months_between(2026-08-01, as_of)", kCase) == "3");
  BOOST_TEST(value_of("months_between(2026-08-02, as_of)", kCase) == "2");
  BOOST_TEST(value_of("days_between(2026-08-01, as_of)", kCase) == "92");
  BOOST_TEST(value_of("years_between(2016-05-01, as_of)", kCase) == "10");
  BOOST_TEST(value_of("years_between(2016-11-02, as_of)", kCase) == "9");
}

BOOST_AUTO_TEST_CASE(unknowns_inside_series) {
  const std::string partial = R"(koers: 1
case_id: reeks-2
problems:
  - domain: finances
    since: 2021-03-01
  - domain: housing
)";
  // A filter that cannot be decided for some element makes the count unknown...
  BOOST_TEST(value_of("count(problems where since < 2022-01-01)", partial) == "onbekend");
  // ...unless the answer does not depend on it.
  BOOST_TEST(value_of("any(problems where since < 2022-01-01)", partial) == "ja");
  BOOST_TEST(value_of("all(problems where since < 2020-01-01)", partial) == "nee");
  BOOST_TEST(value_of("min(problems.since)", partial) == "onbekend");
  BOOST_TEST(value_of("count(problems where domain == housing)", partial) == "1");
}

BOOST_AUTO_TEST_CASE(series_in_a_condition_decides) {
  Program p = program_with(
      "decision daalt: bool { settle first otherwise false }\n"
      "rule r.daalt { priority 1\n"
      "  when latest(measurements.obvlk).total < at_or_before(measurements.obvlk, as_of - 3 "
      "months).total\n"
      "  then daalt = true\n"
      "  because \"{latest(measurements.obvlk).total} is lager dan "
      "{at_or_before(measurements.obvlk, "
      "as_of - 3 months).total}\" }\n");
  Advice a = advise(p, kCase);
  const DecisionResult& d = koers::testing::decision(a, "daalt");
  BOOST_TEST((d.status == DecisionResult::Status::decided));
  BOOST_TEST(d.value.as_bool() == false);  // 25 vs 25 three months ago
  Advice b = advise(p, kCase, "2026-12-01");
  const DecisionResult& e = koers::testing::decision(b, "daalt");
  BOOST_TEST(e.value.as_bool() == true);  // 12 vs 25 on 2026-09-01
  BOOST_TEST(e.because == std::vector<std::string>{"12 is lager dan 25"});
}

BOOST_AUTO_TEST_SUITE_END()

// Whole-number arithmetic beyond 64 bits has no value (as division by zero), never undefined
// behaviour: in a text it reads "geen", and a condition over it is false, in every evaluator.
BOOST_AUTO_TEST_CASE(arithmetic_beyond_64_bits_has_no_value) {
  BOOST_TEST(value_of("4000000000000000000 * 2", kCase) == "8000000000000000000");
  BOOST_TEST(value_of("9000000000000000000 * 2", kCase) == "geen");
  BOOST_TEST(value_of("9000000000000000000 + 9000000000000000000", kCase) == "geen");
  BOOST_TEST(value_of("0 - 9000000000000000000 - 9000000000000000000", kCase) == "geen");
  BOOST_TEST(value_of("-(0 - 9223372036854775807 - 1)", kCase) == "geen");
  BOOST_TEST(value_of("(0 - 9223372036854775807 - 1) / -1", kCase) == "geen");
  BOOST_TEST(value_of("7 / 0", kCase) == "geen");
  BOOST_TEST(value_of("sum([4000000000000000000, 4000000000000000000])", kCase) ==
             "8000000000000000000");
  BOOST_TEST(value_of("sum([9000000000000000000, 9000000000000000000])", kCase) == "geen");
  // A date moved beyond the calendar stops at its first or last day.
  BOOST_TEST(value_of("as_of + 9000000000000000000 months", kCase) == "31 december 9999");
  BOOST_TEST(value_of("as_of - 9000000000000000000 days", kCase) == "1 januari 1");
  BOOST_TEST(value_of("as_of + 9000000000000000000 days", kCase) == "31 december 9999");
  // As conditions (the compact code): neither the comparison nor its negation holds.
  Program p = program_with(
      "decision d: bool { settle first otherwise false }\n"
      "rule r.groot { priority 2 when 9000000000000000000 * 2 > 0 then d = true }\n"
      "rule r.klein { priority 1 when 9000000000000000000 * 2 <= 0 then d = true }\n");
  Advice a = advise(p, kCase, "2026-11-01");
  BOOST_TEST(std::get<bool>(a.decisions.front().value.v) == false);
}
