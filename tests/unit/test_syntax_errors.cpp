// Syntax errors (K1xx): each broken snippet gives the exact code at the exact line:col, with a
// message in the user's language (what was expected, what was found), never parser jargon.
#define BOOST_TEST_MODULE syntax_errors
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "support/koers_fixture.h"
#include "syntax/parser.h"
#include "util/utf8.h"

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

// Words that belong to the parser generator or the grammar, not to someone writing rules.
void expect_user_language(const Diagnostic& d) {
  static const std::vector<std::string> jargon = {
      "K_AND",        "K_OR", "K_NOT",    "K_IF",       "IDENT",       "STRING",    "STRAY",
      "<EOF>",        "EOF",  "token",    "mismatched", "extraneous",  "no viable", "ruleProp",
      "decisionProp", "Expr", "exprOnly", "callArg",    "recognition", "antlr",     "ANTLR"};
  for (const auto& word : jargon) {
    BOOST_TEST(d.message.find(word) == std::string::npos,
               "message uses `" << word << "`: " << d.message);
    BOOST_TEST(d.hint.find(word) == std::string::npos, "hint uses `" << word << "`: " << d.hint);
  }
}

// The first (in file order) diagnostic must be `code` at line:col, its message containing
// `message` and its hint containing `hint`. Returns all diagnostics for further checks.
std::vector<Diagnostic> expect_first(const std::string& text, const std::string& code, int line,
                                     int col, const std::string& message,
                                     const std::string& hint = "") {
  auto all = diagnostics_of(text);
  BOOST_TEST_REQUIRE(!all.empty());
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
  for (const auto& x : all) expect_user_language(x);
  return all;
}

// The same, and it must be the only diagnostic.
void expect_only(const std::string& text, const std::string& code, int line, int col,
                 const std::string& message, const std::string& hint = "") {
  auto all = expect_first(text, code, line, col, message, hint);
  BOOST_TEST(all.size() == 1u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(missing_condition_after_when) {
  expect_first(std::string(kDecision) +
                   "rule r.a {\n"
                   "  when\n"
                   "  then d = true\n"
                   "}\n",
               "K101", 4, 3, "expected a condition after `when`, found `then`");
}

BOOST_AUTO_TEST_CASE(missing_condition_after_when_gives_one_error) {
  // ANTLR's recovery deletes `then` and reads `d` as the condition, then trips over `=`; that
  // second error (with the misleading hint "write `==`") must not reach the user.
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a {\n"
                            "  when\n"
                            "  then d = true\n"
                            "}\n");
  BOOST_TEST(all.size() == 1u);
  for (const auto& d : all) {
    BOOST_TEST(d.hint.find("write `==`") == std::string::npos,
               "misleading hint at " << d.span.line << ":" << d.span.col);
  }
}

BOOST_AUTO_TEST_CASE(unclosed_brace_before_next_declaration) {
  expect_only(
      "decision d: bool { settle first\n"
      "rule r.a { when true then d = true }\n",
      "K101", 2, 1,
      "expected a decision part (`title`, `settle`, `applies when`, `require`, `otherwise`) or "
      "`}` after `first`, found `rule`");
}

BOOST_AUTO_TEST_CASE(unclosed_brace_at_end_of_file) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true", "K101", 2, 35,
              "found the end of the file");
}

BOOST_AUTO_TEST_CASE(assign_instead_of_compare_in_condition) {
  expect_only(std::string(kDecision) + "rule r.a { when safety.acute = true then d = true }",
              "K101", 2, 30, "found `=`",
              "to compare two values write `==`; `=` only sets a decision after `then`");
}

BOOST_AUTO_TEST_CASE(unterminated_string) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true because \"abc }", "K102",
              2, 44, "this text has no closing `\"` on the same line",
              "a text is written on one line");
}

BOOST_AUTO_TEST_CASE(string_broken_over_two_lines) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true because \"a\nb\" }",
              "K102", 2, 44, "no closing `\"`");
}

