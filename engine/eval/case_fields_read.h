// The case fields an expression reads, named as the advice names a field (`family.daily_life`).
// A decision that stays unknown because none of its rules fits names these as the facts that
// would decide it: the caseworker checks them, or learns that the rule set has a gap.
#pragma once

#include <set>
#include <string>

#include "compile/program.h"

namespace koers {

// Adds to `out` every case field `e` reads, also through the defines it uses. Parameters and
// decisions are not case fields; a list read with a `where` condition is named as the list.
void collect_case_fields(const Program& program, const CExpr& e, std::set<std::string>& out);

// The case fields that the rules concluding decision `decision` test in `when` and `unless`.
std::set<std::string> fields_deciding(const Program& program, int decision);

}  // namespace koers
