// The decisions of a case through the one settling algorithm (settle.h), recording nothing.
#include "eval/decide.h"

#include <algorithm>

#include "data/case_loader.h"

namespace koers {

Decider::Decider(const Program& program, const Policy& policy, Date as_of)
    : program_(program),
      params_(parameters_on(program, policy, as_of)),
      as_of_(as_of),
      results_(program.decisions.size()),
      code_(program.scalar_code ? program.scalar_code
                                : std::make_shared<const ScalarCode>(program)),
      settled_(program.decisions.size()) {
  runner_.emplace(*code_, params_);
  for (const auto& rd : program.schema.records) {
    for (const auto& fd : rd.fields) dated_ = dated_ || fd.dated;
  }
}

const std::vector<DecisionResult>& Decider::decide(const Case& c) {
  visible_ = dated_ ? root_as_of(program_.schema, c.root, as_of_) : c.root;
  if (!cx_) {
    cx_.emplace(program_, *visible_, params_, as_of_, true);
  } else {
    cx_->reset(*visible_);
  }
  EvalContext& cx = *cx_;
  if (!settle_) settle_.emplace(program_, cx, &*runner_, code_.get(), probe_);
  std::fill(settled_.begin(), settled_.end(), 0);
  runner_->reset(cx, *visible_, program_.defines.size(), results_, settled_);
  for (int index : program_.decision_order) {
    settle_->decision(static_cast<size_t>(index), results_[static_cast<size_t>(index)]);
    cx.set_decision(index, results_[static_cast<size_t>(index)]);
    settled_[static_cast<size_t>(index)] = 1;
  }
  return results_;
}

}  // namespace koers
