#pragma once
// `koers test --update`, the golden workflow: the `expect:` block of a failed test is rewritten so
// that each expectation it lists says what the engine now gives. Only what the test lists is
// rewritten (a decision not mentioned stays unmentioned); texts in `because_contains` cannot be
// guessed and are left as they are. The rest of the suite file, comments included, is kept.
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace koers::suite {

// What the engine gave for a test's case.
struct Actual {
  bool rejected = false;
  std::vector<std::string> error_codes;          // when rejected
  std::map<std::string, std::string> decisions;  // name -> value word, unknown, not_applicable
  std::vector<std::string> recommendations;      // ids, in the advice's order
  std::vector<std::string> missing;              // fields, as the advice names them
  std::string advice_text;                       // for `because_contains`
};

struct ExpectEdit {
  int first_line = 0;  // 0-based, inclusive
  int last_line = 0;
  int column = 0;  // for a one-line flow mapping: where it starts on first_line
  bool flow = false;
  std::string text;  // the replacement (whole lines for a block; the mapping for flow)
  std::vector<std::string> not_updated;  // expectations that still fail, and why
};

// The edit for one test's `expect` node; nullopt (with `why`) when it cannot be rewritten.
std::optional<ExpectEdit> plan_expect_edit(const std::string& suite_text, const YAML::Node& expect,
                                           const Actual& actual, std::string& why);

// Applies non-overlapping edits to the suite text.
std::string apply_expect_edits(const std::string& suite_text, std::vector<ExpectEdit> edits);

}  // namespace koers::suite
