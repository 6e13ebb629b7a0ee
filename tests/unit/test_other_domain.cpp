// A rule set of another domain (other-domains/verzuim: school absence) gets the same product as the
// guideline's: its alert opens the report and is as loud when unknown, its kinds of recommendation
// with their labels and order, its chart drawn from the advice, its timeline and its default
// policy. Nothing of it is known to the engine: it is all declared in other-domains/verzuim/regels.
#define BOOST_TEST_MODULE other_domain
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "support/run_koers.h"

using koers::testing::Run;
using koers::testing::run_koers;

namespace {

const std::string kRules = "--rules other-domains/verzuim/regels ";
const std::string kCase = "other-domains/verzuim/leerling-0031.yaml";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A case of the same family of cases, written next to the build's other scratch files.
std::string scratch_case(const std::string& name, const std::string& yaml) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("koers-verzuim-" + std::to_string(::getpid()) + "-" + name + ".yaml");
  std::ofstream(path) << yaml;
  return path.string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_rule_set_checks_and_is_lint_clean) {
  Run check = run_koers("check " + kRules);
  BOOST_TEST(check.code == 0, check.err);
  // Its own default policy, named by the rules, not the guideline's.
  BOOST_TEST(has(check.out, "policy voorbeeldschool 2026-08"), check.out);
  Run lint = run_koers("lint " + kRules);
  BOOST_TEST(lint.code == 0, lint.out + lint.err);
  Run fmt = run_koers("fmt --check other-domains/verzuim/regels");
  BOOST_TEST(fmt.code == 0, fmt.out + fmt.err);
}

BOOST_AUTO_TEST_CASE(the_terminal_shows_its_alert_first_with_what_to_do_now) {
  Run r = run_koers("advise " + kRules + kCase);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string& t = r.out;
  // The alert's banner, in the words of the rule set, raised: melden is declared `high`.
  BOOST_TEST(has(t, " VERZUIMSIGNAAL: melden bij leerplicht "), t);
  BOOST_TEST_REQUIRE(has(t, "Besluiten"));
  BOOST_TEST(t.find("VERZUIMSIGNAAL") < t.find("Besluiten"));
  // The urgent kind's recommendation stands in the banner, with its kind's label.
  BOOST_TEST(has(t, "Nu doen:"), t);
  BOOST_TEST(t.find("[Melding] Melden bij de leerplichtambtenaar") < t.find("Besluiten"), t);
  BOOST_TEST(has(t, "17 uur in vier lesweken; vanaf 16 uur meldt de school"), t);
  // The chart under the decision it illustrates, on its own scale and line.
  BOOST_TEST(has(t, "Verzuim per week (0-40, weekgrens 4): melden bij leerplicht"), t);
  BOOST_TEST(has(t, "[Actie] Bespreken in het zorgteam"), t);
}

BOOST_AUTO_TEST_CASE(the_report_has_the_alert_banner_the_kinds_and_the_chart) {
  Run r = run_koers("report " + kRules + kCase);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const std::string& h = r.out;
  BOOST_TEST(has(h, "<section class=\"alarm high\" role=\"alert\" id=\"alarm-signaal\">"), h);
  BOOST_TEST(has(h, "<strong>Verzuimsignaal: melden bij leerplicht</strong>"));
  BOOST_TEST(has(h, "<h3>Acties</h3>"));
  BOOST_TEST(has(h, "id=\"advies-melden_leerplicht\""));
  BOOST_TEST_REQUIRE(has(h, "id=\"besluiten\""));
  BOOST_TEST(h.find("id=\"advies-melden_leerplicht\"") < h.find("id=\"besluiten\""));
  BOOST_TEST(has(h, "<section class=\"grafiek\" id=\"grafiek-verzuim\"><h2>Verzuim per week</h2>"));
  BOOST_TEST(has(h, "<title id=\"grafiek-verzuim-titel\">Verzuim per week</title>"));
  BOOST_TEST(has(h, "data-outcome=\"melden\""));
  BOOST_TEST(has(h, "weekgrens 4</text>"));
  BOOST_TEST(has(h, "<title>gesprek op 18 november 2026</title>"));
  BOOST_TEST(has(h, "Elke stip is een lesweek"));
  // The print view too.
  Run print = run_koers("report --print " + kRules + kCase);
  BOOST_TEST_REQUIRE(print.code == 0, print.err);
  BOOST_TEST(has(print.out, "class=\"alarm high\""));
  BOOST_TEST(has(print.out, "<h2>Verzuim per week</h2>"));
}

BOOST_AUTO_TEST_CASE(the_advice_json_carries_the_chart_and_its_policy) {
  Run r = run_koers("advise --format json " + kRules + kCase);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(has(r.out, "\"policy\":{\"id\":\"voorbeeldschool\""), r.out);
  BOOST_TEST(has(r.out,
                 "\"charts\":[{\"name\":\"verzuim\",\"title\":\"Verzuim per week\","
                 "\"scale\":[0,40],\"points\":[{\"date\":\"2026-09-07\",\"value\":1}"),
             r.out);
  BOOST_TEST(has(r.out,
                 "\"markers\":[{\"label\":\"gesprek\",\"marks\":[{\"date\":\"2026-10-14\"},"
                 "{\"date\":\"2026-11-18\"}]}],\"decision\":\"signaal\",\"note\":\"Elke stip"),
             r.out);
  BOOST_TEST(has(r.out, "{\"kind\":\"melding\",\"id\":\"melden_leerplicht\""));
}