BOOST_AUTO_TEST_CASE(stray_ampersand) {
  expect_only(
      std::string(kDecision) + "rule r.a { when safety.acute & safety.structural then d = true }",
      "K103", 2, 30, "unexpected character `&`", "write `and`");
}

BOOST_AUTO_TEST_CASE(stray_exclamation_mark) {
  expect_only(std::string(kDecision) + "rule r.a { when ! safety.acute then d = true }", "K103", 2,
              17, "unexpected character `!`", "write `not`");
}

BOOST_AUTO_TEST_CASE(stray_character) {
  expect_only(std::string(kDecision) + "rule r.a { when true @ then d = true }", "K103", 2, 22,
              "unexpected character `@`");
}

BOOST_AUTO_TEST_CASE(bad_keyword_order_in_decision) {
  expect_only("decision d: bool { first settle }\n", "K101", 1, 20,
              "expected a decision part (`title`, `settle`, `applies when`, `require`, "
              "`otherwise`) or `}` after `{`, found `first`");
}

BOOST_AUTO_TEST_CASE(bad_keyword_order_not_is) {
  expect_only(std::string(kDecision) + "rule r.a { when safety.acute not is known then d = true }",
              "K101", 2, 34, "expected `in` after `not`, found `is`");
}

BOOST_AUTO_TEST_CASE(missing_colon_in_define) {
  expect_only("define x int = 3\n", "K101", 1, 10, "expected `:` after `x`, found the name `int`");
}

BOOST_AUTO_TEST_CASE(unclosed_brace_inside_because_text) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true because \"abc {x\" }",
              "K104", 2, 49, "a `{` in a text has no closing `}`", "write `\\{`");
}

BOOST_AUTO_TEST_CASE(closing_brace_without_opening_in_text) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true because \"a } b\" }",
              "K104", 2, 47, "a `}` in a text has no opening `{`", "write `\\}`");
}

BOOST_AUTO_TEST_CASE(empty_braces_in_text) {
  expect_only(
      std::string(kDecision) + "rule r.a { when true then d = true because \"abc {} def\" }",
      "K104", 2, 49, "an empty `{}` in a text", "put a value between the braces");
}

BOOST_AUTO_TEST_CASE(error_inside_embedded_expression_points_into_the_text) {
  // `{` is at column 47; the expression starts at 48 and ends at column 62, so the missing
  // operand is reported at 63, where the `}` is.
  expect_only(std::string(kDecision) +
                  "rule r.a { when true then d = true because \"a {safety.acute ==} b\" }",
              "K101", 2, 63, "expected an expression after `==`");
}

BOOST_AUTO_TEST_CASE(error_inside_embedded_expression_does_not_say_end_of_file) {
  // Regression: inside a `{...}` part of a text the message says "found the end of the file", but
  // the file goes on; it is the end of the `{...}` part (the `}`) that was found.
  auto all =
      diagnostics_of(std::string(kDecision) +
                     "rule r.a { when true then d = true because \"a {safety.acute ==} b\" }");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().message.find("end of the file") == std::string::npos, all.front().message);
}

BOOST_AUTO_TEST_CASE(unknown_escape) {
  expect_only(
      std::string(kDecision) + "rule r.a { when true then d = true because \"abc \\q def\" }",
      "K107", 2, 44, "unknown escape `\\q` in a text",
      "write `\\\"` for a quote, `\\\\` for a backslash");
}

BOOST_AUTO_TEST_CASE(unknown_escape_is_counted_once) {
  // Regression: a bad escape in a `because` text is reported twice (once for the raw text, once for
  // its literal part); sorted() de-duplicates, but error_count() counts both, so `koers check`
  // prints one error and then the summary "2 errors".
  Diagnostics diags;
  auto program = load_with_schema(
      {{"t.koers",
        std::string(kDecision) + "rule r.a { when true then d = true because \"abc \\q def\" }"}},
      diags);
  BOOST_TEST(!program.has_value());
  BOOST_TEST(diags.sorted().size() == 1u);
  BOOST_TEST(diags.error_count() == diags.sorted().size());
}

