#include "eval/settled_case.h"

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "eval/logic.h"

namespace koers {

SettledCase::SettledCase(const Program& program, const Policy& policy, const Case& c, Date as_of)
    : advice_(evaluate(program, policy, c, as_of)),
      visible_(case_as_of(program.schema, c, as_of)),
      cx_(program, *visible_.root, parameters_on(program, policy, as_of), as_of) {
  for (size_t i = 0; i < advice_.decisions.size(); ++i) {
    cx_.set_decision(static_cast<int>(i), advice_.decisions[i]);
  }
}

Value SettledCase::holds(const CompiledRule& rule) {
  return logic::rule_holds(rule, [&](const CExpr& e) { return cx_.eval(e); });
}

}  // namespace koers
