// Expression evaluation over the compiled form. Names are already slots; this file only computes.
// Unknown (Missing) flows through every operator and names the fields that would decide it.
#include <algorithm>

#include "data/case_loader.h"
#include "eval/checked_arithmetic.h"
#include "eval/context.h"
#include "eval/logic.h"

namespace koers {

namespace {

Value none() {
  return Value{NoneValue{}};
}

Value make_list(std::vector<Value> items) {
  return Value{std::make_shared<const std::vector<Value>>(std::move(items))};
}

// Orders two known scalars of the same type; nullopt when they cannot be ordered.
std::optional<int> order(const Value& a, const Value& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.v.index() != b.v.index()) return std::nullopt;
  if (auto* x = std::get_if<int64_t>(&a.v)) return cmp(*x, b.as_int());
  if (auto* x = std::get_if<Date>(&a.v)) return cmp(*x, b.as_date());
  if (auto* x = std::get_if<EnumValue>(&a.v)) return cmp(x->index, b.as_enum().index);
  if (auto* x = std::get_if<std::string>(&a.v)) return cmp(*x, b.as_text());
  if (auto* x = std::get_if<bool>(&a.v)) return cmp(*x, b.as_bool());
  return std::nullopt;
}

bool equal(const Value& a, const Value& b) {
  auto o = order(a, b);
  return o && *o == 0;
}

// An unknown that still names the members it can take (an unknown `settle first` decision) and a
// known member: whether that member is among them. nullopt when the unknown is not so narrowed.
std::optional<bool> possibly_equal(const Value& unknown, const Value& known) {
  const Missing& m = unknown.missing();
  const auto* e = std::get_if<EnumValue>(&known.v);
  if (m.possible == 0 || e == nullptr || e->enum_id != m.possible_enum) return std::nullopt;
  if (e->index < 0 || e->index >= 64) return false;
  return (m.possible >> e->index) & 1;
}

// The fields of an unknown without what it said about its own possible values: a comparison's
// unknown result is a truth value, no longer a member of the enum.
Value fields_only(const Value& unknown) {
  Missing m;
  m.fields = unknown.missing().fields;
  return Value{std::move(m)};
}

std::optional<Date> date_of(const Value& element, int date_slot, Value& missing_out) {
  const Value* d = &element;
  if (date_slot >= 0) {
    if (!std::holds_alternative<RecordPtr>(element.v)) return std::nullopt;
    d = &element.as_record().fields[static_cast<size_t>(date_slot)];
  }
  if (d->is_missing()) {
    missing_out = *d;
    return std::nullopt;
  }
  if (auto* date = std::get_if<Date>(&d->v)) return *date;
  return std::nullopt;
}

}  // namespace

Value EvalContext::field_of(const Value& object, int slot, bool flatten) {
  if (const Missing* m = std::get_if<Missing>(&object.v); m != nullptr && m->absent_record >= 0) {
    const FieldDef& fd = program_.schema.records[static_cast<size_t>(m->absent_record)]
                             .fields[static_cast<size_t>(slot)];
    return absent_field_value(fd, m->fields.front() + "." + fd.name, m->lists_unknown);
  }
  if (object.is_missing() || object.is_none()) return object;
  if (auto* rec = std::get_if<RecordPtr>(&object.v))
    return (*rec)->fields[static_cast<size_t>(slot)];
  if (auto* list = std::get_if<ListPtr>(&object.v)) {
    std::vector<Value> out;
    for (const Value& item : **list) {
      Value f = field_of(item, slot, false);
      if (flatten && std::holds_alternative<ListPtr>(f.v)) {
        for (const Value& x : f.as_list()) out.push_back(x);
      } else {
        out.push_back(std::move(f));
      }
    }
    return make_list(std::move(out));
  }
  return none();
}