BOOST_AUTO_TEST_CASE(number_too_large) {
  expect_only(
      std::string(kDecision) + "rule r.a { priority 99999999999999999999 when true then d = true }",
      "K106", 2, 21, "the number `99999999999999999999` is too large");
}

BOOST_AUTO_TEST_CASE(largest_int64_is_not_too_large) {
  // Regression: to_int's overflow guard is conservative: 9223372036854775807 (INT64_MAX) fits in an
  // int64_t but is reported as K106 "too large".
  Diagnostics diags;
  auto program = load_with_schema(
      {{"t.koers", std::string(kDecision) +
                       "rule r.a { priority 9223372036854775807 when true then d = true }"}},
      diags);
  BOOST_TEST(program.has_value(), describe(diags));
  BOOST_TEST(diags.empty());
}

BOOST_AUTO_TEST_CASE(missing_decision_type) {
  // Code and place are right.
  auto all = diagnostics_of("decision d: { settle first }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().code == "K101");
  BOOST_TEST(all.front().span.line == 1);
  BOOST_TEST(all.front().span.col == 13);
  BOOST_TEST(all.front().message.find("found `{`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_decision_type_message) {
  // Regression: describe_expected() tests for "field option" tokens (`required`, `nullable`) before
  // it tests for a name; those soft keywords are names too, so wherever a name or type is expected
  // the message lists field options: "expected a field option (`required`, `nullable`, ...), the
  // next field or `}` after `:`, found `{`". Expected: "expected a type (`bool`, `int`, ...)".
  // The same happens for `rule { ... }`, `define : int`, `decision : bool`, `parameter { }`.
  auto all = diagnostics_of("decision d: { settle first }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all.front().message.find("expected a type") != std::string::npos, all.front().message);
  BOOST_TEST(all.front().message.find("field option") == std::string::npos, all.front().message);
}

BOOST_AUTO_TEST_CASE(missing_rule_id_message) {
  // Regression: same cause as above: `rule {` says "expected a field option ..." instead of
  // "expected a dotted id such as `definitie.mpg` after `rule`".
  auto all = diagnostics_of("rule { when true }\n");
  BOOST_TEST_REQUIRE(!all.empty());
  BOOST_TEST(all.front().code == "K101");
  BOOST_TEST(all.front().span.line == 1);
  BOOST_TEST(all.front().span.col == 6);
  BOOST_TEST(all.front().message.find("dotted id") != std::string::npos, all.front().message);
}

BOOST_AUTO_TEST_CASE(dutch_en_instead_of_and) {
  expect_only(
      std::string(kDecision) + "rule r.a { when safety.acute en safety.structural then d = true }",
      "K101", 2, 30, "found the name `en`", "keywords are English: write `and`");
}

BOOST_AUTO_TEST_CASE(missing_closing_bracket) {
  expect_only(
      std::string(kDecision) + "rule r.a { when family.network in [weak, absent then d = true }",
      "K101", 2, 49, "expected `]` or `,` after `absent`, found `then`");
}

BOOST_AUTO_TEST_CASE(missing_closing_parenthesis) {
  expect_only(std::string(kDecision) + "rule r.a { when (safety.acute then d = true }", "K101", 2,
              31, "expected `)` after `acute`, found `then`");
}

BOOST_AUTO_TEST_CASE(missing_value_after_assign) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = }", "K101", 2, 31,
              "expected a value after `=`, found `}`");
}

BOOST_AUTO_TEST_CASE(missing_condition_after_if) {
  expect_only(std::string(kDecision) + "rule r.a { when true then d = true because \"a\" if }",
              "K101", 2, 51, "expected a condition after `if`, found `}`");
}

BOOST_AUTO_TEST_CASE(missing_operand_after_plus) {
  expect_only("define x: int = 3 +", "K101", 1, 20,
              "expected an expression after `+`, found the end of the file");
}

BOOST_AUTO_TEST_CASE(unknown_settle_mode) {
  expect_only("decision d: bool { settle firstly }\n", "K101", 1, 27,
              "expected `first`, `unique` or `collect` after `settle`, found the name `firstly`");
}

BOOST_AUTO_TEST_CASE(as_of_is_not_a_constant) {
  expect_only("parameter p.x: date { default as_of }\n", "K108", 1, 31,
              "`as_of` is not a constant here");
}

BOOST_AUTO_TEST_CASE(several_parse_errors_in_one_file_are_all_reported) {
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when safety.acute & safety.structural then d = true }\n"
                            "rule r.b { when safety.acute = true then d = true }\n"
                            "rule r.c { when true @ then d = true }\n");
  BOOST_TEST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].code == "K103");
  BOOST_TEST(all[0].span.line == 2);
  BOOST_TEST(all[0].span.col == 30);
  BOOST_TEST(all[1].code == "K101");
  BOOST_TEST(all[1].span.line == 3);
  BOOST_TEST(all[1].span.col == 30);
  BOOST_TEST(all[2].code == "K103");
  BOOST_TEST(all[2].span.line == 4);
  BOOST_TEST(all[2].span.col == 22);
}

