#pragma once
// Internal to the case loader: a text field's `pattern` (an ECMAScript regular expression that
// the whole text must match). Patterns of the common shape "one character class, repeated"
// (`[A-Za-z0-9._-]{1,64}`, the case_id pattern) are matched with a byte table: std::regex costs
// more than the rest of a case's loading for them. Every other pattern goes to std::regex.
#include <array>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace koers::detail {

class TextPattern {
 public:
  explicit TextPattern(const std::string& pattern);
  // False for a pattern std::regex does not accept (the checker reports those).
  bool valid() const { return simple_ || regex_.has_value(); }
  bool matches(std::string_view text) const;

 private:
  bool compile_simple(std::string_view pattern);

  bool simple_ = false;
  std::array<bool, 256> in_class_{};
  size_t min_ = 0;
  size_t max_ = 0;
  std::optional<std::regex> regex_;
};

}  // namespace koers::detail
