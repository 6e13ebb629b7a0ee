// Safety advice that is complete and comes first: a recommendation is not blocked by an unknown
// that cannot change it, a report already made to Veilig Thuis is used, urgent actions stand in
// the banner, the questions come safety first, every safety box is readable (WCAG AA), and data
// dated after the advice date is never left out silently.
#define BOOST_TEST_MODULE safety_advice
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <regex>

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

// A non-MPG family (one problem) with the given safety record and, optionally, more YAML.
std::string family(const std::string& safety, const std::string& extra = "") {
  return R"(koers: 1
case_id: gezin-7001
as_of: 2026-11-01
family:
  parents: [{id: ouder1}]
  children: [{id: kind1, age: 6}]
  explicit_help_request: true
  accepts_involvement: true
  resistant_to_help: false
  daily_life: copes
problems:
  - {domain: debts, since: 2025-01-01}
help_history: []
care:
  status: active
  started: 2026-01-01
  safety_plan: {present: false}
caseworker:
  second_worker: false
  support: []
safety: )" +
         safety + "\n" + extra;
}

struct Result {
  Advice advice;
  std::string json, text, html;
};

Result advise(const std::string& yaml) {
  Diagnostics diags;
  auto c = load_case(shipped().program.schema, std::make_shared<SourceFile>("c.yaml", yaml), diags);
  BOOST_TEST_REQUIRE(c.has_value(), render_all(diags));
  Result r;
  r.advice = evaluate(shipped().program, shipped().policy, *c, *c->as_of);
  r.json = render_json(shipped().program, r.advice);
  r.text = render_text(shipped().program, r.advice);
  r.html = render_html(shipped().program, r.advice);
  // The evaluation without explanation agrees on every decision's status and value.
  Decider decider(shipped().program, shipped().policy, *c->as_of);
  const auto& bare = decider.decide(*c);
  for (size_t i = 0; i < bare.size(); ++i) {
    const std::string& name = shipped().program.decisions[i].name;
    for (const auto& d : r.advice.decisions) {
      if (d.name != name) continue;
      BOOST_TEST((d.status == bare[i].status), name);
      BOOST_TEST(d.possible == bare[i].possible, name);
      if (d.status == DecisionResult::Status::decided)
        BOOST_TEST(outcome_word(shipped().program, d) ==
                   value_word(shipped().program, bare[i].value));
    }
  }
  return r;
}

const DecisionResult& decision(const Advice& a, const std::string& name) {
  return testing::decision_named(a, name);
}

bool recommends(const Advice& a, const std::string& id) {
  for (const auto& r : a.recommendations) {
    if (r.id == id) return true;
  }
  return false;
}

