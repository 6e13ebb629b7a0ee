#pragma once
// The language's keywords are English; a policy officer types the Dutch words for them (`als`,
// `dan`, `of`, `niet`, `waar`, ...) and paste texts with a word processor's curly quotes. Parser
// and checker turn both into a hint.
#include <string>

namespace koers::syntax {

// The keyword meant by a Dutch word (any case), e.g. "als" → "when"; empty when it is none.
std::string english_keyword_for(std::string word);

// "the keywords are English: write `when` for `als`"; empty when `word` is no Dutch keyword.
std::string dutch_keyword_hint(const std::string& word);

// Quotes a word processor puts in place of the straight double quote (“ ” „ ‘ ’ ‚ « »).
bool is_curly_quote(char32_t code_point);
// Whether UTF-8 `text` holds one of them.
bool contains_curly_quote(const std::string& text);
// What to do about them.
std::string curly_quote_hint();

}  // namespace koers::syntax