const Value& EvalContext::ref(const CExpr& e, Value& scratch) {
  switch (e.op) {
    case Op::constant:
      return e.value;
    case Op::root_field:
      return root_->fields[static_cast<size_t>(e.slot)];
    case Op::param:
      return params_[static_cast<size_t>(e.slot)];
    case Op::define: {
      auto& slot = defines_[static_cast<size_t>(e.slot)];
      if (!slot) slot = eval(program_.defines[static_cast<size_t>(e.slot)].value);
      return *slot;
    }
    case Op::element:
      return *elements_[elements_.size() - 1 - static_cast<size_t>(e.depth)];
    case Op::field: {
      Value inner;
      const Value& object = ref(e.args[0], inner);
      // A field of a record that outlives this call (not one held only by `inner`).
      if (const auto* rec = std::get_if<RecordPtr>(&object.v);
          rec != nullptr && &object != &inner) {
        return (*rec)->fields[static_cast<size_t>(e.slot)];
      }
      scratch = field_of(object, e.slot, e.type.is_list() && e.args[0].type.is_list());
      return scratch;
    }
    default:
      scratch = eval(e);
      return scratch;
  }
}

Value EvalContext::eval(const CExpr& e) {
  switch (e.op) {
    case Op::constant:
      return e.value;
    case Op::as_of:
      return Value{as_of_};
    case Op::root_field:
      return root_->fields[static_cast<size_t>(e.slot)];
    case Op::field: {
      Value scratch;
      const Value& object = ref(e.args[0], scratch);
      return field_of(object, e.slot, e.type.is_list() && e.args[0].type.is_list());
    }
    case Op::element:
      return *elements_[elements_.size() - 1 - static_cast<size_t>(e.depth)];
    case Op::element_field: {
      const Value& element = *elements_[elements_.size() - 1 - static_cast<size_t>(e.depth)];
      return field_of(element, e.slot, false);
    }
    case Op::define: {
      auto& slot = defines_[static_cast<size_t>(e.slot)];
      if (!slot) slot = eval(program_.defines[static_cast<size_t>(e.slot)].value);
      return *slot;
    }
    case Op::param:
      return params_[static_cast<size_t>(e.slot)];
    case Op::decision: {
      const DecisionResult* d = decisions_[static_cast<size_t>(e.slot)];
      if (d == nullptr) return Value::missing_field(e.text);
      switch (d->status) {
        case DecisionResult::Status::decided:
          return d->value;
        case DecisionResult::Status::not_applicable:
          return none();
        case DecisionResult::Status::unknown: {
          // Unknown for want of these case fields; a decision itself is never a "missing field".
          Missing m;
          m.fields = d->missing;
          if (d->possible != 0) {
            const Type& type = program_.decisions[static_cast<size_t>(e.slot)].value_type;
            m.possible = d->possible;
            m.possible_enum = type.ref;
          }
          return Value{std::move(m)};
        }
      }
      return none();
    }
    case Op::list: {
      std::vector<Value> items;
      items.reserve(e.args.size());
      for (const auto& a : e.args) items.push_back(eval(a));
      return make_list(std::move(items));
    }
    case Op::neg: {
      Value v = eval(e.args[0]);
      if (auto* i = std::get_if<int64_t>(&v.v)) {
        const auto negated = checked_negate(*i);
        return negated ? Value{*negated} : none();
      }
      return v;
    }
    case Op::not_: {
      Value scratch;
      return logic::not_(ref(e.args[0], scratch));
    }
    case Op::and_: {
      Value sa;
      const Value& a = ref(e.args[0], sa);
      if (logic::decides_and(logic::truth(a))) return Value{false};
      Value sb;
      return logic::and_(a, ref(e.args[1], sb));
    }
    case Op::or_: {
      Value sa;
      const Value& a = ref(e.args[0], sa);
      if (logic::decides_or(logic::truth(a))) return Value{true};
      Value sb;
      return logic::or_(a, ref(e.args[1], sb));
    }
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::date_plus:
    case Op::date_minus:
      return arithmetic(e);
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return compare(e);
    case Op::in:
    case Op::not_in:
      return membership(e);
    case Op::is_known:
      return Value{!eval(e.args[0]).is_missing()};
    case Op::is_missing:
      return Value{eval(e.args[0]).is_missing()};
    case Op::is_none: {
      Value v = eval(e.args[0]);
      if (v.is_missing()) return v;
      return Value{v.is_none()};
    }
    case Op::months:
    case Op::days:
    case Op::years: {
      Value v = eval(e.args[0]);
      if (v.is_missing() || v.is_none()) return v;
      int64_t n = v.as_int();
      if (e.op == Op::days) return Value{Duration{n, Duration::Unit::days}};
      return Value{Duration{e.op == Op::years ? n * 12 : n, Duration::Unit::months}};
    }
    case Op::count:
    case Op::any:
    case Op::all:
    case Op::none:
      return quantify(e);
    case Op::filter: {
      Value list = eval(e.args[0]);
      if (list.is_missing()) return list;
      if (list.is_none()) return make_list({});
      return filtered(e, list);
    }
    case Op::distinct: {
      Value list = eval(e.args[0]);
      if (list.is_missing() || list.is_none()) return list;
      std::vector<Value> out;
      Value unknown{true};
      for (const Value& item : list.as_list()) {
        if (item.is_missing()) {
          // An unknown element might equal any other: the distinct values are unknown.
          unknown = logic::and_(unknown, item);
          continue;
        }
        bool seen = false;
        for (const Value& o : out) seen = seen || equal(o, item);
        if (!seen) out.push_back(item);
      }
      if (unknown.is_missing()) return unknown;
      return make_list(std::move(out));
    }
    case Op::min:
    case Op::max:
    case Op::sum:
      return aggregate(e);
    case Op::latest:
    case Op::first:
    case Op::at_or_before:
    case Op::within:
      return series(e);
    case Op::item: {
      Value sl, si;
      const Value& list = ref(e.args[0], sl);
      const Value& index = ref(e.args[1], si);
      if (list.is_missing() || index.is_missing()) return logic::merge_missing(list, index);
      if (list.is_none() || index.is_none()) return none();
      const auto& items = list.as_list();
      const auto size = static_cast<int64_t>(items.size());
      int64_t i = index.as_int();
      if (i < 0) i += size;
      if (i < 0 || i >= size) return none();
      return items[static_cast<size_t>(i)];
    }
    case Op::months_between:
    case Op::days_between:
    case Op::years_between: {
      Value a = eval(e.args[0]);
      Value b = eval(e.args[1]);
      if (a.is_missing() || b.is_missing()) return logic::merge_missing(a, b);
      if (a.is_none() || b.is_none()) return none();
      if (e.op == Op::days_between) return Value{days_between(a.as_date(), b.as_date())};
      int64_t months = months_between(a.as_date(), b.as_date());
      return Value{e.op == Op::years_between ? months / 12 : months};
    }
  }
  return none();
}

