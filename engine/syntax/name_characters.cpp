#include "syntax/name_characters.h"

#include <fmt/format.h>

#include <locale.h>
#include <clocale>
#include <cwctype>
#include <string_view>

#include "KoersLexer.h"
#include "syntax/dutch_keywords.h"

namespace koers::syntax {

namespace {

// Unicode character classes from glibc's built-in C.UTF-8 locale, made once and never freed: it is
// independent of the user's locale, so the same file is accepted everywhere.
locale_t unicode_ctype() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

// Decodes the code point at `text[i]` (the file is known to be valid UTF-8) and its byte length.
std::pair<char32_t, size_t> decode(std::string_view text, size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return {b, 1};
  const size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  char32_t cp = b & (0x3F >> (length - 1));
  for (size_t k = 1; k < length && i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return {cp, length};
}

bool is_name_character(char32_t cp, bool first) {
  if (cp < 0x80) return true;  // ASCII is already restricted by the lexer
  const locale_t locale = unicode_ctype();
  if (locale == static_cast<locale_t>(0))
    return true;  // no Unicode tables: accept, as the lexer did
  const auto wc = static_cast<wint_t>(cp);
  return first ? iswalpha_l(wc, locale) != 0 : iswalnum_l(wc, locale) != 0;
}

}  // namespace

int report_bad_name_characters(antlr4::CommonTokenStream& tokens, const SourceFilePtr& source,
                               Diagnostics& diags, int line_offset, int col_offset) {
  tokens.fill();
  int reported = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getType() != koers_gen::KoersLexer::IDENT) continue;
    const std::string text = token->getText();
    int column = static_cast<int>(token->getCharPositionInLine());  // in code points, like ANTLR
    for (size_t i = 0; i < text.size(); ++column) {
      const auto [cp, length] = decode(text, i);
      if (!is_name_character(cp, i == 0)) {
        const int line = static_cast<int>(token->getLine()) + line_offset;
        const int col = column + 1 + (token->getLine() == 1 ? col_offset : 0);
        if (is_curly_quote(cp)) {
          diags.error("K103", Span{source, line, col, 1},
                      fmt::format("unexpected curly quote `{}`", text.substr(i, length)),
                      curly_quote_hint());
        } else {
          diags.error("K103", Span{source, line, col, 1},
                      fmt::format("unexpected character `{}` in the name `{}`",
                                  text.substr(i, length), text),
                      "a name holds letters, digits and `_`");
        }
        ++reported;
        break;  // one error per name is enough
      }
      i += length;
    }
  }
  return reported;
}

}  // namespace koers::syntax
