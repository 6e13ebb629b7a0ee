// `koers fmt`: one layout, comments kept, idempotent, and nothing but whitespace changes.
#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "support/koers_fixture.h"
#include "syntax/format.h"

using namespace koers;
namespace fs = std::filesystem;

namespace {

std::string format(const std::string& text) {
  Diagnostics diags;
  auto out = syntax::format_source(std::make_shared<SourceFile>("t.koers", text), diags);
  BOOST_TEST_REQUIRE(out.has_value(), render_all(diags));
  return *out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_messy_rule_gets_the_canonical_layout) {
  const std::string messy =
      "# kop\n"
      "rule   a.b{title \"x\"   # achter de titel\n"
      "priority  3\n"
      "  when safety.acute   and(safety.structural or not safety.suspicion)\n"
      "        or count( problems where severity>=moderate )>=2\n"
      "then safety=acute\n"
      "\n\n\n"
      "because \"tekst {count(problems)}\" if policy.x.y - 1 > -3   \n"
      "}\n"
      "define   d : list of problem_domain=[ finances ,debts ]\n"
      "enum e {a,b ,\n"
      "c}";
  const std::string expected =
      "# kop\n"
      "rule a.b { title \"x\" # achter de titel\n"
      "  priority 3\n"
      "  when safety.acute and (safety.structural or not safety.suspicion)\n"
      "    or count(problems where severity >= moderate) >= 2\n"
      "  then safety = acute\n"
      "\n"
      "  because \"tekst {count(problems)}\" if policy.x.y - 1 > -3\n"
      "}\n"
      "define d: list of problem_domain = [finances, debts]\n"
      "enum e { a, b,\n"
      "  c }\n";
  BOOST_TEST(format(messy) == expected);
}

BOOST_AUTO_TEST_CASE(decision_parts_continue_under_their_clause) {
  const std::string text =
      "decision d: bool {\n"
      "settle first\n"
      "applies when decision.mpg\n"
      "because \"alleen voor een MPG\"\n"
      "}\n"
      "define x: bool =\n"
      "decision.mpg\n";
  BOOST_TEST(format(text) ==
             "decision d: bool {\n"
             "  settle first\n"
             "  applies when decision.mpg\n"
             "    because \"alleen voor een MPG\"\n"
             "}\n"
             "define x: bool =\n"
             "  decision.mpg\n");
}

BOOST_AUTO_TEST_CASE(shipped_rules_are_in_the_layout_and_formatting_is_idempotent) {
  const fs::path rules = fs::path(testing::source_dir()) / "rules";
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(rules)) {
    if (e.path().extension() != ".koers") continue;
    ++files;
    BOOST_TEST_CONTEXT(e.path().filename().string()) {
      const std::string text = testing::read_text_file(e.path().string());
      const std::string once = format(text);
      BOOST_TEST(once == text);          // the shipped rules are formatted
      BOOST_TEST(format(once) == once);  // fmt(fmt(x)) == fmt(x)
      // Only whitespace changes: the tokens, comments included, are the same.
      BOOST_TEST((syntax::token_stream(once) == syntax::token_stream(text)));
    }
  }
  BOOST_TEST(files >= 10u);
}

BOOST_AUTO_TEST_CASE(mangled_layout_comes_back_to_the_same_tokens) {
  // Every shipped file, squeezed onto as few spaces as possible, formats to tokens equal to the
  // original and is then stable.
  const fs::path rules = fs::path(testing::source_dir()) / "rules";
  for (const auto& e : fs::directory_iterator(rules)) {
    if (e.path().extension() != ".koers") continue;
    std::string text = testing::read_text_file(e.path().string());
    std::string mangled;
    for (char c : text) {
      if (c == '\n')
        mangled += "   \n      ";
      else
        mangled += c;
    }
    const std::string once = format(mangled);
    BOOST_TEST((syntax::token_stream(once) == syntax::token_stream(text)), e.path().filename());
    BOOST_TEST(format(once) == once, e.path().filename());
  }
}

BOOST_AUTO_TEST_CASE(a_file_with_syntax_errors_is_not_formatted) {
  Diagnostics diags;
  auto out =
      syntax::format_source(std::make_shared<SourceFile>("t.koers", "rule a.b { when }"), diags);
  BOOST_TEST(!out.has_value());
  BOOST_TEST(diags.has_errors());
}
