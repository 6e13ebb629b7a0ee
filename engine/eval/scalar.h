#pragma once
// A single value that needs no allocation: the fast form of conditions and numbers.
#include <cstdint>

namespace koers {

// `missing` carries no field names (whoever needs them evaluates the expression again with
// `eval`); `other` is a value without a scalar form (text, list, record, duration).
struct Scalar {
  enum class Kind : uint8_t { missing, none, boolean, integer, date, enumeration, other };
  Kind kind = Kind::missing;
  int64_t v = 0;

  static constexpr Scalar of_bool(bool b) { return {Kind::boolean, b ? 1 : 0}; }
  static constexpr Scalar missing() { return {}; }
  static constexpr Scalar none() { return {Kind::none, 0}; }
  constexpr bool is_true() const { return kind == Kind::boolean && v != 0; }
  // A condition is false for a known non-true value (false, none, a number...).
  constexpr bool is_false() const { return kind != Kind::missing && !is_true(); }
};

}  // namespace koers
