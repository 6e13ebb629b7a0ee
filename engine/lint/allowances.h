#pragma once
// Intended exceptions to lint findings, declared in a rule file next to what they concern, with
// the reason, so that a reviewer sees why:
//   # koers-lint: allow L110 strategy "Richtlijn §2: past geen strategie, dan onbekend."
// The subject is what the finding names in backquotes: a rule id, decision name, parameter, or
// (in double quotes, as it holds a space) a recommendation such as "support gezinscoach_inzetten".
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

// Where the case search starts, declared by the rule set so that it travels with the rules:
//   # koers-lint: seeds "../tests/cases"
// The path (a directory of suites and case files, or one file) is relative to the rule file.
struct SeedDeclaration {
  std::string declared;  // as written
  std::string path;      // resolved
  Span span;
};

struct LintDirectives {
  std::vector<Allowance> allowances;
  std::vector<SeedDeclaration> seeds;
};

// The `# koers-lint:` lines of every .koers file of `rules_path` (a directory, read with its
// subdirectories as the rule set is, or one file). A malformed one is reported as L100.
LintDirectives read_lint_directives(const std::string& rules_path, Diagnostics& out);

// The allowances in the .koers files of `rules_path` (a directory or one file). A malformed one is
// reported as L100.
std::vector<Allowance> read_allowances(const std::string& rules_path, Diagnostics& out);

// Moves the findings an allowance covers out of `findings` (a finding's message names its subject
// in backquotes); returns them with their reasons, one line each. An allowance that matches no
// finding is itself reported (L100): what it excused is gone. Not when its code was disabled or
// not looked for this run (`not_looked_for`: the search findings under `--no-search`), for then
// nothing says it is gone.
std::vector<std::string> apply_allowances(std::vector<Allowance>& allowances,
                                          const Diagnostics& findings,
                                          const std::set<std::string>& disabled, Diagnostics& kept,
                                          const std::set<std::string>& not_looked_for = {});

}  // namespace koers::lint