Value EvalContext::arithmetic(const CExpr& e) {
  Value sa, sb;
  const Value& a = ref(e.args[0], sa);
  const Value& b = ref(e.args[1], sb);
  if (a.is_missing() || b.is_missing()) return logic::merge_missing(a, b);
  if (a.is_none() || b.is_none()) return none();
  if (e.op == Op::date_plus || e.op == Op::date_minus) {
    Duration d = std::get<Duration>(b.v);
    const auto amount =
        e.op == Op::date_plus ? std::optional<int64_t>(d.amount) : checked_negate(d.amount);
    if (!amount) return none();
    return Value{d.unit == Duration::Unit::months ? add_months(a.as_date(), *amount)
                                                  : add_days(a.as_date(), *amount)};
  }
  // Division by zero and a result beyond 64 bits have no value; a condition over it is false.
  const auto result = checked_arithmetic(e.op, a.as_int(), b.as_int());
  return result ? Value{*result} : none();
}

Value EvalContext::compare(const CExpr& e) {
  Value sa, sb;
  const Value& a = ref(e.args[0], sa);
  const Value& b = ref(e.args[1], sb);
  if (a.is_missing() != b.is_missing() && (e.op == Op::eq || e.op == Op::ne)) {
    // `decision.safety == report` is decided when report is not possible, or the only possibility.
    const Value& unknown = a.is_missing() ? a : b;
    const Value& known = a.is_missing() ? b : a;
    if (auto hit = possibly_equal(unknown, known)) {
      const uint64_t only = uint64_t{1} << known.as_enum().index;
      if (!*hit) return Value{e.op == Op::ne};
      if (unknown.missing().possible == only) return Value{e.op == Op::eq};
    }
    return fields_only(unknown);
  }
  if (a.is_missing() || b.is_missing()) return fields_only(logic::merge_missing(a, b));
  // A known absence equals nothing and is ordered against nothing.
  if (a.is_none() || b.is_none()) {
    if (e.op == Op::eq) return Value{a.is_none() && b.is_none()};
    if (e.op == Op::ne) return Value{!(a.is_none() && b.is_none())};
    return Value{false};
  }
  auto o = order(a, b);
  if (!o) return Value{false};
  switch (e.op) {
    case Op::eq:
      return Value{*o == 0};
    case Op::ne:
      return Value{*o != 0};
    case Op::lt:
      return Value{*o < 0};
    case Op::le:
      return Value{*o <= 0};
    case Op::gt:
      return Value{*o > 0};
    case Op::ge:
      return Value{*o >= 0};
    default:
      return Value{false};
  }
}

