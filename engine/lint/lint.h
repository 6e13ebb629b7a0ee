#pragma once
// Lint: problems in a rule set that are not errors but that a guideline maintainer wants to know
// about. Stable codes (README, "Lint codes"), each one switchable.
#include <set>
#include <string>

#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers::lint {

// Adds a warning per finding; codes in `disabled` are skipped.
void lint(const Program& program, const std::set<std::string>& disabled, Diagnostics& out);

}  // namespace koers::lint
