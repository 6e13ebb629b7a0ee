// The parameters a rule set reads: in conditions, values, notes and texts of its decisions, rules
// and defines. The advice lists their values in force, so that it says which organisation settings
// it was given under.
#pragma once

#include <vector>

#include "compile/program.h"

namespace koers {

// Indexes into `program.parameters`, ascending (so by id).
std::vector<int> parameters_read(const Program& program);

// The parameters one rule or one decision reads, also through the defines it uses; ascending.
std::vector<int> parameters_read(const Program& program, const CompiledRule& rule);
std::vector<int> parameters_read(const Program& program, const CompiledDecision& decision);

}  // namespace koers
