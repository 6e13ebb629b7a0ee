#pragma once
// How one decision is settled: the one algorithm, for the advice with its explanation
// (evaluator.cpp) and for the bare outcomes (decide.cpp). What differs between the two is only
// what they record along the way, so that is a probe (a template parameter: its calls inline, and
// the bare probe's empty ones cost nothing).
//
// A decision is settled in dependency order:
//   1. `applies when` false -> not_applicable; unknown -> unknown.
//   2. a `require` false -> unknown, naming its field; unknown -> unknown.
//   3. its rules by priority. `first`: a false rule passes to the next, the first true one decides,
//      an unknown one before any true one makes the decision unknown; the values of the unknown
//      rules up to the first true one are what it can still be (possible_values.h), and their
//      fields are all asked at once. `unique`: exactly one rule may conclude. `collect`: every
//      concluding rule's value, in the enum's order, each once.
//   4. no rule concluded: `otherwise`, or unknown (`collect`: the empty list).
// Every condition is tried in the compact code first (no allocation) and, only when that is
// unknown, evaluated again in full: the full evaluation names the missing fields and may still
// decide it (a comparison with an unknown decision narrowed to its possible values).
#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"
#include "eval/context.h"
#include "eval/logic.h"
#include "eval/possible_values.h"
#include "eval/scalar_code.h"

namespace koers {

// A rule that concluded the decision, with the value it concluded.
struct Concluded {
  int key;  // the enum member's index (the order of `collect`), 0 for other values
  const CompiledRule* rule;
  Value value;
};

// The probe of the bare outcomes: records nothing.
struct BareProbe {
  // The decision is unknown with `r.missing` set; `rules` are the unknown rules that made it so
  // (the first needs the fields), empty when the decision itself lacks them.
  void unknown(const CompiledDecision&, DecisionResult&, std::span<const CompiledRule* const>) {}
  void requirement_failed(const CompiledDecision::Requirement&, DecisionResult&) {}
  void not_applicable(const CompiledDecision&, DecisionResult&) {}
  void conflict(const CompiledDecision&, std::span<const Concluded>, DecisionResult&) {}
  void no_rule_fits(const CompiledDecision&, size_t /*index*/, DecisionResult&) {}
  void otherwise(const CompiledDecision&, DecisionResult&) {}
  void concluded(std::span<const Concluded>, DecisionResult&) {}
};

template <class Probe>
class Settle {
 public:
  // `runner` evaluates `code`, the program's compact code; both null to try conditions with the
  // context's Scalar evaluation instead (a program built without compact code).
  Settle(const Program& program, EvalContext& cx, ScalarRunner* runner, const ScalarCode* code,
         Probe& probe)
      : program_(program), cx_(cx), runner_(runner), code_(code), probe_(probe) {}

  // Settles decision `index` into `r` (whose other decisions' results the context already has).
  // Sets status, missing, possible and note, and the value when decided (only then is it read: a
  // result reused from case to case keeps its last value otherwise, which costs nothing to keep);
  // the probe adds what it records.
  void decision(size_t index, DecisionResult& r) {
    using logic::Truth;
    const CompiledDecision& dec = program_.decisions[index];
    r.status = DecisionResult::Status::unknown;
    r.missing.clear();
    r.possible = 0;
    r.note.clear();
    Value slow;
    if (dec.applies_when) {
      switch (applies(index, dec, slow)) {
        case Truth::unknown:
          return unknown(dec, r, slow);
        case Truth::no:
          r.status = DecisionResult::Status::not_applicable;
          probe_.not_applicable(dec, r);
          return;
        case Truth::yes:
          break;
      }
    }
    for (size_t q = 0; q < dec.requirements.size(); ++q) {
      switch (required(index, dec, q, slow)) {
        case Truth::unknown:
          return unknown(dec, r, slow);
        case Truth::no:
          r.missing.push_back(dec.requirements[q].missing_field);
          probe_.requirement_failed(dec.requirements[q], r);
          probe_.unknown(dec, r, {});
          return;
        case Truth::yes:
          break;
      }
    }
    rules(index, dec, r, slow);
  }

  // Whether a rule holds: known, or unknown with the fields that would decide it.
  Value rule_holds(size_t rule_index) {
    Value slow;
    const logic::Truth t = rule(rule_index, slow);
    return t == logic::Truth::unknown ? slow : Value{t == logic::Truth::yes};
  }

 private:
  using Truth = logic::Truth;

  // A condition tried in the compact code, evaluated in full (into `slow`) when that is unknown.
  Truth condition(Scalar fast, const CExpr& expr, Value& slow) {
    const Truth t = logic::truth(fast);
    if (t != Truth::unknown) return t;
    slow = cx_.eval(expr);
    return logic::truth(slow);
  }

  Truth applies(size_t index, const CompiledDecision& dec, Value& slow) {
    const Scalar fast =
        runner_ != nullptr ? runner_->run(code_->applies(index)) : cx_.scalar(*dec.applies_when);
    return condition(fast, *dec.applies_when, slow);
  }

  Truth required(size_t index, const CompiledDecision& dec, size_t q, Value& slow) {
    const CExpr& expr = dec.requirements[q].condition;
    const Scalar fast =
        runner_ != nullptr ? runner_->run(code_->requirements(index)[q]) : cx_.scalar(expr);
    return condition(fast, expr, slow);
  }

  // Kept small so that it inlines into the loop over the rules: the rare paths are apart.
  Truth rule(size_t rule_index, Value& slow) {
    const Truth fast = runner_ != nullptr ? logic::truth(runner_->rule_holds(rule_index))
                                          : rule_without_code(rule_index);
    if (fast != Truth::unknown) [[likely]] {
      return fast;
    }
    return rule_in_full(rule_index, slow);
  }