BOOST_AUTO_TEST_CASE(an_unknown_alert_is_as_loud_and_asks_its_question_first) {
  const std::string file = scratch_case("onbekend",
                                        "koers: 2\ncase_id: leerling-0032\nas_of: 2026-11-27\n"
                                        "gesprekken: []\nthuis: {zorgen: false}\n");
  Run r = run_koers("advise " + kRules + file);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(has(r.out, " VERZUIMSIGNAAL ONBEKEND "), r.out);
  BOOST_TEST(has(r.out, "Hoeveel uur was de leerling de afgelopen weken ongeoorloofd afwezig?"));
  Run html = run_koers("report " + kRules + file);
  BOOST_TEST_REQUIRE(html.code == 0, html.err);
  BOOST_TEST(has(html.out, "class=\"alarm unknown\""), html.out);
  // No measurements, no chart.
  BOOST_TEST(!has(html.out, "<svg"));
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_CASE(the_timeline_starts_where_the_rules_say) {
  Run r = run_koers("timeline " + kRules + kCase);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  // From the start of the school's guidance (September 2026), month by month.
  // begeleiding_sinds (24 August) comes before the first week of absence (7 September): the
  // first path of `timeline from` that gives a date wins.
  BOOST_TEST(has(r.out, "van 31 augustus 2026 tot en met 27 november 2026"), r.out);
  BOOST_TEST(has(r.out, "Verzuimsignaal: geen signaal → melden bij leerplicht"), r.out);
  BOOST_TEST(!has(r.out, "31 juli 2026"), r.out);
}

// A school that writes its advice in English adds a layer of one line, `language "en"`: every word
// of the product around the rules' texts follows (the rules' own texts stay as written).
// A layer of one file in a scratch directory, removed again however the test ends.
struct ScratchLayer {
  std::filesystem::path dir;
  ScratchLayer(const std::string& name, const std::string& text)
      : dir(std::filesystem::temp_directory_path() /
            ("koers-verzuim-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "taal.koers") << text;
  }
  ~ScratchLayer() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

BOOST_AUTO_TEST_CASE(a_layer_can_give_the_advice_in_another_language) {
  const ScratchLayer layer("en", "layer \"English\"\nlanguage \"en\"\n");
  const std::string rules = kRules + "--rules " + layer.dir.string() + " ";

  Run text = run_koers("advise " + rules + kCase);
  BOOST_TEST_REQUIRE(text.code == 0, text.err);
  BOOST_TEST(has(text.out, " VERZUIMSIGNAAL: melden bij leerplicht "), text.out);
  BOOST_TEST(has(text.out, "Do now:"), text.out);
  BOOST_TEST(has(text.out, "\nDecisions\n"), text.out);
  BOOST_TEST(has(text.out, "Technical details"), text.out);
  BOOST_TEST(has(text.out, "advises; the professional decides."), text.out);
  Run html = run_koers("report " + rules + kCase);
  BOOST_TEST_REQUIRE(html.code == 0, html.err);
  BOOST_TEST(has(html.out, "<html lang=\"en\">"), html.out);
  BOOST_TEST(has(html.out, "<h2>Recommendations</h2>"), html.out);
  BOOST_TEST(has(html.out, " measurements from "), html.out);  // the chart's description
  Run print = run_koers("report --print " + rules + kCase);
  BOOST_TEST_REQUIRE(print.code == 0, print.err);
  BOOST_TEST(has(print.out, "The team's decision"), print.out);
  Run timeline = run_koers("timeline " + rules + kCase);
  BOOST_TEST_REQUIRE(timeline.code == 0, timeline.err);
  BOOST_TEST(has(timeline.out, "from 31 August 2026 up to and including 27 November 2026"),
             timeline.out);
  // None of the product's Dutch words in any of them.
  for (const char* dutch :
       {"Besluiten", "Nu doen", "Technische gegevens", "Aanbevelingen", "de professional beslist",
        "metingen van", "Besluit van het team", "tot en met", "augustus", "november"}) {
    for (const Run* r : {&text, &html, &print, &timeline}) {
      BOOST_TEST(!has(r->out, dutch), dutch);
    }
  }

  // The loud parts too: an unknown alert with its questions first, in English.
  const std::string file = scratch_case("onbekend-en",
                                        "koers: 2\ncase_id: leerling-0032\nas_of: 2026-11-27\n"
                                        "gesprekken: []\nthuis: {zorgen: false}\n");
  Run unknown = run_koers("advise " + rules + file);
  BOOST_TEST_REQUIRE(unknown.code == 0, unknown.err);
  BOOST_TEST(has(unknown.out, " VERZUIMSIGNAAL UNKNOWN  Cannot be determined. Ask first:"),
             unknown.out);
  BOOST_TEST(has(unknown.out, "\nWhat we do not know yet\n"), unknown.out);
  BOOST_TEST(!has(unknown.out, "ONBEKEND"), unknown.out);
  BOOST_TEST(!has(unknown.out, "Vraag eerst na"), unknown.out);
  std::filesystem::remove(file);
}

// A later layer's language wins over an earlier one's, Dutch included.
BOOST_AUTO_TEST_CASE(the_last_layer_that_names_a_language_wins) {
  const ScratchLayer english("en-first", "layer \"English\"\nlanguage \"en\"\n");
  const ScratchLayer dutch("nl-last", "layer \"Nederlands\"\nlanguage \"nl\"\n");
  Run r = run_koers("advise " + kRules + "--rules " + english.dir.string() + " --rules " +
                    dutch.dir.string() + " " + kCase);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(has(r.out, "Besluiten"), r.out);
  BOOST_TEST(!has(r.out, "Decisions"), r.out);
}
