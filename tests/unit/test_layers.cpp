// An organisation's layer on top of the national rules (`--rules national --rules organisation`):
// it adds rules and sources, replaces a national rule only when it says `overrides "reason"`, and
// every output names the layers with their hashes and what was replaced, and why.
#define BOOST_TEST_MODULE layers
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <optional>

#include "api/rule_set.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;
using koers::testing::advise;
using koers::testing::describe;
using koers::testing::schema_text;

namespace {

const char* const kNational =
    "source landelijk { title \"Landelijke richtlijn\" kind guideline }\n"
    "kind action \"Actie\" heading \"Acties\"\n"
    "decision d: bool { settle first otherwise false }\n"
    "rule r.acuut { source landelijk when safety.acute then d = true }\n"
    "rule r.bellen { source landelijk when safety.acute recommend action bellen \"Bel.\" }\n";

RuleLayerTexts national() {
  return {"rules", "", "rules", {{"schema.koers", schema_text()}, {"besluiten.koers", kNational}}};
}

RuleLayerTexts organisation(const std::string& text) {
  return {"gemeente", "", "gemeente", {{"eigen.koers", text}}};
}

std::optional<Program> load(const std::vector<RuleLayerTexts>& layers, Diagnostics& diags) {
  return load_rule_layers_from_texts(layers, diags);
}

std::optional<Diagnostic> first_with(const Diagnostics& diags, const std::string& code) {
  for (const auto& d : diags.sorted()) {
    if (d.code == code) return d;
  }
  return std::nullopt;
}

const char* const kCase = "koers: 1\ncase_id: test-1\nsafety: {acute: true}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(one_layer_is_the_plain_rule_set_with_the_same_hash) {
  Diagnostics a, b;
  auto layered = load({national()}, a);
  auto plain = load_rule_set_from_texts(national().files, b);
  BOOST_REQUIRE(layered);
  BOOST_REQUIRE(plain);
  BOOST_TEST(layered->rules_sha256 == plain->rules_sha256);
  BOOST_TEST(layered->layers.size() == 1u);
  // A plain rule set's advice names no layers: the advice format is unchanged for it.
  auto json = nlohmann::json::parse(render_json(*layered, advise(*layered, kCase)));
  BOOST_TEST(!json["provenance"]["rules"].contains("layers"));
}

BOOST_AUTO_TEST_CASE(an_organisation_adds_rules_and_overrides_one_with_its_reason) {
  Diagnostics diags;
  auto program = load(
      {national(), organisation("layer \"Gemeente Voorbeeld\"\n"
                                "source eigen { title \"Eigen beleid\" kind organisation }\n"
                                "rule r.bellen overrides \"Wij bellen ook bij een vermoeden.\" {\n"
                                "  source eigen\n"
                                "  when safety.acute or safety.suspicion\n"
                                "  recommend action bellen \"Bel het team.\"\n"
                                "}\n"
                                "rule g.extra { source eigen when safety.structural "
                                "recommend action overleg \"Overleg.\" }\n")},
      diags);
  BOOST_REQUIRE_MESSAGE(program, describe(diags));
  BOOST_TEST(program->rules.size() == 3u);  // r.acuut, r.bellen (the organisation's), g.extra
  BOOST_REQUIRE_EQUAL(program->overrides.size(), 1u);
  BOOST_TEST(program->overrides[0].rule == "r.bellen");
  // Named by its own files, not by where they are kept.
  BOOST_TEST(program->overrides[0].layer == "Gemeente Voorbeeld");
  BOOST_TEST(program->overrides[0].replaced_layer == "rules");
  // The organisation's rule is the one that speaks: it fires on a suspicion alone.
  Advice advice = advise(*program, "koers: 1\ncase_id: t\nsafety: {suspicion: true}\n");
  BOOST_REQUIRE_EQUAL(advice.recommendations.size(), 1u);
  BOOST_TEST(advice.recommendations[0].text == "Bel het team.");
  // The advice names both layers with their hashes and the override with its reason.
  auto json = nlohmann::json::parse(render_json(*program, advice));
  const auto& rules = json["provenance"]["rules"];
  BOOST_REQUIRE_EQUAL(rules["layers"].size(), 2u);
  BOOST_TEST(rules["layers"][0]["name"] == "rules");
  BOOST_TEST(rules["layers"][1]["name"] == "Gemeente Voorbeeld");
  BOOST_TEST(rules["layers"][1]["sha256"] == program->layers[1].sha256);
  BOOST_TEST(rules["overrides"][0]["reason"] == "Wij bellen ook bij een vermoeden.");
  BOOST_TEST(rules["sha256"] != program->layers[0].sha256);
  const std::string text = render_text(*program, advice);
  BOOST_TEST(text.find("(lagen: rules " + program->layers[0].sha256.substr(0, 12) +
                       ", Gemeente Voorbeeld " + program->layers[1].sha256.substr(0, 12) + ")") !=
                 std::string::npos,
             text);
  BOOST_TEST(
      text.find("Regel r.bellen van rules is vervangen door die van Gemeente Voorbeeld: Wij bellen "
                "ook bij een vermoeden.") != std::string::npos,
      text);
}

