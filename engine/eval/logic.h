#pragma once
// Three-valued logic over Values. One place for the truth tables (tests cover each cell):
//   false and unknown = false      true or unknown = true      not unknown = unknown
// An unknown result carries the union of the missing fields of the unknowns that decided it.
// A known absence (`none`) counts as false in a condition.
#include <algorithm>

#include "data/value.h"

namespace koers::logic {

enum class Truth { no, yes, unknown };

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

inline Value merge_missing(const Value& a, const Value& b) {
  if (a.is_missing() && b.is_missing()) return Value{merge(a.missing(), b.missing())};
  return a.is_missing() ? a : b;
}

inline Value not_(const Value& a) {
  switch (truth(a)) {
    case Truth::yes:
      return Value{false};
    case Truth::no:
      return Value{true};
    case Truth::unknown:
      return a;
  }
  return a;
}

inline Value and_(const Value& a, const Value& b) {
  Truth ta = truth(a);
  Truth tb = truth(b);
  if (ta == Truth::no || tb == Truth::no) return Value{false};
  if (ta == Truth::yes && tb == Truth::yes) return Value{true};
  if (ta == Truth::unknown && tb == Truth::unknown) return merge_missing(a, b);
  return ta == Truth::unknown ? a : b;
}

inline Value or_(const Value& a, const Value& b) {
  Truth ta = truth(a);
  Truth tb = truth(b);
  if (ta == Truth::yes || tb == Truth::yes) return Value{true};
  if (ta == Truth::no && tb == Truth::no) return Value{false};
  if (ta == Truth::unknown && tb == Truth::unknown) return merge_missing(a, b);
  return ta == Truth::unknown ? a : b;
}

}  // namespace koers::logic
