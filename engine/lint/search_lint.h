#pragma once
// The lint findings that need a case to show them, found by searching the case space
// (synth/search.h): rules no case makes fire (L108), rules that never settle their `first`
// decision because a higher-priority rule always holds too (L107), overlaps that a `unique`
// decision rejects at run time (L109), gaps where a decision has no rule for a case with every fact
// known (L110), and safety rules that a rule giving a milder safety level overrides (L111).
// Every finding comes with a counterexample: a suite file whose case shows it, checked by
// evaluating that case before the finding is reported.
#include <set>
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"
#include "policy/policy.h"

namespace koers::lint {

struct Counterexample {
  std::string code;
  std::string subject;  // rule id or decision name
  std::string
      suite_yaml;  // a suite file with the case inline and its current advice as expectation
};

struct SearchOptions {
  Date as_of;
  int budget = 3000;  // cases tried per question
  uint64_t seed = 1;
  // Case files (texts) to start searches from, e.g. the regression suites' cases.
  std::vector<std::string> seed_cases;
};

struct SearchStats {
  int seeds = 0;    // seed cases the loader accepted
  int dropped = 0;  // findings the search scored but their own counterexample did not show
};

// Every finding is re-verified before it is reported: its counterexample, read back as `koers test`
// reads it and evaluated by the real evaluator, must show it.
SearchStats search_lint(const Program& program, const Policy& policy, const SearchOptions& options,
                        const std::set<std::string>& disabled, Diagnostics& out,
                        std::vector<Counterexample>& examples);

}  // namespace koers::lint
