// koers timeline: the case advised again at every month's end of its own history. The points are
// the month ends from the start of the current help to the advice date (which is the last), each
// sees only what was known then, and the changes name what turned, in Dutch.
#define BOOST_TEST_MODULE timeline
#include <boost/test/unit_test.hpp>

#include "report/timeline.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

struct Shipped {
  Program program;
  Policy policy;
};

const Shipped& shipped() {
  static const Shipped s = [] {
    Diagnostics diags;
    auto program = load_rule_set(testing::source_dir() + "/rules", diags);
    if (!program) throw std::runtime_error(testing::describe(diags));
    auto policy =
        load_policy_file(*program, testing::source_dir() + "/policies/landelijk.yaml", diags);
    if (!policy) throw std::runtime_error(testing::describe(diags));
    return Shipped{std::move(*program), std::move(*policy)};
  }();
  return s;
}

Timeline timeline_of(const std::string& file, const std::string& to, int max_points = 60) {
  Diagnostics diags;
  auto c = load_case_file(shipped().program.schema, testing::source_dir() + "/" + file, diags);
  if (!c) throw std::runtime_error(testing::describe(diags));
  return advice_timeline(shipped().program, shipped().policy, *c, testing::date_of(to), max_points);
}

const TimelinePoint& point_on(const Timeline& t, const std::string& day) {
  for (const auto& p : t.points) {
    if (p.date == testing::date_of(day)) return p;
  }
  throw std::runtime_error("no point on " + day);
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(points_are_the_month_ends_from_the_start_of_help_to_the_advice_date) {
  // gezin-0142's current help started on 2024-02-01.
  const Timeline t = timeline_of("examples/gezin-0142.yaml", "2026-11-01");
  BOOST_TEST(t.started_from == "care.started");
  BOOST_REQUIRE(t.points.size() == 34u);  // February 2024 .. October 2026, and 1 November 2026
  BOOST_TEST(format_date(t.points.front().date) == "2024-02-29");  // a leap year's February
  BOOST_TEST(format_date(t.points[1].date) == "2024-03-31");
  BOOST_TEST(format_date(t.points[t.points.size() - 2].date) == "2026-10-31");
  BOOST_TEST(format_date(t.points.back().date) == "2026-11-01");
  BOOST_TEST(t.points.front().changes.empty());  // nothing to compare the first month with
  BOOST_TEST(t.months_left_out == 0);
}

BOOST_AUTO_TEST_CASE(each_month_sees_only_what_was_known_then_and_says_what_turned) {
  const Timeline t = timeline_of("examples/gezin-0142.yaml", "2026-11-01");
  // Before a baseline three months old, progress cannot be judged; at the end of September the
  // measurements show stagnation, and the interventions for stagnation are advised.
  const TimelinePoint& august = point_on(t, "2026-08-31");
  const TimelinePoint& september = point_on(t, "2026-09-30");
  BOOST_TEST(august.changes.empty());
  BOOST_TEST(has(september.changes, "Voortgang van de hulp (OBVL-K): onbekend → stagneert"));
  BOOST_TEST(has(september.changes, "nieuw advies: Een collega inzetten"));
  // The problems became chronic (36 months since March 2021) in March 2024: the strategy turned.
  BOOST_TEST(has(point_on(t, "2024-03-31").changes, "Strategie: orde op zaken → stut en steun"));
  // Every point lists safety first, then the decisions in their order.
  BOOST_TEST(t.points.back().decisions.front().first == "Veiligheid");
}

BOOST_AUTO_TEST_CASE(a_recent_report_to_veilig_thuis_turns_report_into_consult) {
  const Timeline t = timeline_of("examples/gezin-0219-gemeld.yaml", "2026-11-01");
  const TimelinePoint& october = point_on(t, "2026-10-31");
  BOOST_TEST(has(october.changes, "nieuw advies: Afstemmen met Veilig Thuis"));
  BOOST_TEST(has(october.changes, "vervallen: Melden bij Veilig Thuis"));
}

BOOST_AUTO_TEST_CASE(a_long_history_keeps_the_latest_months_and_says_how_many_were_left_out) {
  const Timeline t = timeline_of("examples/gezin-0142.yaml", "2026-11-01", 12);
  BOOST_TEST(t.points.size() == 12u);
  BOOST_TEST(t.months_left_out == 22);
  BOOST_TEST(format_date(t.points.back().date) == "2026-11-01");
  const std::string text = render_timeline_text(t);
  BOOST_TEST(text.find("(de 22 maanden daarvoor zijn weggelaten)") != std::string::npos, text);
  BOOST_TEST(render_timeline_text(timeline_of("examples/gezin-0142.yaml", "2026-11-01", 33))
                 .find("(de maand daarvoor is weggelaten)") != std::string::npos);
  BOOST_TEST(
      text.find("sinds vorige maand: Voortgang van de hulp (OBVL-K): onbekend → stagneert") !=
          std::string::npos,
      text);
  // A run of unchanged months is one line.
  BOOST_TEST(text.find("tot en met") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(the_html_fragment_escapes_what_it_shows) {
  Timeline t;
  t.case_id = "gezin-1";
  TimelinePoint p;
  p.date = testing::date_of("2026-01-31");
  p.decisions.push_back({"Strategie", "<script>x</script>"});
  p.changes.push_back("a & b");
  t.points.push_back(p);
  const std::string html = render_timeline_html(t);
  BOOST_TEST(html.find("<script>") == std::string::npos, html);
  BOOST_TEST(html.find("&lt;script&gt;") != std::string::npos, html);
  BOOST_TEST(html.find("a &amp; b") != std::string::npos, html);
  BOOST_TEST(html.find("31 januari 2026") != std::string::npos, html);
}

BOOST_AUTO_TEST_CASE(the_end_of_the_calendar_ends_the_timeline) {
  // The last date there is: the walk stops there, and the months before are counted, not walked.
  const Timeline t = timeline_of("examples/gezin-0142.yaml", "9999-12-31");
  BOOST_TEST(t.points.size() == 60u);
  BOOST_TEST(format_date(t.points.back().date) == "9999-12-31");
  BOOST_TEST(format_date(t.points[t.points.size() - 2].date) == "9999-11-30");
  BOOST_TEST(t.months_left_out > 90000);
}
