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
  Value h = rule.when ? cx_.eval(*rule.when) : Value{true};
  for (const auto& u : rule.unless) h = logic::and_(h, logic::not_(cx_.eval(u)));
  return h;
}

}  // namespace koers
