#pragma once
// What an unknown `settle first` decision can still turn out to be. Rules are tried by priority:
// each unknown rule before the first rule that holds might conclude, so its value is possible; the
// first rule that holds gives the last possible value; when none holds, the `otherwise` value (or
// "no value at all") is possible too. A rule that reads the decision can then be decided when every
// possible value gives the same answer: with a suspicion recorded and `help_accepted` missing,
// safety is `monitor` or `report`, and both need a safety plan.
#include <cstdint>

#include "compile/program.h"
#include "eval/context.h"
#include "value/value.h"

namespace koers {

class PossibleValues {
 public:
  // A value a rule (unknown, or the first that holds) would conclude.
  void add(const Value& value) {
    const auto* member = std::get_if<EnumValue>(&value.v);
    if (member == nullptr || member->index < 0 || member->index >= 64) {
      open_ = true;  // unknown, or not an enum member: anything is possible
      return;
    }
    bits_ |= uint64_t{1} << member->index;
  }

  // Call when a rule that holds ended the search: nothing after it can conclude.
  void close() { closed_ = true; }

  // The members still possible (a bit per member index), or 0 when the outcome is not narrowed.
  uint64_t finish(EvalContext& cx, const CompiledDecision& decision) {
    if (decision.value_type.kind != TypeKind::enumeration) return 0;
    if (!closed_) {
      if (decision.otherwise) {
        add(cx.eval(*decision.otherwise));
      } else {
        open_ = true;  // no rule might hold: the decision may have no value at all
      }
    }
    return open_ ? 0 : bits_;
  }

 private:
  uint64_t bits_ = 0;
  bool open_ = false;
  bool closed_ = false;
};

}  // namespace koers
