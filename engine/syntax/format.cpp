// `koers fmt`: one layout for rule files. The formatter works on the token stream, so it cannot
// change what a file means: the tokens (and so the AST) stay the same, comments included. It sets
// the indentation (two spaces per block, two more for a continued line), the spaces between
// tokens, at most one blank line in a row, no trailing spaces and one newline at the end. Line
// breaks are the author's: where a long condition is split stays their choice.
#include "syntax/format.h"

#include "util/utf8.h"

#include <set>

#include "KoersLexer.h"
#include "antlr4-runtime.h"

namespace koers::syntax {

namespace {

using L = koers_gen::KoersLexer;

// Tokens that start a declaration or a part of one: a line starting with one is not continued.
bool starts_statement(size_t type) {
  static const std::set<size_t> starts = {
      L::ENUM,      L::RECORD,   L::SOURCE,  L::PARAMETER, L::DEFINE,    L::DECISION,
      L::RULE,      L::TITLE,    L::URL,     L::KIND,      L::UNIT,      L::DEFAULT,
      L::NOTE,      L::SETTLE,   L::APPLIES, L::REQUIRE,   L::OTHERWISE, L::CANDIDATES,
      L::CONDITION, L::PRIORITY, L::WHEN,    L::UNLESS,    L::THEN,      L::RECOMMEND,
      L::BECAUSE,   L::AGAINST,  L::RBRACE,  L::COMMENT,   L::ALERT,     L::CHART,
      L::SERIES,    L::WINDOW,   L::LINE,    L::MARKER,    L::TIMELINE,  L::RECOMMENDATION,
      L::LAYER,     L::LANGUAGE};
  return starts.count(type) > 0;
}

bool opens(size_t type) {
  return type == L::LPAREN || type == L::LBRACKET;
}
bool closes(size_t type) {
  return type == L::RPAREN || type == L::RBRACKET;
}

// Whether a space goes between two tokens on one line.
bool space_between(antlr4::Token* prev, antlr4::Token* next, antlr4::Token* before_prev) {
  const size_t a = prev->getType();
  const size_t b = next->getType();
  if (b == L::COMMENT) return true;
  if (opens(a) || a == L::DOT || a == L::DOTDOT) return false;
  if (closes(b) || b == L::COMMA || b == L::DOT || b == L::DOTDOT || b == L::COLON) return false;
  if (b == L::LPAREN && (a == L::IDENT || a == L::FIRST || a == L::SUM || a == L::K_NONE)) {
    return false;  // a call: count(...)
  }
  if (a == L::MINUS) {
    // A unary minus binds to what follows; a binary one has spaces on both sides.
    const size_t c = before_prev ? before_prev->getType() : static_cast<size_t>(L::LPAREN);
    bool binary = c == L::IDENT || c == L::INT || c == L::RPAREN || c == L::RBRACKET ||
                  c == L::DATE || c == L::AS_OF || c == L::MONTHS || c == L::DAYS || c == L::YEARS;
    return binary;
  }
  return true;
}

}  // namespace

std::optional<std::string> format_source(const SourceFilePtr& source, Diagnostics& diags) {
  // Only a file that parses is formatted: the layout of a broken file is the author's to fix.
  if (!parse_file(source, diags)) return std::nullopt;
  antlr4::ANTLRInputStream input(source->text());
  L lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::unique_ptr<antlr4::Token>> tokens = lexer.getAllTokens();

  std::string out;
  // What kind of block each open brace belongs to: in `enum` and `record` blocks every line is an
  // entry; in a `decision` block `because` and `when` continue the part above them (`applies`,
  // `condition`); elsewhere they start a part of their own.
  std::vector<size_t> blocks;
  int braces = 0;
  int brackets = 0;
  size_t last_line = 0;
  antlr4::Token* prev = nullptr;
  antlr4::Token* before_prev = nullptr;
  size_t block_keyword = 0;
  for (size_t index = 0; index < tokens.size(); ++index) {
    antlr4::Token* t = tokens[index].get();
    const size_t type = t->getType();
    const size_t next_type = index + 1 < tokens.size() ? tokens[index + 1]->getType() : 0;
    if (type == antlr4::Token::EOF) break;
    if ((type == L::ENUM || type == L::RECORD || type == L::RULE || type == L::DECISION ||
         type == L::SOURCE || type == L::PARAMETER || type == L::CHART) &&
        braces == 0 && next_type != L::DOT) {
      block_keyword = type;
    }
    if (prev == nullptr || t->getLine() > last_line) {
      if (prev != nullptr) {
        out += '\n';
        // At most one blank line in a row.
        if (t->getLine() > last_line + 1) out += '\n';
      }
      int depth = braces - (type == L::RBRACE ? 1 : 0);
      const size_t block = blocks.empty() ? 0 : blocks.back();
      // In a record a line is a field (`name: type ...`) or `require ...`; anything else continues
      // the field above (its options). In an enum every line holds members.
      const bool in_list =
          block == L::ENUM || (block == L::RECORD && (next_type == L::COLON || type == L::REQUIRE));
      // `decision.mpg` at the start of a line is an expression, not a declaration.
      // `range` starts a part of a parameter or chart; in a record it is a field option and
      // continues it.
      bool statement = (starts_statement(type) ||
                        ((block == L::PARAMETER || block == L::CHART) && type == L::RANGE)) &&
                       next_type != L::DOT &&
                       !(block == L::DECISION && (type == L::BECAUSE || type == L::WHEN));
      bool continued = !statement && !(braces > 0 && in_list && brackets == 0) && prev != nullptr;
      if (prev != nullptr && prev->getType() == L::LBRACE && type != L::RBRACE) continued = false;
      int indent = 2 * std::max(depth, 0) + (continued ? 2 : 0) + 2 * brackets;
      out.append(static_cast<size_t>(indent), ' ');
    } else if (space_between(prev, t, before_prev)) {
      out += ' ';
    }
    // A comment keeps its text; so does every other token (a text keeps its escapes).
    std::string text = t->getText();
    if (type == L::COMMENT) {
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.pop_back();
      }
    }
    out += text;
    if (type == L::LBRACE) {
      ++braces;
      blocks.push_back(block_keyword);
    } else if (type == L::RBRACE) {
      braces = std::max(0, braces - 1);
      if (!blocks.empty()) blocks.pop_back();
    } else if (opens(type)) {
      ++brackets;
    } else if (closes(type)) {
      brackets = std::max(0, brackets - 1);
    }
    // A token can span lines only if it is a comment or text, which end on their own line.
    last_line = t->getLine();
    before_prev = prev;
    prev = t;
  }
  if (!out.empty()) out += '\n';
  return out;
}

std::vector<std::pair<size_t, std::string>> token_stream(const std::string& text) {
  if (first_invalid_utf8(text)) return {};  // the lexer would throw; parse_file reports it (K110)
  antlr4::ANTLRInputStream input(text);
  L lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::pair<size_t, std::string>> out;
  for (const auto& t : lexer.getAllTokens()) {
    if (t->getType() == antlr4::Token::EOF) break;
    std::string s = t->getText();
    if (t->getType() == L::COMMENT) {
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    }
    out.emplace_back(t->getType(), std::move(s));
  }
  return out;
}

}  // namespace koers::syntax