Value EvalContext::membership(const CExpr& e) {
  Value sx, sl;
  const Value& x = ref(e.args[0], sx);
  const Value& list = ref(e.args[1], sl);
  if (x.is_missing() && !list.is_missing()) {
    // `decision.safety in [monitor, report, acute]` is decided when every member the unknown can
    // still take is in the list (or none is): the answer is the same whichever it turns out to be.
    const Missing& m = x.missing();
    // Only an unknown of that enum type itself: an operator that passed the unknown on (a count,
    // a filter) changed the type, and its possible values say nothing about the result.
    const Type& type = e.args[0].type;
    const bool narrowed =
        m.possible != 0 && type.kind == TypeKind::enumeration && type.ref == m.possible_enum;
    if (narrowed && !list.is_none()) {
      int inside = 0, outside = 0;
      for (int member = 0; member < 64; ++member) {
        if (!((m.possible >> member) & 1)) continue;
        const Value candidate{EnumValue{m.possible_enum, member}};
        bool found = false, unsure = false;
        for (const Value& item : list.as_list()) {
          if (item.is_missing())
            unsure = true;
          else if (equal(item, candidate))
            found = true;
        }
        if (found)
          ++inside;
        else if (unsure)
          return fields_only(x);
        else
          ++outside;
      }
      if (outside == 0) return Value{e.op == Op::in};
      if (inside == 0) return Value{e.op == Op::not_in};
    }
    return fields_only(x);
  }
  if (x.is_missing() || list.is_missing()) return fields_only(logic::merge_missing(x, list));
  Value result{false};
  if (!list.is_none()) {
    for (const Value& item : list.as_list()) {
      if (item.is_missing()) {
        result = logic::or_(result, item);
      } else if (equal(item, x)) {
        result = Value{true};
        break;
      }
    }
  }
  return e.op == Op::not_in ? logic::not_(result) : result;
}

Value EvalContext::filtered(const CExpr& e, const Value& list) {
  if (!e.filter) return list;
  std::vector<Value> kept;
  Value unknown{true};
  for (const Value& item : list.as_list()) {
    elements_.push_back(&item);
    Value keep = eval(*e.filter);
    elements_.pop_back();
    switch (logic::truth(keep)) {
      case logic::Truth::yes:
        kept.push_back(item);
        break;
      case logic::Truth::unknown:
        unknown = logic::and_(unknown, keep);
        break;
      case logic::Truth::no:
        break;
    }
  }
  if (unknown.is_missing()) return unknown;
  return make_list(std::move(kept));
}

