#include "eval/scalar_code.h"

#include <algorithm>

#include "eval/checked_arithmetic.h"
#include "eval/logic.h"

namespace koers {

namespace {

using Kind = Scalar::Kind;

bool has_scalar_form(const Value& v) {
  return !std::holds_alternative<std::string>(v.v) && !std::holds_alternative<ListPtr>(v.v) &&
         !std::holds_alternative<RecordPtr>(v.v) && !std::holds_alternative<Duration>(v.v);
}

// Whether an unknown value of `e` may be one the full evaluation still knows something of: a
// decision narrowed to its possible values, read directly or through a define.
bool may_be_narrowed(const CExpr& e) {
  if (e.op == Op::decision || e.op == Op::define) return true;
  if (e.filter && may_be_narrowed(*e.filter)) return true;
  return std::any_of(e.args.begin(), e.args.end(), may_be_narrowed);
}

}  // namespace

ScalarCode::ScalarCode(const Program& program) {
  nodes_.reserve(1024);
  for (const auto& d : program.defines) define_roots_.push_back(compile(d.value));
  for (const auto& rule : program.rules) {
    when_.push_back(rule.when ? compile(*rule.when) : -1);
    unless_.emplace_back();
    for (const auto& u : rule.unless) unless_.back().push_back(compile(u));
  }
  for (const auto& dec : program.decisions) {
    applies_.push_back(dec.applies_when ? compile(*dec.applies_when) : -1);
    require_.emplace_back();
    for (const auto& req : dec.requirements) require_.back().push_back(compile(req.condition));
  }
}

Scalar ScalarRunner::rule_holds(size_t index) {
  const int32_t when = code_.when(index);
  const auto& unless = code_.unless(index);
  return logic::scalar_of(
      logic::rule_truth(when >= 0 ? logic::truth(run(when)) : logic::Truth::yes, unless.size(),
                        [&](size_t i) { return logic::truth(run(unless[i])); }));
}

int32_t ScalarCode::compile(const CExpr& e) {
  return add(e);
}

// A stored value reached by following fields from the case root (no list projection).
bool ScalarCode::locatable(const CExpr& e) const {
  if (e.op == Op::root_field || e.op == Op::param) return true;
  return e.op == Op::field && !e.args[0].type.is_list() && locatable(e.args[0]);
}

int32_t ScalarCode::add(const CExpr& e) {
  Node n;
  n.op_code = static_cast<uint8_t>(e.op);
  n.slot = e.slot;
  auto child = [&](const CExpr& c) { return add(c); };
  auto emit = [&] {
    nodes_.push_back(n);
    sources_.push_back(&e);
    return static_cast<int32_t>(nodes_.size() - 1);
  };
  const OpInfo& info = op_info(e.op);
  // What the compact code cannot evaluate itself falls back to the context on the same node.
  if (!info.scalar) {
    n.fallback = true;
    return emit();
  }
  switch (e.op) {
    case Op::constant:
      if (!has_scalar_form(e.value)) {
        n.fallback = true;
        break;
      }
      n.slot = static_cast<int32_t>(constants_.size());
      constants_.push_back(EvalContext::to_scalar(e.value));
      break;
    case Op::root_field:
    case Op::param:
    case Op::field:
      if (!locatable(e)) n.fallback = true;
      if (e.op == Op::field && !n.fallback) n.a = child(e.args[0]);
      break;
    case Op::count:
    case Op::item:
      // Over a list reached without evaluating anything; `where` needs the full evaluation.
      if (e.filter || !locatable(e.args[0])) {
        n.fallback = true;
        break;
      }
      n.a = child(e.args[0]);
      if (e.op == Op::item) n.b = child(e.args[1]);
      break;
    case Op::min:
    case Op::max: {
      const CExpr& xs = e.args[0];
      if (xs.op == Op::list) {
        std::vector<int32_t> items;
        for (const auto& x : xs.args) items.push_back(child(x));
        n.a = static_cast<int32_t>(lists_.size());
        n.b = static_cast<int32_t>(items.size());
        lists_.insert(lists_.end(), items.begin(), items.end());
      } else if (locatable(xs)) {
        n.a = child(xs);
        n.b = -1;
      } else {
        n.fallback = true;
      }
      break;
    }
    case Op::is_known:
    case Op::is_missing:
      n.a = child(e.args[0]);
      n.slot = may_be_narrowed(e.args[0]) ? 1 : 0;
      break;
    default:
      // The rest take their operands as written: none (as_of, a define, a decision), one
      // (not, -x, is none) or two (and, +, ==).
      if (info.arity >= 1) n.a = child(e.args[0]);
      if (info.arity >= 2) n.b = child(e.args[1]);
      break;
  }
  return emit();
}

const Value* ScalarRunner::locate(int32_t i) {
  const ScalarCode::Node& n = nodes_[i];
  const Op op = ScalarCode::op(n);
  if (op == Op::root_field) return &root_->fields[static_cast<size_t>(n.slot)];
  if (op == Op::param) return &params_[static_cast<size_t>(n.slot)];
  const Value* object = locate(n.a);
  if (object == nullptr) return nullptr;
  const auto* rec = std::get_if<RecordPtr>(&object->v);
  // A field of an absent record has its own absent value: the context knows it.
  return rec != nullptr ? &(*rec)->fields[static_cast<size_t>(n.slot)] : nullptr;
}

Scalar ScalarRunner::run(int32_t i) {
  const ScalarCode::Node& n = nodes_[i];
  if (n.fallback) return cx_->scalar(code_.source(i));
  const Op op = ScalarCode::op(n);
  switch (op) {
    case Op::constant:
      return code_.constant(n.slot);
    case Op::as_of:
      return {Kind::date, cx_->as_of().days};
    case Op::root_field:
    case Op::param:
    case Op::field: {
      const Value* v = locate(i);
      return v != nullptr ? EvalContext::to_scalar(*v) : cx_->scalar(code_.source(i));
    }
    case Op::define: {
      const auto d = static_cast<size_t>(n.slot);
      if (!define_known_[d]) {
        defines_[d] = run(code_.define_root(d));
        define_known_[d] = 1;
      }
      return defines_[d];
    }
    case Op::decision: {
      const auto d = static_cast<size_t>(n.slot);
      if (!(*settled_)[d]) return Scalar::missing();
      const DecisionResult& r = (*decisions_)[d];
      switch (r.status) {
        case DecisionResult::Status::decided:
          return EvalContext::to_scalar(r.value);
        case DecisionResult::Status::not_applicable:
          return Scalar::none();
        case DecisionResult::Status::unknown:
          return Scalar::missing();
      }
      return Scalar::none();
    }
    case Op::not_:
      return logic::scalar_of(logic::not3(logic::truth(run(n.a))));
    case Op::and_: {
      const logic::Truth a = logic::truth(run(n.a));
      if (logic::decides_and(a)) return Scalar::of_bool(false);
      return logic::scalar_of(logic::and3(a, logic::truth(run(n.b))));
    }
    case Op::or_: {
      const logic::Truth a = logic::truth(run(n.a));
      if (logic::decides_or(a)) return Scalar::of_bool(true);
      return logic::scalar_of(logic::or3(a, logic::truth(run(n.b))));
    }
    case Op::neg: {
      Scalar a = run(n.a);
      if (a.kind != Kind::integer) return a;
      const auto negated = checked_negate(a.v);
      return negated ? Scalar{Kind::integer, *negated} : Scalar::none();
    }
    case Op::is_known:
    case Op::is_missing:
    case Op::is_none: {
      Scalar a = run(n.a);
      if (a.kind == Kind::missing) {
        if (op == Op::is_none) return a;  // passes the unknown on
        // As in EvalContext::scalar: only the full evaluation can tell `is known` and `is
        // missing` of an unknown that it may know, one that reads a decision (slot 1, see add).
        if (n.slot != 0) return EvalContext::to_scalar(cx_->eval(code_.source(i)));
        return Scalar::of_bool(op == Op::is_missing);
      }
      if (op == Op::is_known) return Scalar::of_bool(true);
      if (op == Op::is_missing) return Scalar::of_bool(false);
      return Scalar::of_bool(a.kind == Kind::none);
    }
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div: {
      Scalar a = run(n.a);
      Scalar b = run(n.b);
      if (a.kind == Kind::missing || b.kind == Kind::missing) return Scalar::missing();
      if (a.kind == Kind::none || b.kind == Kind::none) return Scalar::none();
      if (a.kind != Kind::integer || b.kind != Kind::integer) return cx_->scalar(code_.source(i));
      const auto result = checked_arithmetic(op, a.v, b.v);
      return result ? Scalar{Kind::integer, *result} : Scalar::none();
    }
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      Scalar a = run(n.a);
      Scalar b = run(n.b);
      if (a.kind == Kind::missing || b.kind == Kind::missing) return Scalar::missing();
      if (a.kind == Kind::none || b.kind == Kind::none) {
        const bool both = a.kind == Kind::none && b.kind == Kind::none;
        if (op == Op::eq) return Scalar::of_bool(both);
        if (op == Op::ne) return Scalar::of_bool(!both);
        return Scalar::of_bool(false);
      }
      if (a.kind == Kind::other || b.kind == Kind::other) return cx_->scalar(code_.source(i));
      if (a.kind != b.kind) return Scalar::of_bool(false);
      switch (op) {
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
    case Op::count: {
      const Value* list = locate(n.a);
      if (list == nullptr) return cx_->scalar(code_.source(i));
      if (const auto* items = std::get_if<ListPtr>(&list->v)) {
        return {Kind::integer, static_cast<int64_t>((*items)->size())};
      }
      return cx_->scalar(code_.source(i));
    }
    case Op::item: {
      const Value* list = locate(n.a);
      const auto* items = list != nullptr ? std::get_if<ListPtr>(&list->v) : nullptr;
      if (items == nullptr) return cx_->scalar(code_.source(i));
      Scalar index = run(n.b);
      if (index.kind == Kind::missing) return Scalar::missing();
      if (index.kind != Kind::integer) return Scalar::none();
      const auto size = static_cast<int64_t>((*items)->size());
      const int64_t k = index.v < 0 ? index.v + size : index.v;
      if (k < 0 || k >= size) return Scalar::none();
      return EvalContext::to_scalar((**items)[static_cast<size_t>(k)]);
    }
    case Op::min:
    case Op::max: {
      const bool is_min = op == Op::min;
      Scalar best = Scalar::none();
      bool unknown = false;
      auto take = [&](Scalar x) {
        if (x.kind == Kind::missing) unknown = true;
        if (x.kind != Kind::integer && x.kind != Kind::date) return;
        if (best.kind == Kind::none || (is_min ? x.v < best.v : x.v > best.v)) best = x;
      };
      if (n.b >= 0) {
        const int32_t* entries = code_.lists().data() + n.a;
        for (int32_t k = 0; k < n.b; ++k) {
          Scalar x = run(entries[k]);
          if (x.kind == Kind::other) return cx_->scalar(code_.source(i));
          take(x);
        }
      } else {
        const Value* list = locate(n.a);
        const auto* items = list != nullptr ? std::get_if<ListPtr>(&list->v) : nullptr;
        if (items == nullptr) return cx_->scalar(code_.source(i));
        for (const Value& item : **items) take(EvalContext::to_scalar(item));
      }
      return unknown ? Scalar::missing() : best;
    }
    default:
      return cx_->scalar(code_.source(i));
  }
}

}  // namespace koers
