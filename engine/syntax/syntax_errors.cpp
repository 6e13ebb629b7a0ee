#include "syntax/syntax_errors.h"

#include <fmt/format.h>

#include <set>

#include "KoersParser.h"
#include "syntax/dutch_keywords.h"

namespace koers::syntax {

using P = koers_gen::KoersParser;

namespace {

std::string describe_token(antlr4::Token* token, bool embedded) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) {
    return embedded ? "the closing `}` of the `{...}` part" : "the end of the file";
  }
  std::string text = token->getText();
  if (text.size() > 30) text = text.substr(0, 27) + "...";
  switch (token->getType()) {
    case P::STRING:
      return "the text " + text;
    case P::INT:
      return "the number `" + text + "`";
    case P::IDENT:
      return "the name `" + text + "`";
    default:
      return "`" + text + "`";
  }
}

bool contains(const antlr4::misc::IntervalSet& set, size_t token) {
  return set.contains(static_cast<ssize_t>(token));
}

// Describes what the parser expected, by the shape of the expected-token set.
std::string describe_expected(const antlr4::misc::IntervalSet& set, antlr4::Token* previous,
                              const antlr4::dfa::Vocabulary& vocabulary) {
  const size_t prev = previous ? previous->getType() : 0;
  const bool expression_start =
      contains(set, P::LPAREN) && contains(set, P::INT) && contains(set, P::IDENT);
  if (expression_start) {
    if (prev == P::WHEN || prev == P::UNLESS || prev == P::K_IF || prev == P::REQUIRE ||
        prev == P::K_AND || prev == P::K_OR || prev == P::K_NOT) {
      return "a condition";
    }
    if (prev == P::ASSIGN || prev == P::OTHERWISE) return "a value";
    return "an expression";
  }
  if (contains(set, P::RULE) && contains(set, P::DECISION)) {
    return "a declaration (`rule`, `decision`, `define`, `parameter`, `source`, `enum` or "
           "`record`)";
  }
  if (contains(set, P::WHEN) && contains(set, P::THEN) && contains(set, P::RECOMMEND)) {
    return "a rule part (`title`, `source`, `priority`, `when`, `unless`, `then`, `recommend`, "
           "`because`) or `}`";
  }
  if (contains(set, P::SETTLE) && contains(set, P::OTHERWISE)) {
    return "a decision part (`title`, `settle`, `applies when`, `require`, `otherwise`) or `}`";
  }
  if (contains(set, P::REQUIRED) && contains(set, P::NULLABLE) && contains(set, P::RBRACE)) {
    return "a field option (`required`, `nullable`, `default`, `range`, `length`, `unique`, "
           "`dated`, `not before`, `equals sum of`, `pattern`), the next field or `}`";
  }
  const bool names = contains(set, P::IDENT);
  if (!names && contains(set, P::UNIT) && contains(set, P::DEFAULT) && contains(set, P::NOTE)) {
    return "a parameter part (`title`, `unit`, `range`, `default`, `source`, `note`) or `}`";
  }
  if (!names && contains(set, P::URL) && contains(set, P::KIND)) {
    return "a source part (`title`, `url`, `kind`) or `}`";
  }
  if (contains(set, P::FIRST) && contains(set, P::COLLECT) && set.size() <= 3) {
    return "`first`, `unique` or `collect`";
  }
  if (contains(set, P::IDENT)) {
    if (prev == P::RULE || prev == P::PARAMETER) return "a dotted id such as `definitie.mpg`";
    if (prev == P::COLON) return "a type (`bool`, `int`, `text`, `date`, an enum or `list of ...`)";
    return "a name";
  }
  std::vector<std::string> words;
  for (ssize_t t : set.toList()) {
    if (t == static_cast<ssize_t>(antlr4::Token::EOF)) {
      words.push_back("the end of the file");
      continue;
    }
    std::string literal = vocabulary.getLiteralName(static_cast<size_t>(t));
    if (literal.size() >= 2 && literal.front() == '\'') {
      // Built step by step: GCC 12 at -O3 warns falsely (-Wrestrict) on "`" + substr + "`".
      std::string word = "`";
      word.append(literal, 1, literal.size() - 2);
      word += '`';
      words.push_back(std::move(word));
    } else if (t == P::STRING) {
      words.push_back("a text in double quotes");
    } else if (t == P::INT) {
      words.push_back("a whole number");
    } else if (t == P::DATE) {
      words.push_back("a date");
    }
  }
  if (words.empty()) return "something else";
  if (words.size() == 1) return words[0];
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? " or " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace

void FriendlyErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                        size_t line, size_t char_position, const std::string& msg,
                                        std::exception_ptr /*e*/) {
  ++errors_;
  // After one error ANTLR's recovery often trips again on the same line; the first error there is
  // the one that helps, the rest is noise.
  if (static_cast<int>(line) == last_error_line_) return;
  last_error_line_ = static_cast<int>(line);
  Span span{source_, static_cast<int>(line) + line_offset_,
            static_cast<int>(char_position) + 1 + col_offset_, 1};
  if (line_offset_ == 0 && col_offset_ == 0 && offending == nullptr) {
    // Lexer errors come with no token. Our lexer turns every odd character into a STRAY token, so
    // this is rare; say what we can.
    diags_.error("K103", span, "unexpected character: " + msg);
    return;
  }
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) {
    diags_.error("K103", span, "unexpected character");
    return;
  }
  if (offending->getType() == P::STRAY) {
    std::string text = offending->getText();
    if (text == "\"") {
      diags_.error("K102", span, "this text has no closing `\"` on the same line",
                   "a text is written on one line, between double quotes");
    } else if (contains_curly_quote(text)) {
      diags_.error("K103", span, fmt::format("unexpected curly quote `{}`", text),
                   curly_quote_hint());
    } else {
      diags_.error("K103", span, fmt::format("unexpected character `{}`", text),
                   text == "&"   ? "write `and`"
                   : text == "|" ? "write `or`"
                   : text == "!" ? "write `not`"
                                 : "");
    }
    return;
  }
  span.length = std::max<int>(1, static_cast<int>(offending->getStopIndex()) -
                                     static_cast<int>(offending->getStartIndex()) + 1);
  if (offending->getType() == antlr4::Token::EOF) span.length = 1;

  antlr4::Token* previous = nullptr;
  if (auto* stream = dynamic_cast<antlr4::TokenStream*>(parser->getInputStream())) {
    size_t index = offending->getTokenIndex();
    for (size_t i = index; i-- > 0;) {
      antlr4::Token* t = stream->get(i);
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
        previous = t;
        break;
      }
    }
  }
  antlr4::misc::IntervalSet expected;
  try {
    expected = parser->getExpectedTokens();
  } catch (...) {
    // The runtime may fail to compute the set in odd states; the message below still helps.
  }
  std::string what = describe_expected(expected, previous, parser->getVocabulary());
  std::string after = previous ? fmt::format(" after `{}`", previous->getText()) : "";
  std::string message =
      fmt::format("expected {}{}, found {}", what, after,
                  describe_token(offending, line_offset_ != 0 || col_offset_ != 0));
  std::string hint;
  if (offending->getType() == P::ASSIGN && previous != nullptr && previous->getType() != P::THEN) {
    hint = "to compare two values write `==`; `=` only sets a decision after `then`";
  } else if (offending->getType() != P::STRING && contains_curly_quote(offending->getText())) {
    hint = curly_quote_hint();
  } else if (offending->getType() != P::STRING) {
    // Also a keyword of the language: `of` is one (`list of`), but not where `or` was meant.
    hint = dutch_keyword_hint(offending->getText());
    // `when niet x`: `niet` reads as a name, so the parser stumbles on the name after it.
    if (hint.empty() && previous != nullptr && previous->getType() == P::IDENT) {
      hint = dutch_keyword_hint(previous->getText());
    }
  }
  (void)msg;
  diags_.error("K101", span, message, hint);
}

}  // namespace koers::syntax
