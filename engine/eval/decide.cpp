// The settling rules of evaluator.cpp, without the explanation: see the comment at its top.
#include "eval/decide.h"

#include <algorithm>

#include "data/case_loader.h"
#include "eval/context.h"
#include "eval/logic.h"
#include "eval/possible_values.h"

namespace koers {

namespace {

using Status = DecisionResult::Status;
using logic::Truth;

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
    r.possible = 0;
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
  // A condition from the compact code, or (when that is unknown) evaluated again in full: the
  // full evaluation may still decide it (an unknown decision narrowed to its possible values).
  auto truth_of = [&](Scalar fast, const CExpr& expr, Value& slow) {
    if (fast.kind != Scalar::Kind::missing) return fast.is_true() ? Truth::yes : Truth::no;
    slow = cx.eval(expr);
    return logic::truth(slow);
  };
  Value slow;
  if (dec.applies_when) {
    switch (truth_of(runner_->run(code_->applies(index)), *dec.applies_when, slow)) {
      case Truth::unknown:
        return unknown(slow);
      case Truth::no:
        r.status = Status::not_applicable;
        return;
      case Truth::yes:
        break;
    }
  }
  for (size_t q = 0; q < dec.requirements.size(); ++q) {
    switch (truth_of(runner_->run(code_->requirements(index)[q]), dec.requirements[q].condition,
                     slow)) {
      case Truth::unknown:
        return unknown(slow);
      case Truth::no:
        return unknown(Value::missing_field(dec.requirements[q].missing_field));
      case Truth::yes:
        break;
    }
  }
  const bool first = dec.settle == ast::SettleMode::first;
  concluding_.clear();
  Value unknown_fields{NoneValue{}};  // the union of what unknown rules lack
  bool some_unknown = false;
  PossibleValues possible;  // `first`: what an unknown outcome can still be
  auto add_unknown = [&](const Value& why) {
    unknown_fields = unknown_fields.is_missing() ? logic::and_(unknown_fields, why) : why;
    some_unknown = true;
  };
  for (int ri : dec.rules) {
    const CompiledRule& rule = program_.rules[static_cast<size_t>(ri)];
    const CExpr* value_expr = nullptr;
    for (const auto& conclusion : rule.conclusions) {
      if (conclusion.decision == static_cast<int>(index)) value_expr = &conclusion.value;
    }
    Scalar fast_holds = runner_->rule_holds(static_cast<size_t>(ri));
    Truth holds = fast_holds.kind != Scalar::Kind::missing
                      ? (fast_holds.is_true() ? Truth::yes : Truth::no)
                      : logic::truth(slow = condition(rule, cx));
    if (holds == Truth::unknown) {
      if (first) possible.add(cx.eval(*value_expr));
      add_unknown(slow);
      continue;
    }
    if (holds == Truth::no) continue;
    Value value = cx.eval(*value_expr);
    if (value.is_missing()) {
      add_unknown(value);
      if (first) {
        possible.add(value);
        possible.close();
        break;
      }
      continue;
    }
    if (first && some_unknown) {
      possible.add(value);
      possible.close();
      break;
    }
    if (first) {  // the first rule that holds decides: no list of candidates needed
      r.status = Status::decided;
      r.value = std::move(value);
      return;
    }
    const auto* e = std::get_if<EnumValue>(&value.v);
    concluding_.emplace_back(e ? e->index : 0, std::move(value));
  }
  if (some_unknown) {
    unknown(unknown_fields);
    if (first) r.possible = possible.finish(cx, dec);
    return;
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
