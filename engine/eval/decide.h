#pragma once
// Decisions without their explanation: each decision's status and value, nothing else (no
// reasons, rule ids, recommendations, missing-data questions, sources or receipt). For runs that
// only need the outcomes, and to measure the bare evaluation. The values are those `evaluate`
// gives (tests compare the two); it costs no allocation per case beyond what the values need.
#include <optional>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"
#include "eval/context.h"
#include "eval/scalar_code.h"
#include "eval/settle.h"
#include "policy/policy.h"
#include "value/value.h"

namespace koers {

class Decider {
 public:
  // Parameters are resolved once, for `as_of`: every case decided by this object uses that date.
  Decider(const Program& program, const Policy& policy, Date as_of);
  // It keeps references into itself (the settling holds its context): never copied or moved.
  Decider(const Decider&) = delete;
  Decider& operator=(const Decider&) = delete;

  // Decides `c` (validated against program.schema). Returns one result per decision, by index
  // (program.decisions' order) with `status`, `missing`, `possible` and (when decided) `value`
  // set, and nothing of the explanation; valid until the next call.
  const std::vector<DecisionResult>& decide(const Case& c);

 private:
  const Program& program_;
  std::vector<Value> params_;
  Date as_of_;
  std::vector<DecisionResult> results_;
  RecordPtr visible_;              // the case being decided, as of as_of_
  std::optional<EvalContext> cx_;  // reused from case to case
  // Conditions as compact code: the program's, or one of our own for a program without.
  std::shared_ptr<const ScalarCode> code_;
  std::vector<uint8_t> settled_;  // per decision, for this case
  std::optional<ScalarRunner> runner_;
  BareProbe probe_;
  std::optional<Settle<BareProbe>> settle_;  // its scratch lives from case to case
  bool dated_ = false;  // the schema has `dated` lists: cases are seen as of as_of_
};

}  // namespace koers
