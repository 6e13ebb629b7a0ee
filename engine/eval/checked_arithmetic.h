#pragma once
// Whole-number arithmetic of the rule language, one definition for every evaluator (the expression
// trees, the scalar evaluator and the compact code). A result that has no value, a division by
// zero or a result beyond 64 bits (an unranged field of a case can hold any whole number), is
// nullopt, which the evaluation reads as `none`: a condition over it is false. Never undefined
// behaviour, never a crash.
#include <cstdint>
#include <optional>

#include "compile/program.h"

namespace koers {

inline std::optional<int64_t> checked_arithmetic(Op op, int64_t x, int64_t y) {
  int64_t out = 0;
  switch (op) {
    case Op::add:
      if (__builtin_add_overflow(x, y, &out)) return std::nullopt;
      return out;
    case Op::sub:
      if (__builtin_sub_overflow(x, y, &out)) return std::nullopt;
      return out;
    case Op::mul:
      if (__builtin_mul_overflow(x, y, &out)) return std::nullopt;
      return out;
    case Op::div:
      if (y == 0 || (x == INT64_MIN && y == -1)) return std::nullopt;
      return x / y;
    default:
      return std::nullopt;
  }
}

inline std::optional<int64_t> checked_negate(int64_t x) {
  if (x == INT64_MIN) return std::nullopt;
  return -x;
}

}  // namespace koers
