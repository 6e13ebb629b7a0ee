#pragma once
// Impact analysis for maintainers: the same cases under two rule sets or policies, and every
// difference in their advice, attributed to the rules that concluded before and after.
#include <string>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers::diff {

struct Change {
  std::string case_id;
  std::string file;
  std::string kind;    // "decision" or "recommendation"
  std::string what;    // decision name or recommendation id
  std::string before;  // decision value word (or unknown / not_applicable); "given" / "absent"
  std::string after;
  std::vector<std::string> rules;  // the rules behind the before and after outcomes
};

// Differences between two advices for one case, in a fixed order (decisions by name, then
// recommendations by id).
std::vector<Change> compare(const Program& before_program, const Advice& before,
                            const Program& after_program, const Advice& after);

// The text of a rule as written (from `rule` to its closing brace), "" when not found.
std::string rule_text(const CompiledRule& rule);

}  // namespace koers::diff