const RecommendationResult* recommendation(const Advice& a, const std::string& id) {
  for (const auto& r : a.recommendations) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// The HTML between the opening tag of the element with this id and the next <section.
std::string section(const std::string& html, const std::string& id) {
  size_t from = html.find("id=\"" + id + "\"");
  BOOST_TEST_REQUIRE(from != std::string::npos, id);
  size_t to = html.find("<section", from);
  return html.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

}  // namespace

BOOST_AUTO_TEST_CASE(suspicion_with_help_accepted_missing_still_asks_for_a_safety_plan) {
  Result r = advise(family("{acute: false, structural: false, suspicion: true}"));
  const DecisionResult& safety = decision(r.advice, "safety");
  BOOST_TEST((safety.status == DecisionResult::Status::unknown));
  BOOST_TEST(safety.missing == std::vector<std::string>{"safety.help_accepted"},
             boost::test_tools::per_element());
  // monitor or report: both need a safety plan, so it is advised; a second worker only for
  // report or acute, so that one stays open.
  BOOST_TEST(recommends(r.advice, "veiligheidsplan_opstellen"));
  BOOST_TEST(!recommends(r.advice, "tweede_hulpverlener"));
  BOOST_TEST(!recommends(r.advice, "melden_veilig_thuis"));
  BOOST_TEST(r.json.find("\"possible\":[\"monitor\",\"report\"]") != std::string::npos, r.json);
  BOOST_TEST(
      r.text.find("nog mogelijk: volgen: vermoeden, hulp loopt of melden bij Veilig Thuis") !=
          std::string::npos,
      r.text);
  const auto* plan = recommendation(r.advice, "veiligheidsplan_opstellen");
  BOOST_TEST_REQUIRE(plan != nullptr);
  BOOST_TEST(plan->because.front().find("nog onbekend: „volgen: vermoeden, hulp loopt” of „melden "
                                        "bij Veilig Thuis”") != std::string::npos,
             plan->because.front());
}

BOOST_AUTO_TEST_CASE(an_unknown_that_can_change_the_level_keeps_it_open) {
  // Acute unknown: every level is still possible (acute first), so nothing is narrowed.
  Result r = advise(family("{structural: false, suspicion: true, help_accepted: true}"));
  const DecisionResult& safety = decision(r.advice, "safety");
  BOOST_TEST((safety.status == DecisionResult::Status::unknown));
  BOOST_TEST(safety.possible == uint64_t{0b1010});  // monitor (1) or acute (3)
  BOOST_TEST(recommends(r.advice, "veiligheidsplan_opstellen"));
  // Several unknown rules before the first that holds: all their fields are asked at once.
  Result all = advise(family("{suspicion: true}"));
  const DecisionResult& open = decision(all.advice, "safety");
  BOOST_TEST(open.missing == (std::vector<std::string>{"safety.acute", "safety.help_accepted",
                                                       "safety.structural"}),
             boost::test_tools::per_element());
  BOOST_TEST(all.json.find("\"possible\":[\"monitor\",\"report\",\"acute\"]") != std::string::npos);
  // Nothing recorded at all: any level, none included, so no plan is advised on a guess.
  Result nothing = advise(family("{}"));
  BOOST_TEST(decision(nothing.advice, "safety").possible == uint64_t{0});
  BOOST_TEST(!recommends(nothing.advice, "veiligheidsplan_opstellen"));
}

BOOST_AUTO_TEST_CASE(a_recent_report_to_veilig_thuis_is_coordinated_not_made_again) {
  Result r =
      advise(family("{acute: false, structural: true, suspicion: true, help_accepted: true, "
                    "reported_to_veilig_thuis: 2026-10-20}"));
  BOOST_TEST(outcome_word(shipped().program, decision(r.advice, "safety")) == "report");
  BOOST_TEST(!recommends(r.advice, "melden_veilig_thuis"));
  const auto* coordinate = recommendation(r.advice, "afstemmen_veilig_thuis");
  BOOST_TEST_REQUIRE(coordinate != nullptr);
  BOOST_TEST(
      coordinate->text.find("Stem af met Veilig Thuis over de melding van 20 oktober 2026") == 0u,
      coordinate->text);
  BOOST_TEST(coordinate->because.front().find("op 20 oktober 2026 gemeld") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_old_report_with_the_family_still_unsafe_is_made_again) {
  Result r =
      advise(family("{acute: false, structural: true, suspicion: true, help_accepted: true, "
                    "reported_to_veilig_thuis: 2026-08-01}"));
  BOOST_TEST(!recommends(r.advice, "afstemmen_veilig_thuis"));
  const auto* again = recommendation(r.advice, "melden_veilig_thuis");
  BOOST_TEST_REQUIRE(again != nullptr);
  BOOST_TEST(again->text.find("Meld opnieuw bij Veilig Thuis") == 0u, again->text);
  // The boundary: exactly recent_report_days (30) days ago is still recent.
  Result edge =
      advise(family("{acute: false, structural: true, suspicion: true, help_accepted: true, "
                    "reported_to_veilig_thuis: 2026-10-02}"));
  BOOST_TEST(recommends(edge.advice, "afstemmen_veilig_thuis"));
  // A report dated after the advice date is not yet made, as of that date.
  Result later =
      advise(family("{acute: false, structural: true, suspicion: true, help_accepted: true, "
                    "reported_to_veilig_thuis: 2026-11-20}"));
  const auto* first = recommendation(later.advice, "melden_veilig_thuis");
  BOOST_TEST_REQUIRE(first != nullptr);
  BOOST_TEST(first->text.find("Meld bij Veilig Thuis") == 0u);
}

BOOST_AUTO_TEST_CASE(acute_with_a_recent_report_acts_now_and_coordinates) {
  Result r =
      advise(family("{acute: true, structural: false, suspicion: true, help_accepted: false, "
                    "reported_to_veilig_thuis: 2026-10-28}"));
  BOOST_TEST(recommends(r.advice, "direct_ingrijpen"));
  BOOST_TEST(recommends(r.advice, "afstemmen_veilig_thuis"));
  BOOST_TEST(!recommends(r.advice, "melden_veilig_thuis"));
  Result none = advise(family("{acute: true, structural: false, suspicion: false}"));
  BOOST_TEST(recommends(none.advice, "direct_ingrijpen"));
  BOOST_TEST(recommends(none.advice, "melden_veilig_thuis"));
}

BOOST_AUTO_TEST_CASE(urgent_actions_stand_inside_the_safety_banner) {
  Result r = advise(family("{acute: true, structural: false, suspicion: false}"));
  const std::string banner = section(r.html, "alarm-safety");
  BOOST_TEST(banner.find("<h3>Nu doen</h3>") != std::string::npos);
  for (const char* id : {"direct_ingrijpen", "melden_veilig_thuis", "veiligheidsplan_opstellen",
                         "tweede_hulpverlener"}) {
    BOOST_TEST(banner.find(std::string("id=\"advies-") + id + "\"") != std::string::npos, id);
    // Said once: not again among the other recommendations.
    BOOST_TEST(section(r.html, "aanbevelingen").find(std::string("id=\"advies-") + id) ==
                   std::string::npos,
               id);
  }
  const size_t now = r.text.find("Nu doen:");
  BOOST_TEST(now != std::string::npos);
  BOOST_TEST(now < r.text.find("Besluiten"));
  BOOST_TEST(r.text.find("Direct ingrijpen", now) < r.text.find("Besluiten"));
  BOOST_TEST(banner.find("<p class=\"label\"><strong>Direct ingrijpen</strong></p>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(safety_questions_come_first_and_every_unknown_condition_is_asked) {
  Result r = advise(family("{suspicion: true}", "parenting: {}\n"));
  const size_t list = r.text.find("Wat we nog niet weten");
  BOOST_TEST_REQUIRE(list != std::string::npos);
  const std::string asked = r.text.substr(list);
  // The three safety fields first, before anything else.
  std::vector<size_t> safety_at, other_at;
  std::istringstream lines(asked);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("  - ", 0) != 0) continue;
    // Asked for the safety decision: "(nodig voor: Veiligheid, ...)".
    (line.find("(nodig voor: Veiligheid") != std::string::npos ? safety_at : other_at)
        .push_back(n++);
  }
  BOOST_TEST(safety_at.size() == 3u);
  for (size_t s : safety_at) {
    for (size_t o : other_at) BOOST_TEST(s < o);
  }
  // Every field a condition shows as unknown is in the list.
  for (const auto& d : r.advice.decisions) {
    for (const auto& c : d.conditions) {
      for (const auto& f : c.missing) {
        bool listed = false;
        for (const auto& m : r.advice.missing) listed = listed || m.field == f;
        BOOST_TEST(listed, f);
      }
    }
  }
}

namespace {

double channel(int v) {
  double c = v / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const std::string& hex) {
  std::string h = hex.substr(1);
  if (h.size() == 3) h = {h[0], h[0], h[1], h[1], h[2], h[2]};
  int r = std::stoi(h.substr(0, 2), nullptr, 16), g = std::stoi(h.substr(2, 2), nullptr, 16),
      b = std::stoi(h.substr(4, 2), nullptr, 16);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

double contrast(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The value of `property` in the CSS rule whose selector is exactly `selector`.
std::string css(const std::string& html, const std::string& selector, const std::string& property) {
  std::smatch m;
  std::string escaped = std::regex_replace(selector, std::regex(R"([.\\])"), R"(\$&)");
  BOOST_TEST_REQUIRE(std::regex_search(html, m, std::regex(escaped + R"(\{([^}]*)\})")), selector);
  std::smatch v;
  const std::string body = m[1];
  if (!std::regex_search(body, v, std::regex("(^|;)" + property + ":(#[0-9a-fA-F]{3,6})")))
    return "";
  return v[2];
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_safety_box_meets_wcag_aa_and_unknown_is_not_acute_red) {
  Result r = advise(family("{acute: true, structural: false, suspicion: false}"));
  std::map<std::string, std::string> background;
  // The levels the shipped rules declare for safety: acute urgent, report high, monitor watch,
  // none calm; and unknown.
  for (const char* level : {"urgent", "high", "watch", "calm", "unknown"}) {
    const std::string selector = std::string(".alarm.") + level;
    const std::string bg = css(r.html, selector, "background");
    const std::string fg = css(r.html, selector, "color");
    BOOST_TEST_REQUIRE(!bg.empty(), level);
    BOOST_TEST_REQUIRE(!fg.empty(), level);
    // Text, links and sources inherit the box's colour (`.alarm a,.alarm .bron`).
    BOOST_TEST(contrast(bg, fg) >= 4.5, level << ": " << contrast(bg, fg));
    background[level] = bg;
  }
  BOOST_TEST(r.html.find(".alarm a,.alarm .bron{color:inherit}") != std::string::npos);
  BOOST_TEST(background["unknown"] != background["urgent"]);
  BOOST_TEST(background["unknown"] != background["high"]);
}

BOOST_AUTO_TEST_CASE(entries_after_the_advice_date_are_counted_not_dropped_silently) {
  Result r = advise(family("{acute: false, structural: false, suspicion: false}",
                           "measurements:\n  obvlk:\n    - {date: 2026-10-01, total: 30}\n"
                           "    - {date: 2026-11-15, total: 28}\n    - {date: 2026-12-01, total: "
                           "27}\n"));
  BOOST_TEST(r.advice.entries_after_as_of == 2u);
  BOOST_TEST(r.json.find("\"entries_after_as_of\":2") != std::string::npos);
  BOOST_TEST(r.text.find("Let op: 2 gegevens") != std::string::npos, r.text);
  BOOST_TEST(r.html.find("id=\"na-adviesdatum\"") != std::string::npos);
  Result none = advise(family("{acute: false, structural: false, suspicion: false}"));
  BOOST_TEST(none.json.find("entries_after_as_of") == std::string::npos);
  BOOST_TEST(none.text.find("van na de adviesdatum") == std::string::npos);
}

// Unknown safety asks its questions inside the banner, in Dutch: the caseworker reads what to find
// out, not field paths (those stay in the list at the end, for the record).
BOOST_AUTO_TEST_CASE(unknown_safety_asks_its_questions_in_the_banner) {
  Result r = advise(family("{}"));
  const size_t list = r.text.find("Wat we nog niet weten");
  BOOST_TEST_REQUIRE(list != std::string::npos);
  const std::string before_list = r.text.substr(0, list);
  const size_t ask = before_list.find("Vraag eerst na:\n      - ");
  BOOST_TEST(ask != std::string::npos, r.text);
  BOOST_TEST(before_list.find("(acute onveiligheid)?", ask) < before_list.find("Besluiten"));
  for (const char* path : {"safety.", "family.", "care.", "ontbrekend:"}) {
    BOOST_TEST(before_list.find(path) == std::string::npos, path << " in:\n" << before_list);
  }
  const std::string banner = section(r.html, "alarm-safety");
  BOOST_TEST(banner.find("<p>Vraag eerst na:</p>") != std::string::npos, banner);
  BOOST_TEST(banner.find("(acute onveiligheid)?</li>") != std::string::npos, banner);
  BOOST_TEST(banner.find("safety.") == std::string::npos, banner);
}
