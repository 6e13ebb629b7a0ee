#pragma once
// Search for a case with a property, by hill-climbing over CaseSynth's changes with restarts. The
// property is scored in [0, 1] (1: the case has it), so that the search is drawn towards it: a
// condition `a >= 36` that fails with a = 30 scores higher than with a = 3 (branch distance).
#include <functional>
#include <optional>
#include <vector>

#include "eval/settled_case.h"
#include "synth/case_synth.h"

namespace koers::synth {

// How close the case is to making `e` come out as `want` (1: it does). Three-valued: an unknown
// part counts as neither.
double closeness(SettledCase& sc, const CExpr& e, bool want);
// The same for a rule holding (`when` and no `unless`) or not holding.
double rule_closeness(SettledCase& sc, const CompiledRule& rule, bool want);

using Score = std::function<double(SettledCase&)>;

struct Found {
  CaseNode tree;
  double score = 0;
  int tries = 0;
};

class Search {
 public:
  Search(const Program& program, const Policy& policy, CaseSynth& synth)
      : program_(program), policy_(policy), synth_(synth) {}

  // The best case found within `budget` evaluations; score 1 when the property holds. Starts from
  // `seeds` first, then from random cases.
  Found run(const Score& score, int budget, const std::vector<CaseNode>& seeds = {});
  // The case made as small as it can be while it scores no less than it does now (for a case
  // with the property: while it keeps it): optional fields left out and list entries dropped one
  // at a time, greedily, within `budget` evaluations.
  CaseNode shrink(const CaseNode& c, const Score& score, int budget = 2000);
  // Scores one case (0 when the loader rejects it).
  double score_of(const CaseNode& c, const Score& score);

 private:
  const Program& program_;
  const Policy& policy_;
  CaseSynth& synth_;
};

}  // namespace koers::synth
