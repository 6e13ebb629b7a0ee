// POST /v1/case/read: a case file as the JSON object the page's form edits. Plain scalars are typed
// as a YAML reader types them, quoted ones stay text, and what a case file never needs (aliases,
// tags, several documents, deep nesting, a root that is not a mapping) is refused in Dutch with a
// place, never expanded or half read.
#define BOOST_TEST_MODULE yaml_to_json
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "data/yaml_to_json.h"

using koers::yaml_to_json;

BOOST_AUTO_TEST_CASE(a_case_file_reads_as_the_object_it_describes) {
  const auto r = yaml_to_json(
      "koers: 2\ncase_id: gezin-1\nas_of: 2026-11-01\nfamily:\n  parents: [{id: ouder1, lvb: "
      "true}]\n  children: []\n  risk_factors: [\"12\", schulden]\nsafety:\n  acute: false\n"
      "care: ~\n");
  BOOST_REQUIRE(r.json.has_value());
  const auto j = nlohmann::json::parse(*r.json);
  BOOST_TEST(j["koers"] == 2);
  BOOST_TEST(j["as_of"] == "2026-11-01");  // a date stays text: the form shows it in a picker
  BOOST_TEST(j["family"]["parents"][0]["lvb"] == true);
  BOOST_TEST(j["family"]["children"].is_array());
  BOOST_TEST(j["family"]["children"].empty());         // [] is kept: "none", not unknown
  BOOST_TEST(j["family"]["risk_factors"][0] == "12");  // quoted: text, not a number
  BOOST_TEST(j["safety"]["acute"] == false);
  BOOST_TEST(j["care"].is_null());
  BOOST_TEST(!j.contains("problems"));  // absent stays absent: unknown
  // The keys keep the file's order.
  BOOST_TEST(r.json->find("\"koers\"") < r.json->find("\"case_id\""));
}

BOOST_AUTO_TEST_CASE(what_a_case_file_never_needs_is_refused_with_a_place) {
  const auto alias = yaml_to_json("a: &x [1, 2]\nb: *x\n");
  BOOST_TEST(!alias.json.has_value());
  BOOST_TEST(alias.error.find("Verwijzingen") != std::string::npos, alias.error);
  BOOST_TEST(alias.line == 1);

  const auto two = yaml_to_json("a: 1\n---\nb: 2\n");
  BOOST_TEST(!two.json.has_value());
  BOOST_TEST(two.line == 2);

  const auto list = yaml_to_json("- 1\n- 2\n");
  BOOST_TEST(!list.json.has_value());

  std::string deep = "a:\n";
  for (int i = 1; i < 40; ++i) deep += std::string(static_cast<size_t>(2 * i), ' ') + "k:\n";
  const auto too_deep = yaml_to_json(deep);
  BOOST_TEST(!too_deep.json.has_value());
  BOOST_TEST(too_deep.error.find("genest") != std::string::npos, too_deep.error);

  const auto broken = yaml_to_json("a: [1, 2\n");
  BOOST_TEST(!broken.json.has_value());
  BOOST_TEST(broken.error.find("geen leesbaar casusbestand") != std::string::npos, broken.error);
  BOOST_TEST(broken.line >= 1);

  const auto tagged = yaml_to_json("a: !!str 1\n");
  BOOST_TEST(!tagged.json.has_value());
}

BOOST_AUTO_TEST_CASE(ids_that_look_like_numbers_stay_as_written) {
  // The case loader reads a plain 0142 as the text "0142": the form must not make it 142.
  const auto r = yaml_to_json(
      "case_id: 00123\nfamily:\n  parents: [{id: 007}, {id: +5}]\nn: 12\n"
      "m: -3\nbig: 123456789012345678\n");
  BOOST_REQUIRE(r.json.has_value());
  const auto j = nlohmann::json::parse(*r.json);
  BOOST_TEST(j["case_id"] == "00123");
  BOOST_TEST(j["family"]["parents"][0]["id"] == "007");
  BOOST_TEST(j["family"]["parents"][1]["id"] == "+5");
  BOOST_TEST(j["n"] == 12);
  BOOST_TEST(j["m"] == -3);
  BOOST_TEST(j["big"] == "123456789012345678");  // beyond what JavaScript keeps exactly
}

BOOST_AUTO_TEST_CASE(hostile_sizes_are_refused_quickly) {
  // Many keys in one mapping (each lookup in an ordered object is linear), a key twice, a huge
  // text: refused at the limit, not worked through.
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "k" + std::to_string(i) + ": 0\n";
  const auto keys = yaml_to_json(many);
  BOOST_TEST(!keys.json.has_value());
  BOOST_TEST(keys.error.find("meer velden") != std::string::npos, keys.error);
  BOOST_TEST(keys.line == 257);

  const auto twice = yaml_to_json("a: 1\nb: 2\na: 3\n");
  BOOST_TEST(!twice.json.has_value());
  BOOST_TEST(twice.error.find("„a” staat hier twee keer") != std::string::npos, twice.error);
  BOOST_TEST(twice.line == 3);

  const auto long_text = yaml_to_json("a: " + std::string(5000, 'x') + "\n");
  BOOST_TEST(!long_text.json.has_value());

  std::string items = "a:\n";
  for (int i = 0; i < 250000; ++i) items += "  - 1\n";
  const auto nodes = yaml_to_json(items);
  BOOST_TEST(!nodes.json.has_value());
  BOOST_TEST(nodes.error.find("groter dan een casus") != std::string::npos, nodes.error);
}