BOOST_AUTO_TEST_CASE(the_order_and_content_of_the_layers_make_the_hash) {
  RuleLayerTexts a = organisation("source a { title \"A\" kind organisation }\n");
  RuleLayerTexts b = organisation("source b { title \"B\" kind organisation }\n");
  Diagnostics d1, d2, d3;
  auto ab = load({national(), a, b}, d1);
  auto ba = load({national(), b, a}, d2);
  BOOST_REQUIRE_MESSAGE(ab, describe(d1));
  BOOST_REQUIRE_MESSAGE(ba, describe(d2));
  BOOST_TEST(ab->rules_sha256 != ba->rules_sha256);
  // Where a layer is kept, and what it is called there, does not count: only its files do.
  RuleLayerTexts elsewhere = a;
  elsewhere.name = "ergens-anders";
  elsewhere.display_path = "ergens/anders";
  auto moved = load({national(), elsewhere, b}, d3);
  BOOST_REQUIRE(moved);
  BOOST_TEST(moved->rules_sha256 == ab->rules_sha256);
  BOOST_TEST(moved->layers[0].sha256 == ab->layers[0].sha256);
}

BOOST_AUTO_TEST_CASE(a_layer_is_given_once_named_once_and_overrides_with_a_reason) {
  Diagnostics twice;
  BOOST_TEST(!load({national(), national()}, twice));
  BOOST_TEST(describe(twice).find("K228") != std::string::npos, describe(twice));
  BOOST_TEST(describe(twice).find("layer 2 is the same as layer 1") != std::string::npos);

  Diagnostics names;
  BOOST_TEST(!load({national(), organisation("layer \"A\"\nlayer \"B\"\n")}, names));
  BOOST_TEST(describe(names).find("this layer is named twice") != std::string::npos,
             describe(names));

  Diagnostics empty_reason;
  BOOST_TEST(!load({national(), organisation("source e { title \"E\" kind organisation }\n"
                                             "rule r.bellen overrides \" \" { source e when true "
                                             "recommend action bellen \"Bel.\" }\n")},
                   empty_reason));
  BOOST_TEST(describe(empty_reason).find("overrides without a reason") != std::string::npos,
             describe(empty_reason));

  Diagnostics double_override;
  BOOST_TEST(
      !load({national(), organisation("source e { title \"E\" kind organisation }\n"
                                      "rule r.bellen overrides \"een\" { source e when true "
                                      "recommend action bellen \"Bel.\" }\n"
                                      "rule r.bellen overrides \"twee\" { source e when false "
                                      "recommend action bellen \"Bel.\" }\n")},
            double_override));
  const std::string said = describe(double_override);
  BOOST_TEST(
      said.find("rule `r.bellen` is overridden twice in layer `gemeente`") != std::string::npos,
      said);
  BOOST_TEST(said.find("overrides nothing") == std::string::npos, said);
}

// `overrides`, `recommendation` and `layer` are keywords, yet still names where a name is expected.
BOOST_AUTO_TEST_CASE(the_new_keywords_are_still_names) {
  Diagnostics diags;
  auto program =
      load({{"rules",
             "",
             "rules",
             {{"schema.koers", schema_text()},
              {"a.koers", std::string(kNational) + "define overrides: bool = safety.acute\n"
                                                   "define layer: bool = overrides\n"
                                                   "define recommendation: bool = layer\n"}}}},
           diags);
  BOOST_TEST(program.has_value(), describe(diags));
}

BOOST_AUTO_TEST_CASE(a_national_rule_is_replaced_only_on_purpose) {
  Diagnostics diags;
  auto program =
      load({national(), organisation("source eigen { title \"E\" kind organisation }\n"
                                     "rule r.bellen { source eigen when safety.structural "
                                     "recommend action bellen \"Bel.\" }\n")},
           diags);
  BOOST_TEST(!program);
  BOOST_TEST(diags.error_count() == 1u, describe(diags));
  auto d = first_with(diags, "K228");
  BOOST_REQUIRE(d);
  BOOST_TEST(d->span.path() == "gemeente/eigen.koers");
  BOOST_TEST(d->span.line == 2);
  BOOST_TEST(d->span.col == 6);
  BOOST_TEST(
      d->message.find("rule `r.bellen` is already in layer `rules` (rules/besluiten.koers:5)") !=
          std::string::npos,
      d->message);
  BOOST_TEST(d->hint.find("write `rule r.bellen overrides \"reason\" {`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(overriding_nothing_or_in_the_first_layer_is_an_error) {
  Diagnostics diags;
  auto program = load({national(), organisation("source eigen { title \"E\" kind organisation }\n"
                                                "rule r.belen overrides \"tikfout\" { source eigen "
                                                "when true recommend action bellen \"Bel.\" }\n")},
                      diags);
  BOOST_TEST(!program);
  auto d = first_with(diags, "K228");
  BOOST_REQUIRE(d);
  BOOST_TEST(d->message.find("rule `r.belen` overrides nothing") != std::string::npos, d->message);
  BOOST_TEST(d->hint == "did you mean `r.bellen`?");
  BOOST_TEST(d->span.line == 2);
  BOOST_TEST(d->span.col == 14);

  Diagnostics first;
  auto alone = load({{"rules",
                      "",
                      "rules",
                      {{"schema.koers", schema_text()},
                       {"a.koers", std::string(kNational) +
                                       "rule r.x overrides \"waarom\" { source landelijk when true "
                                       "then d = true }\n"}}}},
                    first);
  BOOST_TEST(!alone);
  auto f = first_with(first, "K228");
  BOOST_REQUIRE(f);
  BOOST_TEST(f->message.find("`rules` is the first layer") != std::string::npos, f->message);
}
