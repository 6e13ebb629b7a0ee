#pragma once
// The data of the rule set's charts (`chart ...`) for one case on the advice date: the points of
// the series, the window and its baseline, the reference lines from the policy, the markers and the
// outcome of the decision the chart illustrates. Computed with the advice and carried in it (and
// so in its JSON and its audit line): the renderers draw only from this.
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"
#include "value/value.h"

namespace koers {

// `root` is the case as the evaluation saw it (entries after as_of left out); `parameters` the
// values in force on as_of, by Program::parameters; `decisions` the advice's decisions.
std::vector<ChartResult> evaluate_charts(const Program& program, const Record& root,
                                         const std::vector<Value>& parameters, Date as_of,
                                         const std::vector<DecisionResult>& decisions);

}  // namespace koers
