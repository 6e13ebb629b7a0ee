#pragma once
// A policy: an organisation's values for the rule set's parameters, each with its source, some
// with a date of effect (`valid_from`). Evaluation uses the values in force on `as_of`.
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"
#include "value/value.h"

namespace koers {

struct PolicyValue {
  std::optional<Date> valid_from;  // none: in force from the start
  Value value;
  std::string source;
  std::string note;
};

struct Policy {
  std::string id;
  std::string version;
  std::string title;
  std::string path;
  std::string sha256;  // of the file's bytes; "defaults" policies hash the rule set's defaults
  // Per parameter (Program::parameters order): the values given, sorted by valid_from.
  std::vector<std::vector<PolicyValue>> values;
  // Made by default_policy: every value is the rule set's default, not an organisation's choice.
  bool from_rule_defaults = false;
};

// Loads a policy file and checks it against the program's parameters (codes P4xx). Diagnostics
// name it `display_as` when given (koers serve does not show where its files are), else `path`.
std::optional<Policy> load_policy_file(const Program& program, const std::string& path,
                                       Diagnostics& diags, const std::string& display_as = {});
std::optional<Policy> load_policy(const Program& program, const SourceFilePtr& source,
                                  Diagnostics& diags);
// The policy made of the defaults declared in the rules (used with `--rules` and no `--policy`).
// Parameters without a default are reported (P404).
std::optional<Policy> default_policy(const Program& program, Diagnostics& diags);

// The value of each parameter on `as_of`. A parameter with no value in force on that date is
// Missing (named `policy.<id>`), which makes the decisions that need it `unknown`.
std::vector<Value> parameters_on(const Program& program, const Policy& policy, Date as_of);
// Which entry is in force on `as_of` (nullptr when none), for provenance in advice texts.
const PolicyValue* value_in_force(const Policy& policy, size_t parameter, Date as_of);

}  // namespace koers
