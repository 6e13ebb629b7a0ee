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
  // Scores one case (0 when the loader rejects it).
  double score_of(const CaseNode& c, const Score& score);

 private:
  const Program& program_;
  const Policy& policy_;
  CaseSynth& synth_;
};

}  // namespace koers::synth
