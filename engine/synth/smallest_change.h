#pragma once
// "What would have to be different?" For advice not given (a rule that did not fire, a decision
// with another value), the smallest set of facts in the case that would change it: a beam search
// over single-fact changes (CaseSynth::neighbours), one more fact per round, so that the first
// changes found are the smallest ones.
#include <optional>
#include <string>
#include <vector>

#include "synth/search.h"

namespace koers::synth {

struct FactChange {
  std::string path;    // as advice names fields: "care.started", "problems[1].since"
  std::string before;  // "niet ingevuld" when absent; empty for a list entry added
  std::string after;
};

struct SmallestChange {
  std::vector<FactChange> facts;
};

struct ChangeOptions {
  int max_facts = 3;     // give up beyond this many changed facts
  int beam = 12;         // most promising cases kept per round
  int alternatives = 5;  // different smallest changes to report
};

// Up to `options.alternatives` changes of the fewest facts that make `goal` score 1, or none.
std::vector<SmallestChange> smallest_changes(const Program& program, const Policy& policy,
                                             CaseSynth& synth, const CaseNode& start,
                                             const Score& goal, const ChangeOptions& options = {});

// The facts in which two case trees differ.
std::vector<FactChange> fact_differences(const CaseNode& before, const CaseNode& after);

}  // namespace koers::synth
