#pragma once
// A case with its advice settled, ready to evaluate any part of the rules against it (with every
// decision's outcome in place): what explanations and coverage need.
#include "compile/program.h"
#include "eval/advice.h"
#include "eval/context.h"
#include "policy/policy.h"

namespace koers {

class SettledCase {
 public:
  SettledCase(const Program& program, const Policy& policy, const Case& c, Date as_of);
  SettledCase(const SettledCase&) = delete;
  SettledCase& operator=(const SettledCase&) = delete;

  const Advice& advice() const { return advice_; }
  Value eval(const CExpr& e) { return cx_.eval(e); }
  // The rule's `when` and `unless` together, three-valued.
  Value holds(const CompiledRule& rule);

 private:
  Advice advice_;
  Case visible_;
  EvalContext cx_;
};

}  // namespace koers
