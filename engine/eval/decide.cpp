// The settling rules of evaluator.cpp, without the explanation: see the comment at its top.
#include "eval/decide.h"

#include <algorithm>

#include "data/case_loader.h"
#include "eval/context.h"
#include "eval/logic.h"

namespace koers {

namespace {

using Status = DecisionResult::Status;

// Whether a rule holds, with the fields it lacks when that is unknown (the slow path).
Value condition(const CompiledRule& rule, EvalContext& cx) {
  Value holds = rule.when ? cx.eval(*rule.when) : Value{true};
  for (const auto& u : rule.unless) {
    if (logic::truth(holds) == logic::Truth::no) break;
    holds = logic::and_(holds, logic::not_(cx.eval(u)));
  }
  return holds;
}

}  // namespace

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
  for (auto& r : results_) {
    r.status = Status::unknown;  // `value` is only read when decided: settle sets it then
    r.missing.clear();
  }
  std::fill(settled_.begin(), settled_.end(), 0);
  runner_->reset(cx, *visible_, program_.defines.size(), results_, settled_);
  for (int index : program_.decision_order) {
    settle(static_cast<size_t>(index), cx);
    cx.set_decision(index, results_[static_cast<size_t>(index)]);
    settled_[static_cast<size_t>(index)] = 1;
  }
  return results_;
}

void Decider::settle(size_t index, EvalContext& cx) {
  const CompiledDecision& dec = program_.decisions[index];
  DecisionResult& r = results_[index];
  // Unknown: decisions that read this one see the fields it lacks (as in evaluate).
  auto unknown = [&](const Value& why) {
    r.status = Status::unknown;
    if (why.is_missing()) r.missing = why.missing().fields;
  };
  if (dec.applies_when) {
    Scalar fast = runner_->run(code_->applies(index));
    if (fast.kind == Scalar::Kind::missing) return unknown(cx.eval(*dec.applies_when));
    if (fast.is_false()) {
      r.status = Status::not_applicable;
      return;
    }
  }
  for (size_t q = 0; q < dec.requirements.size(); ++q) {
    Scalar fast = runner_->run(code_->requirements(index)[q]);
    if (fast.kind == Scalar::Kind::missing) return unknown(cx.eval(dec.requirements[q].condition));
    if (fast.is_false()) return unknown(Value::missing_field(dec.requirements[q].missing_field));
  }
  const bool first = dec.settle == ast::SettleMode::first;
  concluding_.clear();
  Value unknown_fields{NoneValue{}};  // the union of what unknown rules lack (unique, collect)
  bool some_unknown = false;
  for (int ri : dec.rules) {
    const CompiledRule& rule = program_.rules[static_cast<size_t>(ri)];
    Scalar fast_holds = runner_->rule_holds(static_cast<size_t>(ri));
    if (fast_holds.kind == Scalar::Kind::missing) {
      Value holds = condition(rule, cx);
      if (first && concluding_.empty()) return unknown(holds);
      unknown_fields = unknown_fields.is_missing() ? logic::and_(unknown_fields, holds) : holds;
      some_unknown = true;
      continue;
    }
    if (!fast_holds.is_true()) continue;
    const CExpr* value_expr = nullptr;
    for (const auto& conclusion : rule.conclusions) {
      if (conclusion.decision == static_cast<int>(index)) value_expr = &conclusion.value;
    }
    Value value = cx.eval(*value_expr);
    if (value.is_missing()) {
      if (first) return unknown(value);
      unknown_fields = unknown_fields.is_missing() ? logic::and_(unknown_fields, value) : value;
      some_unknown = true;
      continue;
    }
    if (first) {  // the first rule that holds decides: no list of candidates needed
      r.status = Status::decided;
      r.value = std::move(value);
      return;
    }
    const auto* e = std::get_if<EnumValue>(&value.v);
    concluding_.emplace_back(e ? e->index : 0, std::move(value));
  }
  if (some_unknown) return unknown(unknown_fields);
  if (dec.settle == ast::SettleMode::unique && concluding_.size() > 1) {
    r.status = Status::unknown;  // evaluate() reports this conflict as error R501
    return;
  }
  if (concluding_.empty()) {
    if (dec.settle == ast::SettleMode::collect && !dec.otherwise) {
      r.status = Status::decided;
      r.value = Value{std::make_shared<const std::vector<Value>>()};
      return;
    }
    if (!dec.otherwise) {
      r.status = Status::unknown;
      return;
    }
    Value value = cx.eval(*dec.otherwise);
    if (value.is_missing()) return unknown(value);
    r.status = Status::decided;
    r.value = std::move(value);
    return;
  }
  r.status = Status::decided;
  if (dec.settle != ast::SettleMode::collect) {
    r.value = std::move(concluding_.front().second);
    return;
  }
  // Collect: the concluded values in the enum's order, each once.
  std::stable_sort(concluding_.begin(), concluding_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Value> values;
  values.reserve(concluding_.size());
  for (size_t i = 0; i < concluding_.size(); ++i) {
    if (i > 0 && concluding_[i].first == concluding_[i - 1].first) continue;
    values.push_back(std::move(concluding_[i].second));
  }
  r.value = Value{std::make_shared<const std::vector<Value>>(std::move(values))};
}

}  // namespace koers
