#pragma once
// A text as a double-quoted scalar, for the YAML Koers writes (suite files, counterexamples).
#include <string>

namespace koers {

inline std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace koers
