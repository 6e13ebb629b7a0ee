// The HTML report and the OBVL-K chart: structure, safety first, each progress outcome visible.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

const testing::ShippedRuleSet& shipped() {
  return testing::shipped_rule_set();
}

struct Rendered {
  std::string html;
  std::optional<ChartResult> series;  // the progress chart, when the advice has one
};

Rendered render(const std::string& yaml) {
  Diagnostics diags;
  auto c = load_case(shipped().program.schema, std::make_shared<SourceFile>("c.yaml", yaml), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  const Date as_of = c->as_of.value_or(testing::date_of(testing::kExampleDate));
  Advice advice = evaluate(shipped().program, shipped().policy, *c, as_of);
  std::optional<ChartResult> series;
  if (!advice.charts.empty()) series = advice.charts.front();
  return {render_html(shipped().program, advice), series};
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// An MPG family with a series of totals; `totals` are monthly from 2026-05-01 on.
std::string family(const std::vector<int>& totals, const std::string& extra = "") {
  std::string yaml = R"(koers: 1
case_id: gezin-9001
as_of: 2026-11-01
family:
  parents: [{id: ouder1}]
  children: [{id: kind1, age: 8}]
  explicit_help_request: false
  accepts_involvement: true
  resistant_to_help: true
  daily_life: struggles
problems:
  - {domain: debts, since: 2020-01-01}
  - {domain: parenting, since: 2020-06-01}
help_history:
  - {from: 2017-01-01, to: 2018-01-01, lasting_effect: false}
care:
  status: active
  started: 2025-01-01
  explanatory_talks: [2026-09-15]
  interventions:
    - {type: netwerkoverleg, date: 2026-07-10, outcome: no_change}
safety: {acute: false, structural: false, suspicion: false}
measurements:
  obvlk:
)";
  for (size_t i = 0; i < totals.size(); ++i) {
    yaml += "    - {date: 2026-" + std::string(i + 5 < 10 ? "0" : "") + std::to_string(i + 5) +
            "-03, total: " + std::to_string(totals[i]) + "}\n";
  }
  return yaml + extra;
}

}  // namespace

