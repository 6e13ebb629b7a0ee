#pragma once
// What an expectation may name, taken from the rule set(s) it is checked against: decisions and
// the values each can take, recommendation ids, and the case's field paths. Used for suite files
// (one rule set) and the `koers diff --expect` file (both sides: a name of either is fine).
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers::suite {

class RuleNames {
 public:
  explicit RuleNames(const std::vector<const Program*>& programs);

  // `name` is a decision (S603) and `value` one of its outcomes: a member of its type,
  // `unknown` or `not_applicable`, a list of members for a `collect` decision (S604).
  void check_decision_value(const SourceFilePtr& file, const YAML::Node& name,
                            const YAML::Node& value, Diagnostics& diags) const;
  // `id` is a recommendation some rule gives (S605).
  void check_recommendation(const SourceFilePtr& file, const YAML::Node& id,
                            Diagnostics& diags) const;
  // `path` is a field of the case, as the advice names a missing one: `safety.acute`,
  // `help_history[0].lasting_effect` (S606).
  void check_field_path(const SourceFilePtr& file, const YAML::Node& path,
                        Diagnostics& diags) const;

 private:
  struct Outcomes {
    bool list = false;                 // a `collect` decision: its value is a list of members
    std::vector<std::string> members;  // the values of its type
  };
  std::map<std::string, Outcomes> decisions_;
  std::vector<std::string> decision_names_;
  std::vector<std::string> recommendations_;  // sorted, unique
  std::vector<std::string> field_paths_;      // without indexes, sorted, unique
};

}  // namespace koers::suite