  [[gnu::noinline]] Truth rule_without_code(size_t rule_index) {
    const CompiledRule& rule = program_.rules[rule_index];
    return logic::rule_truth(rule.when ? logic::truth(cx_.scalar(*rule.when)) : Truth::yes,
                             rule.unless.size(),
                             [&](size_t i) { return logic::truth(cx_.scalar(rule.unless[i])); });
  }

  // The rule evaluated again in full, naming the fields that would decide it.
  [[gnu::noinline]] Truth rule_in_full(size_t rule_index, Value& slow) {
    slow =
        logic::rule_holds(program_.rules[rule_index], [&](const CExpr& e) { return cx_.eval(e); });
    return logic::truth(slow);
  }

  // Unknown because the decision itself lacks what `why` lacks.
  void unknown(const CompiledDecision& dec, DecisionResult& r, const Value& why) {
    if (why.is_missing()) r.missing = why.missing().fields;  // sorted, each once
    probe_.unknown(dec, r, {});
  }

  void add_fields(const Value& why) {
    if (!why.is_missing()) return;
    const auto& fields = why.missing().fields;
    unknown_fields_.insert(unknown_fields_.end(), fields.begin(), fields.end());
  }

  static const CExpr& conclusion_for(const CompiledRule& rule, size_t index) {
    for (const auto& c : rule.conclusions) {
      if (c.decision == static_cast<int>(index)) return c.value;
    }
    throw std::logic_error("rule " + rule.id + " is listed for a decision it does not conclude");
  }

  void rules(size_t index, const CompiledDecision& dec, DecisionResult& r, Value& slow) {
    const bool first = dec.settle == ast::SettleMode::first;
    const bool collect = dec.settle == ast::SettleMode::collect;
    concluding_.clear();
    unknown_fields_.clear();
    unknown_rules_.clear();
    PossibleValues possible;  // `first`: what an unknown outcome can still be
    for (int ri : dec.rules) {
      const CompiledRule& rule = program_.rules[static_cast<size_t>(ri)];
      const CExpr& value_expr = conclusion_for(rule, index);
      const Truth holds = this->rule(static_cast<size_t>(ri), slow);
      if (holds == Truth::unknown) {
        // `first`: an unknown rule might conclude, so the outcome is unknown, but later rules
        // are still tried up to the first that holds: together they say which values remain.
        if (first) possible.add(cx_.eval(value_expr));
        add_fields(slow);
        unknown_rules_.push_back(&rule);
        continue;
      }
      if (holds == Truth::no) continue;
      Value value = cx_.eval(value_expr);
      if (value.is_missing()) {
        add_fields(value);
        unknown_rules_.push_back(&rule);
        if (first) {
          possible.add(value);
          possible.close();
          break;
        }
        continue;
      }
      if (first && !unknown_rules_.empty()) {
        possible.add(value);
        possible.close();
        break;
      }
      const auto* member = std::get_if<EnumValue>(&value.v);
      concluding_.push_back({member != nullptr ? member->index : 0, &rule, std::move(value)});
      if (first) break;
    }

    if (!unknown_rules_.empty()) {
      // `unique` and `collect` need every rule known: an unknown one might conclude too.
      std::sort(unknown_fields_.begin(), unknown_fields_.end());
      unknown_fields_.erase(std::unique(unknown_fields_.begin(), unknown_fields_.end()),
                            unknown_fields_.end());
      r.missing.assign(unknown_fields_.begin(), unknown_fields_.end());
      if (first) r.possible = possible.finish(cx_, dec);
      probe_.unknown(dec, r, unknown_rules_);
      return;
    }
    if (dec.settle == ast::SettleMode::unique && concluding_.size() > 1) {
      probe_.conflict(dec, concluding_, r);
      return;
    }
    if (concluding_.empty()) {
      if (!dec.otherwise) {
        if (collect) {
          r.status = DecisionResult::Status::decided;
          r.value = Value{std::make_shared<const std::vector<Value>>()};
          return;
        }
        // The guideline: "otherwise unknown, with the facts that would decide it".
        probe_.no_rule_fits(dec, index, r);
        return;
      }
      Value value = cx_.eval(*dec.otherwise);
      if (value.is_missing()) return unknown(dec, r, value);
      r.status = DecisionResult::Status::decided;
      r.value = std::move(value);
      probe_.otherwise(dec, r);
      return;
    }
    r.status = DecisionResult::Status::decided;
    if (!collect) {
      r.value = std::move(concluding_.front().value);
    } else {
      // The concluded values in the enum's order, each once; rules that conclude the same value
      // keep their priority order.
      std::stable_sort(concluding_.begin(), concluding_.end(),
                       [](const Concluded& a, const Concluded& b) { return a.key < b.key; });
      std::vector<Value> values;
      values.reserve(concluding_.size());
      for (size_t i = 0; i < concluding_.size(); ++i) {
        if (i > 0 && concluding_[i].key == concluding_[i - 1].key) continue;
        values.push_back(std::move(concluding_[i].value));  // the probe needs only the rules
      }
      r.value = Value{std::make_shared<const std::vector<Value>>(std::move(values))};
    }
    probe_.concluded(concluding_, r);
  }

  const Program& program_;
  EvalContext& cx_;
  ScalarRunner* runner_;
  const ScalarCode* code_;
  Probe& probe_;
  // Scratch, kept from decision to decision so that settling allocates nothing once warm.
  std::vector<Concluded> concluding_;
  std::vector<std::string> unknown_fields_;
  std::vector<const CompiledRule*> unknown_rules_;
};

}  // namespace koers
