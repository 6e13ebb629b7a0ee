// The allocation-free form of evaluation: conditions and numbers over case fields, defines and
// parameters as Scalars. Same results as `eval` (tests compare Decider with evaluate), computed
// without building Values; anything outside its reach is handed to `eval`.
#include <algorithm>

#include "eval/checked_arithmetic.h"
#include "eval/context.h"
#include "eval/logic.h"

namespace koers {

namespace {

using Kind = Scalar::Kind;

bool orderable(Kind k) {
  return k == Kind::boolean || k == Kind::integer || k == Kind::date || k == Kind::enumeration;
}

}  // namespace

// A stored value reached without evaluating or copying anything (a case field, a field of a
// stored record, a parameter, a constant, a `where` element), or nullptr.
const Value* EvalContext::peek(const CExpr& e) const {
  switch (e.op) {
    case Op::constant:
      return &e.value;
    case Op::root_field:
      return &root_->fields[static_cast<size_t>(e.slot)];
    case Op::param:
      return &params_[static_cast<size_t>(e.slot)];
    case Op::element:
      return elements_[elements_.size() - 1 - static_cast<size_t>(e.depth)];
    case Op::field: {
      const Value* object = peek(e.args[0]);
      if (object == nullptr) return nullptr;
      const auto* rec = std::get_if<RecordPtr>(&object->v);
      return rec != nullptr ? &(*rec)->fields[static_cast<size_t>(e.slot)] : nullptr;
    }
    default:
      return nullptr;
  }
}

Scalar EvalContext::scalar(const CExpr& e) {
  switch (e.op) {
    case Op::constant:
      return to_scalar(e.value);
    case Op::as_of:
      return {Kind::date, as_of_.days};
    case Op::root_field:
    case Op::param:
    case Op::element:
    case Op::field: {
      if (e.op == Op::field && e.args[0].type.is_list()) break;  // a projection: a list
      if (const Value* v = peek(e)) return to_scalar(*v);
      Value scratch;
      return to_scalar(ref(e, scratch));
    }
    case Op::define: {
      const auto i = static_cast<size_t>(e.slot);
      if (!scalar_define_known_[i]) {
        scalar_defines_[i] = scalar(program_.defines[i].value);
        scalar_define_known_[i] = true;
      }
      return scalar_defines_[i];
    }
    case Op::decision: {
      const DecisionResult* d = decisions_[static_cast<size_t>(e.slot)];
      if (d == nullptr) return Scalar::missing();
      switch (d->status) {
        case DecisionResult::Status::decided:
          return to_scalar(d->value);
        case DecisionResult::Status::not_applicable:
          return Scalar::none();
        case DecisionResult::Status::unknown:
          return Scalar::missing();
      }
      return Scalar::none();
    }
    case Op::not_:
      return logic::scalar_of(logic::not3(logic::truth(scalar(e.args[0]))));
    case Op::and_: {
      const logic::Truth a = logic::truth(scalar(e.args[0]));
      if (logic::decides_and(a)) return Scalar::of_bool(false);
      return logic::scalar_of(logic::and3(a, logic::truth(scalar(e.args[1]))));
    }
    case Op::or_: {
      const logic::Truth a = logic::truth(scalar(e.args[0]));
      if (logic::decides_or(a)) return Scalar::of_bool(true);
      return logic::scalar_of(logic::or3(a, logic::truth(scalar(e.args[1]))));
    }
    case Op::neg: {
      Scalar a = scalar(e.args[0]);
      if (a.kind != Kind::integer) return a;
      const auto negated = checked_negate(a.v);
      return negated ? Scalar{Kind::integer, *negated} : Scalar::none();
    }
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div: {
      Scalar a = scalar(e.args[0]);
      Scalar b = scalar(e.args[1]);
      if (a.kind == Kind::missing || b.kind == Kind::missing) return Scalar::missing();
      if (a.kind == Kind::none || b.kind == Kind::none) return Scalar::none();
      if (a.kind != Kind::integer || b.kind != Kind::integer) break;
      const auto result = checked_arithmetic(e.op, a.v, b.v);
      return result ? Scalar{Kind::integer, *result} : Scalar::none();
    }
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return scalar_compare(e);
    case Op::is_known:
    case Op::is_missing:
    case Op::is_none: {
      Scalar a = scalar(e.args[0]);
      if (a.kind == Kind::missing) {
        // A Scalar unknown carries no possible values, so it may be one that the full evaluation
        // knows (a comparison with a narrowed `first` decision). `is none` passes an unknown on;
        // `is known` and `is missing` would turn it into the opposite answer: ask `eval`.
        if (e.op == Op::is_none) return a;
        break;
      }
      if (e.op == Op::is_known) return Scalar::of_bool(true);
      if (e.op == Op::is_missing) return Scalar::of_bool(false);
      return Scalar::of_bool(a.kind == Kind::none);
    }
    case Op::count: {
      if (e.filter) break;
      if (const Value* list = peek(e.args[0])) {
        if (const auto* items = std::get_if<ListPtr>(&list->v)) {
          return {Kind::integer, static_cast<int64_t>((*items)->size())};
        }
      }
      Value scratch;
      const Value& list = ref(e.args[0], scratch);
      if (list.is_missing()) return Scalar::missing();
      if (list.is_none()) return {Kind::integer, 0};
      return {Kind::integer, static_cast<int64_t>(list.as_list().size())};
    }
    case Op::item: {
      Value scratch;
      const Value* stored = peek(e.args[0]);
      const Value& list = stored != nullptr ? *stored : ref(e.args[0], scratch);
      Scalar index = scalar(e.args[1]);
      if (list.is_missing() || index.kind == Kind::missing) return Scalar::missing();
      if (list.is_none() || index.kind == Kind::none) return Scalar::none();
      const auto& items = list.as_list();
      const auto size = static_cast<int64_t>(items.size());
      int64_t i = index.v < 0 ? index.v + size : index.v;
      if (i < 0 || i >= size) return Scalar::none();
      return to_scalar(items[static_cast<size_t>(i)]);
    }
    case Op::min:
    case Op::max:
      return scalar_min_max(e);
    default:
      break;
  }
  return to_scalar(eval(e));
}

Scalar EvalContext::scalar_compare(const CExpr& e) {
  Scalar a = scalar(e.args[0]);
  Scalar b = scalar(e.args[1]);
  if (a.kind == Kind::missing || b.kind == Kind::missing) return Scalar::missing();
  if (a.kind == Kind::none || b.kind == Kind::none) {
    const bool both = a.kind == Kind::none && b.kind == Kind::none;
    if (e.op == Op::eq) return Scalar::of_bool(both);
    if (e.op == Op::ne) return Scalar::of_bool(!both);
    return Scalar::of_bool(false);
  }
  if (a.kind == Kind::other || b.kind == Kind::other) return to_scalar(compare(e));  // texts
  if (a.kind != b.kind || !orderable(a.kind)) return Scalar::of_bool(false);
  switch (e.op) {
    case Op::eq:
      return Scalar::of_bool(a.v == b.v);
    case Op::ne:
      return Scalar::of_bool(a.v != b.v);
    case Op::lt:
      return Scalar::of_bool(a.v < b.v);
    case Op::le:
      return Scalar::of_bool(a.v <= b.v);
    case Op::gt:
      return Scalar::of_bool(a.v > b.v);
    default:
      return Scalar::of_bool(a.v >= b.v);
  }
}

// min/max of numbers or dates, as `aggregate`: unknown when an entry is, none when all are none.
Scalar EvalContext::scalar_min_max(const CExpr& e) {
  const bool is_min = e.op == Op::min;
  Scalar best = Scalar::none();
  bool unknown = false;
  auto take = [&](Scalar x) {
    if (x.kind == Kind::missing) unknown = true;
    if (x.kind != Kind::integer && x.kind != Kind::date) return;
    if (best.kind == Kind::none || (is_min ? x.v < best.v : x.v > best.v)) best = x;
  };
  const CExpr& xs = e.args[0];
  if (xs.op == Op::list) {  // min([a, b, c]): no list is built
    for (const auto& a : xs.args) {
      Scalar x = scalar(a);
      if (x.kind == Kind::other) return to_scalar(eval(e));
      take(x);
    }
  } else {
    Value scratch;
    const Value& list = ref(xs, scratch);
    if (list.is_missing()) return Scalar::missing();
    if (list.is_none()) return Scalar::none();
    for (const Value& item : list.as_list()) take(to_scalar(item));
  }
  return unknown ? Scalar::missing() : best;
}

}  // namespace koers
