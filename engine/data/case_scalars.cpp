#include "data/case_scalars.h"

#include "value/date.h"

namespace koers::case_reading {

// A value for a message: at most kMaxShownChars characters, control characters shown as '?'.
std::string shown(std::string_view s) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (chars == kMaxShownChars) {
        out += "…";
        return out;
      }
      ++chars;
    }
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  return out;
}

bool is_float_syntax(std::string_view s) {
  if (s == ".inf" || s == "-.inf" || s == "+.inf" || s == ".nan" || s == ".NaN") return true;
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits) {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
      if (j == s.size()) return false;
      for (; j < s.size(); ++j) {
        if (s[j] < '0' || s[j] > '9') return false;
      }
      return true;
    } else {
      return false;
    }
  }
  return digits;
}

// `dddd-dd-dd`: looks like a date, so a failure to parse it is an impossible date (C307).
bool has_date_shape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

std::string why_impossible(std::string_view s) {
  int y = 0;
  int m = 0;
  std::from_chars(s.data(), s.data() + 4, y);
  std::from_chars(s.data() + 5, s.data() + 7, m);
  if (y < 1) return "there is no year 0";
  if (m < 1 || m > 12) return "there is no month " + std::to_string(m);
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  int days = 31;
  while (days > 28 && !valid_ymd(y, m, days)) --days;
  return std::string(kMonths[m - 1]) + " " + std::to_string(y) + " has " + std::to_string(days) +
         " days";
}

}  // namespace koers::case_reading