Value EvalContext::quantify(const CExpr& e) {
  if (e.op == Op::count && !e.filter) {  // the common case: no copy of the list
    Value scratch;
    const Value& list = ref(e.args[0], scratch);
    if (list.is_missing()) return list;
    if (list.is_none()) return Value{int64_t{0}};
    return Value{static_cast<int64_t>(list.as_list().size())};
  }
  {
    // The fast way: each element's condition as a Scalar (no allocation, no copy of the list or
    // its elements). Exact while every condition is known; the first unknown one sends the whole
    // quantifier down the full path below, which names the missing fields.
    Value scratch;
    const Value& list = ref(e.args[0], scratch);
    if (list.is_missing()) return list;
    size_t holding = 0;
    size_t total = 0;
    bool unknown = false;
    if (!list.is_none()) {
      for (const Value& item : list.as_list()) {
        Scalar c;
        if (e.filter) {
          elements_.push_back(&item);
          c = scalar(*e.filter);
          elements_.pop_back();
        } else {
          c = to_scalar(item);
        }
        if (c.kind == Scalar::Kind::missing) {
          unknown = true;
          break;
        }
        holding += c.is_true() ? 1 : 0;
        ++total;
      }
    }
    if (!unknown) {
      switch (e.op) {
        case Op::count:
          return Value{static_cast<int64_t>(holding)};
        case Op::any:
          return Value{holding > 0};
        case Op::all:
          return Value{holding == total};
        default:  // none
          return Value{holding == 0};
      }
    }
  }
  Value list = eval(e.args[0]);
  if (list.is_missing()) return list;
  if (list.is_none()) list = make_list({});
  if (e.op == Op::count) {
    Value kept = filtered(e, list);
    if (kept.is_missing()) return kept;
    return Value{static_cast<int64_t>(kept.as_list().size())};
  }
  // any/all/none: each element's condition (the filter, or the element itself for lists of bool).
  Value any_result{false};
  Value all_result{true};
  for (const Value& item : list.as_list()) {
    Value t = item;
    if (e.filter) {
      elements_.push_back(&item);
      t = eval(*e.filter);
      elements_.pop_back();
    }
    any_result = logic::or_(any_result, t);
    all_result = logic::and_(all_result, t);
  }
  if (e.op == Op::any) return any_result;
  if (e.op == Op::all) return all_result;
  return logic::not_(any_result);
}

Value EvalContext::aggregate(const CExpr& e) {
  Value scratch;
  const Value& list = ref(e.args[0], scratch);
  if (list.is_missing()) return list;
  if (list.is_none()) return none();
  Value missing{true};
  for (const Value& item : list.as_list()) {
    if (item.is_missing()) missing = logic::and_(missing, item);
  }
  if (missing.is_missing()) return missing;
  std::vector<const Value*> known;
  for (const Value& item : list.as_list()) {
    if (!item.is_none()) known.push_back(&item);
  }
  if (e.op == Op::sum) {
    // A sum beyond 64 bits has no value, as any other arithmetic (checked_arithmetic.h).
    std::optional<int64_t> total = 0;
    for (const Value* v : known) {
      if (total) total = checked_arithmetic(Op::add, *total, v->as_int());
    }
    return total ? Value{*total} : none();
  }
  if (known.empty()) return none();
  const Value* best = known.front();
  for (const Value* v : known) {
    auto o = order(*v, *best);
    if (o && ((e.op == Op::min && *o < 0) || (e.op == Op::max && *o > 0))) best = v;
  }
  return *best;
}

Value EvalContext::series(const CExpr& e) {
  Value list = eval(e.args[0]);
  if (list.is_missing()) return list;
  if (list.is_none()) list = make_list({});
  Value kept = filtered(e, list);
  if (kept.is_missing()) return kept;
  std::optional<Date> from;
  std::optional<Date> to;
  if (e.op == Op::at_or_before) {
    Value d = eval(e.args[1]);
    if (d.is_missing()) return d;
    if (d.is_none()) return none();
    to = d.as_date();
  } else if (e.op == Op::within) {
    Value a = eval(e.args[1]);
    Value b = eval(e.args[2]);
    if (a.is_missing() || b.is_missing()) return logic::merge_missing(a, b);
    if (a.is_none() || b.is_none()) return make_list({});
    from = a.as_date();
    to = b.as_date();
  }
  std::vector<Value> window;
  const Value* best = nullptr;
  Date best_date{};
  for (const Value& item : kept.as_list()) {
    Value missing;
    auto d = date_of(item, e.date_slot, missing);
    if (!d) {
      if (missing.is_missing()) return missing;
      continue;
    }
    if ((from && *d < *from) || (to && *d > *to)) continue;
    if (e.op == Op::within) {
      window.push_back(item);
      continue;
    }
    bool better = best == nullptr || (e.op == Op::first ? *d < best_date : *d > best_date);
    if (better) {
      best = &item;
      best_date = *d;
    }
  }
  if (e.op == Op::within) {
    std::stable_sort(window.begin(), window.end(), [&](const Value& a, const Value& b) {
      Value m;
      return date_of(a, e.date_slot, m).value_or(Date{}) <
             date_of(b, e.date_slot, m).value_or(Date{});
    });
    return make_list(std::move(window));
  }
  return best ? *best : none();
}

}  // namespace koers