BOOST_AUTO_TEST_CASE(several_text_errors_in_one_file_are_all_reported) {
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when true then d = true because \"{}\" }\n"
                            "rule r.b { priority 99999999999999999999 when true then d = false }\n"
                            "rule r.c { when true then d = true because \"x {y\" }\n");
  BOOST_TEST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].code == "K104");
  BOOST_TEST(all[0].span.line == 2);
  BOOST_TEST(all[1].code == "K106");
  BOOST_TEST(all[1].span.line == 3);
  BOOST_TEST(all[2].code == "K104");
  BOOST_TEST(all[2].span.line == 4);
}

BOOST_AUTO_TEST_CASE(text_errors_are_reported_next_to_parse_errors) {
  // Regression: parse_file() returns as soon as the parser reported an error, before the transform
  // that finds K104-K108; so a file with a stray `&` and an empty `{}` reports only the `&`, and
  // the
  // `{}` appears only after the first fix. parser.h promises "every syntax error is reported".
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when safety.acute & safety.structural then d = true }\n"
                            "rule r.b { when true then d = true because \"{}\" }\n");
  BOOST_TEST(all.size() == 2u);
  bool has_k104 = false;
  for (const auto& d : all) has_k104 = has_k104 || (d.code == "K104" && d.span.line == 3);
  BOOST_TEST(has_k104);
}

BOOST_AUTO_TEST_CASE(errors_in_two_files_are_all_reported) {
  Diagnostics diags;
  auto program = load_with_schema(
      {{"a.koers", "define x int = 3\n"},
       {"b.koers", std::string(kDecision) + "rule r.a { when true @ then d = true }\n"}},
      diags);
  BOOST_TEST(!program.has_value());
  auto all = diags.sorted();
  BOOST_TEST_REQUIRE(all.size() == 2u, describe(diags));
  BOOST_TEST(all[0].span.path() == "rules/a.koers");
  BOOST_TEST(all[0].code == "K101");
  BOOST_TEST(all[0].span.line == 1);
  BOOST_TEST(all[0].span.col == 10);
  BOOST_TEST(all[1].span.path() == "rules/b.koers");
  BOOST_TEST(all[1].code == "K103");
  BOOST_TEST(all[1].span.line == 2);
  BOOST_TEST(all[1].span.col == 22);
}

BOOST_AUTO_TEST_CASE(syntax_error_stops_before_checking) {
  // A file with a syntax error is never checked: the unknown name on line 3 is not reported.
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when true @ then d = true }\n"
                            "rule r.b { priority 1 when no_such_field then d = true }\n");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all[0].code == "K103");
}

