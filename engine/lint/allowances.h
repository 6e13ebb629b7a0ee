#pragma once
// Intended exceptions to lint findings, declared in a rule file next to what they concern, with
// the reason, so that a reviewer sees why:
//   # koers-lint: allow L110 strategy "Richtlijn §2: past geen strategie, dan onbekend."
// The subject is the rule id or decision name the finding is about.
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace koers::lint {

struct Allowance {
  std::string code;
  std::string subject;
  std::string reason;
  Span span;
  bool used = false;
};

// The allowances in the .koers files of `rules_path` (a directory or one file). A malformed one is
// reported as L100.
std::vector<Allowance> read_allowances(const std::string& rules_path, Diagnostics& out);

// Moves the findings an allowance covers out of `findings` (a finding's message names its subject
// in backquotes); returns them with their reasons, one line each. An allowance that matches no
// finding (and whose code was not disabled) is itself reported (L100): what it excused is gone.
std::vector<std::string> apply_allowances(std::vector<Allowance>& allowances,
                                          const Diagnostics& findings,
                                          const std::set<std::string>& disabled, Diagnostics& kept);

}  // namespace koers::lint
