#pragma once
// Three-valued logic: the one truth table of the rule language, for every evaluator (the Value
// tree walker, the Scalar walker, the compact code, coverage). Tests cover each cell:
//   false and unknown = false      true or unknown = true      not unknown = unknown
// An unknown Value result carries the union of the missing fields of the unknowns that decided
// it. A known absence (`none`) or any known non-boolean counts as false in a condition.
#include <algorithm>
#include <array>
#include <cstdint>

#include "eval/scalar.h"
#include "value/value.h"

namespace koers::logic {

enum class Truth : uint8_t { no = 0, yes = 1, unknown = 2 };

namespace table {
constexpr Truth N = Truth::no, Y = Truth::yes, U = Truth::unknown;
inline constexpr std::array<Truth, 3> kNot = {Y, N, U};
inline constexpr std::array<std::array<Truth, 3>, 3> kAnd = {{
    /* no      */ {N, N, N},
    /* yes     */ {N, Y, U},
    /* unknown */ {N, U, U},
}};
inline constexpr std::array<std::array<Truth, 3>, 3> kOr = {{
    /* no      */ {N, Y, U},
    /* yes     */ {Y, Y, Y},
    /* unknown */ {U, Y, U},
}};
}  // namespace table

constexpr Truth not3(Truth a) {
  return table::kNot[static_cast<size_t>(a)];
}
constexpr Truth and3(Truth a, Truth b) {
  return table::kAnd[static_cast<size_t>(a)][static_cast<size_t>(b)];
}
constexpr Truth or3(Truth a, Truth b) {
  return table::kOr[static_cast<size_t>(a)][static_cast<size_t>(b)];
}
// Short-circuit, in one place: a left operand that decides the whole, whatever the right one is.
constexpr bool decides_and(Truth left) {
  return left == Truth::no;
}
constexpr bool decides_or(Truth left) {
  return left == Truth::yes;
}

namespace table {
consteval bool consistent() {
  constexpr std::array<Truth, 3> all = {N, Y, U};
  for (Truth a : all) {
    if (not3(not3(a)) != a) return false;
    for (Truth b : all) {
      if (and3(a, b) != and3(b, a) || or3(a, b) != or3(b, a)) return false;  // commutative
      if (not3(and3(a, b)) != or3(not3(a), not3(b))) return false;           // De Morgan
      if (decides_and(a) && and3(a, b) != Truth::no) return false;
      if (decides_or(a) && or3(a, b) != Truth::yes) return false;
    }
  }
  return true;
}
static_assert(consistent(), "the truth tables contradict each other");
}  // namespace table

constexpr Truth truth(Scalar s) {
  if (s.kind == Scalar::Kind::missing) return Truth::unknown;
  return s.is_true() ? Truth::yes : Truth::no;
}

constexpr Scalar scalar_of(Truth t) {
  return t == Truth::unknown ? Scalar{} : Scalar::of_bool(t == Truth::yes);
}

inline Truth truth(const Value& v) {
  if (v.is_missing()) return Truth::unknown;
  if (const bool* b = std::get_if<bool>(&v.v)) return *b ? Truth::yes : Truth::no;
  return Truth::no;
}

inline Missing merge(const Missing& a, const Missing& b) {
  Missing out;
  std::set_union(a.fields.begin(), a.fields.end(), b.fields.begin(), b.fields.end(),
                 std::back_inserter(out.fields));
  return out;
}

// The unknown that an unknown result of two operands carries: both fields' union when both are
// unknown, else the unknown one as it is.
inline Value merge_missing(const Value& a, const Value& b) {
  if (a.is_missing() && b.is_missing()) return Value{merge(a.missing(), b.missing())};
  return a.is_missing() ? a : b;
}

inline Value not_(const Value& a) {
  const Truth t = not3(truth(a));
  return t == Truth::unknown ? a : Value{t == Truth::yes};
}

inline Value and_(const Value& a, const Value& b) {
  const Truth t = and3(truth(a), truth(b));
  return t == Truth::unknown ? merge_missing(a, b) : Value{t == Truth::yes};
}

inline Value or_(const Value& a, const Value& b) {
  const Truth t = or3(truth(a), truth(b));
  return t == Truth::unknown ? merge_missing(a, b) : Value{t == Truth::yes};
}

// Whether a rule holds: when ∧ ¬unless₁ ∧ ¬unless₂ …, stopping at the first `no`. `when` is the
// truth of the rule's `when` (yes without one); `unless(i)` gives the truth of its i-th `unless`.
// For the evaluators that need no field names.
template <class Unless>
Truth rule_truth(Truth when, size_t unless_count, Unless&& unless) {
  Truth holds = when;
  for (size_t i = 0; i < unless_count && !decides_and(holds); ++i) {
    holds = and3(holds, not3(unless(i)));
  }
  return holds;
}

// The same fold over Values, so that an unknown result names the fields that would decide it.
// `eval` evaluates one of the rule's expressions.
template <class Rule, class Eval>
Value rule_holds(const Rule& rule, Eval&& eval) {
  Value holds = rule.when ? eval(*rule.when) : Value{true};
  for (const auto& u : rule.unless) {
    if (decides_and(truth(holds))) return Value{false};
    holds = and_(holds, not_(eval(u)));
  }
  return truth(holds) == Truth::no ? Value{false} : holds;
}

}  // namespace koers::logic