BOOST_AUTO_TEST_CASE(report_is_self_contained_dutch_and_in_the_right_order) {
  Rendered r = render(testing::read_text_file(testing::source_dir() + "/examples/gezin-0142.yaml"));
  const std::string& h = r.html;
  BOOST_TEST(h.rfind("<!DOCTYPE html>", 0) == 0u);
  BOOST_TEST(h.find("<html lang=\"nl\">") != std::string::npos);
  // No external resources: no scripts, stylesheets or images from elsewhere.
  BOOST_TEST(h.find("<script") == std::string::npos);
  BOOST_TEST(h.find("<link") == std::string::npos);
  BOOST_TEST(h.find("src=") == std::string::npos);
  size_t safety = h.find("id=\"alarm-safety\"");
  size_t decisions = h.find("id=\"besluiten\"");
  size_t chart = h.find("id=\"grafiek-verloop\"");
  size_t recs = h.find("id=\"aanbevelingen\"");
  size_t footer = h.find("id=\"ontvangstbewijs\"");
  BOOST_TEST(safety < decisions);
  BOOST_TEST(decisions < chart);
  BOOST_TEST(chart < recs);
  BOOST_TEST(recs < footer);
  BOOST_TEST(h.find("class=\"alarm watch\"") != std::string::npos);
  BOOST_TEST(h.find("<a href=\"https://www.richtlijnenjeugdhulp.nl/guideline/261/full\">") !=
             std::string::npos);
  BOOST_TEST(h.find("Ontvangstbewijs: <code>sha256:") != std::string::npos);
  BOOST_TEST(h.find("<caption>Afweging</caption>") != std::string::npos);
  BOOST_TEST(h.find("<caption>Voorwaarden</caption>") != std::string::npos);
  BOOST_TEST(h.find("<h3>Interventies</h3>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_safety_is_as_loud_as_acute_and_missing_data_are_questions) {
  Rendered r =
      render("koers: 1\ncase_id: gezin-9002\nas_of: 2026-11-01\nsafety: {suspicion: true}\n");
  BOOST_TEST(r.html.find("class=\"alarm unknown\" role=\"alert\"") != std::string::npos);
  BOOST_TEST(r.html.find("ONBEKEND") != std::string::npos);
  // As prominent as acute (a thick border, first on the page) but visibly not the same red box:
  // test_safety_advice checks the colours and their contrast.
  BOOST_TEST(r.html.find(".alarm.unknown{background:#fff;color:#111;border:8px dashed") !=
             std::string::npos);
  BOOST_TEST(
      r.html.find("<li>Is de veiligheid van een kind de komende uren of dagen niet gewaarborgd") !=
      std::string::npos);
  BOOST_TEST(!r.series.has_value());  // no totals, no chart
  BOOST_TEST(r.html.find("<svg") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(chart_shows_each_progress_outcome) {
  const std::vector<std::pair<std::vector<int>, std::string>> cases = {
      {{30, 30, 30, 29, 28, 27}, "improving"},      // 30 (baseline) -> 27
      {{30, 30, 30, 31, 30, 30}, "stagnating"},     // no change, above 25
      {{20, 20, 20, 21, 20, 20}, "stable"},         // no change, below 25
      {{26, 26, 26, 27, 28, 30}, "deteriorating"},  // +4
  };
  for (const auto& [totals, outcome] : cases) {
    BOOST_TEST_CONTEXT(outcome) {
      Rendered r = render(family(totals));
      BOOST_TEST_REQUIRE(r.series.has_value());
      const std::string& h = r.html;
      BOOST_TEST(h.find("data-outcome=\"" + outcome + "\"") != std::string::npos);
      BOOST_TEST(h.find("<title id=\"grafiek-verloop-titel\">Verloopprofiel OBVL-K</title>") !=
                 std::string::npos);
      BOOST_TEST(h.find("<desc id=\"grafiek-verloop-desc\">6 metingen") != std::string::npos);
      BOOST_TEST(count(h, "<circle class=\"meting") == totals.size());
      BOOST_TEST(count(h, "class=\"meting basismeting\"") == 1u);
      BOOST_TEST(h.find("class=\"referentie\"") != std::string::npos);
      BOOST_TEST(h.find("zorgniveau 25</text>") != std::string::npos);
      BOOST_TEST(h.find("class=\"venster\"") != std::string::npos);
      BOOST_TEST(h.find("fill=\"url(#grafiek-verloop-arcering)\"") !=
                 std::string::npos);  // readable in greyscale
      BOOST_TEST(count(h, "<title>gesprek op ") == 1u);
      BOOST_TEST(h.find("<title>Interventie netwerkoverleg op 10 juli 2026</title>") !=
                 std::string::npos);
    }
  }
}

// The renderers draw only from the advice (whose JSON is what the audit records): a chart changed
// in the advice is drawn changed, and its JSON carries every point the page shows.
BOOST_AUTO_TEST_CASE(the_chart_is_drawn_from_the_advice_and_carried_in_its_json) {
  Diagnostics diags;
  auto c =
      load_case(shipped().program.schema,
                std::make_shared<SourceFile>("c.yaml", family({30, 30, 30, 29, 28, 27})), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  Advice advice = evaluate(shipped().program, shipped().policy, *c, *c->as_of);
  BOOST_TEST_REQUIRE(advice.charts.size() == 1u);
  const ChartResult& chart = advice.charts.front();
  BOOST_TEST(chart.name == "verloop");
  BOOST_TEST(chart.points.size() == 6u);
  BOOST_TEST(chart.low == 10);
  BOOST_TEST(chart.high == 40);
  BOOST_TEST(chart.decision == "progress");
  const std::string json = render_json(shipped().program, advice);
  BOOST_TEST(json.find("\"charts\":[{\"name\":\"verloop\",\"title\":\"Verloopprofiel OBVL-K\","
                       "\"scale\":[10,40],\"points\":[{\"date\":\"2026-05-03\",\"value\":30}") !=
                 std::string::npos,
             json);
  BOOST_TEST(json.find("\"lines\":[{\"label\":\"zorgniveau\",\"value\":25}]") != std::string::npos);
  advice.charts.front().points.back().value = 12;
  advice.charts.front().lines.front().label = "andere lijn";
  const std::string html = render_html(shipped().program, advice);
  BOOST_TEST(html.find("3 oktober 2026: 12</title></circle>") != std::string::npos);
  BOOST_TEST(html.find("andere lijn 25</text>") != std::string::npos);
  advice.charts.clear();
  BOOST_TEST(render_html(shipped().program, advice).find("<svg") == std::string::npos);
}

// An urgent kind stands in the alert's banner; a rule set without an alert has no banner, so its
// urgent recommendations are listed with the others, never dropped.
BOOST_AUTO_TEST_CASE(urgent_recommendations_are_listed_when_there_is_no_alert) {
  const Program p =
      testing::program_with("rule r.bel { when true recommend escalation bellen \"Bel nu.\" }\n");
  Diagnostics diags;
  auto c =
      load_case(p.schema, std::make_shared<SourceFile>("c.yaml", "koers: 2\ncase_id: x\n"), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  auto policy = default_policy(p, diags);
  BOOST_TEST_REQUIRE(policy.has_value(), render_all(diags));
  const Advice advice = evaluate(p, *policy, *c, testing::date_of("2026-11-01"));
  const std::string html = render_html(p, advice);
  BOOST_TEST(html.find("<h3>Escalatie</h3>") != std::string::npos, html);
  BOOST_TEST(html.find("id=\"advies-bellen\"") != std::string::npos);
  BOOST_TEST(html.find("class=\"alarm") == std::string::npos);
  BOOST_TEST(render_text(p, advice).find("Bel nu.") != std::string::npos);
  BOOST_TEST(render_print_html(p, advice).find("Bel nu.") != std::string::npos);
}
