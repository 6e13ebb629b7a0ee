#include "syntax/dutch_keywords.h"

#include <fmt/format.h>

#include <cctype>
#include <map>

namespace koers::syntax {

std::string english_keyword_for(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, std::string> keywords = {
      {"als", "when"},
      {"wanneer", "when"},
      {"dan", "then"},
      {"en", "and"},
      {"of", "or"},
      {"niet", "not"},
      {"waar", "true"},
      {"onwaar", "false"},
      {"tenzij", "unless"},
      {"anders", "otherwise"},
      {"omdat", "because"},
      {"regel", "rule"},
      {"besluit", "decision"},
      {"bron", "source"},
      {"titel", "title"},
      {"prioriteit", "priority"},
      {"vereist", "require"},
      {"adviseer", "recommend"},
      {"onbekend", "is missing"},
      {"bekend", "is known"},
  };
  auto it = keywords.find(word);
  return it == keywords.end() ? std::string() : it->second;
}

std::string dutch_keyword_hint(const std::string& word) {
  const std::string keyword = english_keyword_for(word);
  if (keyword.empty()) return {};
  return fmt::format("the keywords are English: write `{}` for `{}`", keyword, word);
}

bool is_curly_quote(char32_t cp) {
  return cp == U'\u201C' || cp == U'\u201D' || cp == U'\u201E' || cp == U'\u2018' ||
         cp == U'\u2019' || cp == U'\u201A' || cp == U'\u00AB' || cp == U'\u00BB';
}

bool contains_curly_quote(const std::string& text) {
  for (const char* quote :
       {"\u201C", "\u201D", "\u201E", "\u2018", "\u2019", "\u201A", "\u00AB", "\u00BB"}) {
    if (text.find(quote) != std::string::npos) return true;
  }
  return false;
}

std::string curly_quote_hint() {
  return "texts go between straight double quotes `\"...\"`; a word processor turns them into "
         "curly ones: type them in the editor, or switch off \"smart quotes\"";
}

}  // namespace koers::syntax
