#include "data/text_pattern.h"

#include <charconv>
#include <limits>

namespace koers::detail {

namespace {

// A plain character of a class: a letter, a digit, or one of a few punctuation marks that mean
// themselves inside [...] in ECMAScript. Anything else (`\`, `^`, `[`, `]`...) is left to
// std::regex.
bool plain_class_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ' ' || c == '+' || c == '@' || c == ':' || c == '/';
}

bool parse_count(std::string_view s, size_t& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

TextPattern::TextPattern(const std::string& pattern) {
  if (compile_simple(pattern)) {
    simple_ = true;
    return;
  }
  try {
    regex_.emplace(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error&) {
    // The checker validates patterns; a bad one here is not the case file's fault.
  }
}

// `[` class `]` followed by `{m,n}`, `{m}`, `+` or `*`, where the class holds plain characters,
// ranges of letters or digits (`a-z`), and `-` as its last character.
bool TextPattern::compile_simple(std::string_view p) {
  if (p.size() < 3 || p[0] != '[') return false;
  size_t close = p.find(']', 1);
  if (close == std::string_view::npos || close == 1) return false;
  std::string_view body = p.substr(1, close - 1);
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '-' && i + 1 == body.size()) {
      in_class_[static_cast<unsigned char>('-')] = true;
      continue;
    }
    if (!plain_class_char(c)) return false;
    if (i + 2 < body.size() && body[i + 1] == '-') {
      char last = body[i + 2];
      auto alnum_range = [](char a, char b) {
        return (a >= 'a' && b <= 'z') || (a >= 'A' && b <= 'Z') || (a >= '0' && b <= '9');
      };
      if (!alnum_range(c, last) || last < c) return false;
      for (int x = c; x <= last; ++x) in_class_[static_cast<unsigned char>(x)] = true;
      i += 2;
      continue;
    }
    in_class_[static_cast<unsigned char>(c)] = true;
  }
  std::string_view q = p.substr(close + 1);
  if (q == "+") {
    min_ = 1;
    max_ = std::numeric_limits<size_t>::max();
    return true;
  }
  if (q == "*") {
    min_ = 0;
    max_ = std::numeric_limits<size_t>::max();
    return true;
  }
  if (q.size() < 3 || q.front() != '{' || q.back() != '}') return false;
  q = q.substr(1, q.size() - 2);
  size_t comma = q.find(',');
  if (comma == std::string_view::npos) {
    if (!parse_count(q, min_)) return false;
    max_ = min_;
    return true;
  }
  return parse_count(q.substr(0, comma), min_) && parse_count(q.substr(comma + 1), max_) &&
         min_ <= max_;
}

bool TextPattern::matches(std::string_view text) const {
  if (simple_) {
    if (text.size() < min_ || text.size() > max_) return false;
    for (char c : text) {
      if (!in_class_[static_cast<unsigned char>(c)]) return false;
    }
    return true;
  }
  return !regex_ || std::regex_match(text.begin(), text.end(), *regex_);
}

}  // namespace koers::detail
