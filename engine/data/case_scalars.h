#pragma once
// Case files, part of reading them: what a plain YAML scalar is (null, a boolean, a whole number,
// a decimal, a date), and how a value is quoted in a message. The small tests run for every value
// read, so they are inline.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koers::case_reading {

inline constexpr size_t kMaxShownChars = 40;  // of a value quoted in a message

// A value for a message: at most kMaxShownChars characters, control characters shown as '?'.
std::string shown(std::string_view s);

inline bool is_null_text(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

inline std::optional<bool> bool_of(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

inline bool is_int_syntax(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Decimal integer, YAML 1.2 core schema: [-+]?[0-9]+. False on bad syntax or overflow.
inline bool parse_int(std::string_view s, int64_t& out) {
  if (!is_int_syntax(s)) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last;
}

// A YAML decimal or float (`3.5`, `1e3`, `.inf`): named in a message, never read as a number.
bool is_float_syntax(std::string_view s);

// `dddd-dd-dd`: looks like a date, so a failure to parse it is an impossible date (C307).
bool has_date_shape(std::string_view s);

// Why a text of date shape is no date: "February 2026 has 28 days".
std::string why_impossible(std::string_view s);

}  // namespace koers::case_reading