BOOST_AUTO_TEST_CASE(rendered_diagnostic_shows_line_and_caret) {
  auto all = diagnostics_of(std::string(kDecision) +
                            "rule r.a { when safety.acute & safety.structural then d = true }");
  BOOST_TEST_REQUIRE(all.size() == 1u);
  std::string text = render(all.front());
  BOOST_TEST(text.find("rules/t.koers:2:30: error[K103]: unexpected character `&`") == 0u, text);
  BOOST_TEST(text.find(" 2 | rule r.a { when safety.acute & safety.structural then d = true }") !=
                 std::string::npos,
             text);
  // The caret sits under column 30.
  BOOST_TEST(text.find("   | " + std::string(29, ' ') + "^\n") != std::string::npos, text);
  BOOST_TEST(text.find("= hint: write `and`") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(valid_file_parses_without_diagnostics) {
  Diagnostics diags;
  auto source = std::make_shared<SourceFile>(
      "ok.koers",
      std::string(kDecision) +
          "rule r.a { title \"t\" priority 2 when safety.acute and not safety.structural "
          "then d = true because \"{safety.acute}\" if true }\n");
  auto file = syntax::parse_file(source, diags);
  BOOST_TEST(file.has_value());
  BOOST_TEST(diags.empty(), describe(diags));
  BOOST_TEST_REQUIRE(file->rules.size() == 1u);
  BOOST_TEST(file->decisions.size() == 1u);
}

// Found by fuzzing: the ANTLR runtime threw std::range_error (and the process died) on a rule file
// that is not UTF-8. It is an error with its place now.
BOOST_AUTO_TEST_CASE(a_rule_file_that_is_not_utf8_is_an_error_not_a_crash) {
  expect_only("rule r.a {\n  title \"caf\xe9\"\n}\n", "K110", 2, 13, "not valid UTF-8: byte 0xE9",
              "save the file as UTF-8");
  expect_only("# \xed\xa0\x80 een surrogaat\n", "K110", 1, 3, "byte 0xED");
  expect_only("# \xc0\xaf overlong\n", "K110", 1, 3, "byte 0xC0");
  expect_only("# \xf4\x90\x80\x80 boven U+10FFFF\n", "K110", 1, 3, "byte 0xF4");
  expect_only("# afgekapt \xe2\x82", "K110", 1, 12, "byte 0xE2");
}

BOOST_AUTO_TEST_CASE(utf8_that_is_valid_passes) {
  BOOST_TEST(!koers::first_invalid_utf8("één € 𝄞 ë").has_value());
  BOOST_TEST(koers::first_invalid_utf8("ab\xff").value() == 2u);
}

// A policy officer types the Dutch word for a keyword: the hint names the English one.
BOOST_AUTO_TEST_CASE(dutch_keywords_get_the_english_one_as_hint) {
  const std::string d = kDecision;
  expect_first(d + "rule r.a { als safety.acute then d = true }", "K101", 2, 12,
               "found the name `als`", "the keywords are English: write `when` for `als`");
  // `niet` reads as a name, so the parser stumbles on the name after it.
  expect_first(d + "rule r.a { when niet safety.acute then d = true }", "K101", 2, 22,
               "found the name `safety`", "write `not` for `niet`");
  expect_first(d + "rule r.a { when safety.acute en safety.structural then d = true }", "K101", 2,
               30, "found the name `en`", "write `and` for `en`");
  expect_first(d + "rule r.a { when safety.acute Dan d = true }", "K101", 2, 30,
               "found the name `Dan`", "write `then` for `Dan`");
  expect_first(d + "rule r.a { when safety.acute of safety.structural then d = true }", "K101", 2,
               30, "found `of`", "write `or` for `of`");
}

// Texts pasted from a word processor come with curly quotes: every error they cause says so.
BOOST_AUTO_TEST_CASE(curly_quotes_get_a_hint_to_type_straight_ones) {
  auto all = expect_first(
      std::string(kDecision) + "rule r.a { title \u201CEen titel\u201D when true then d = true }",
      "K101", 2, 18, "expected a text in double quotes after `title`",
      "texts go between straight double quotes");
  for (const auto& x : all) {
    BOOST_TEST(x.hint.find("straight double quotes") != std::string::npos, x.message);
  }
  expect_first(std::string(kDecision) +
                   "rule r.a { because \u201EDe hulp stagneert.\u201D when true then d = true }",
               "K101", 2, 20, "after `because`", "switch off \"smart quotes\"");
}
