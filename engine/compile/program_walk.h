// Every expression and text of a compiled decision or rule, in one place: the passes that look at
// all of them (units, parameters read, organisation marks) must not each keep a list that can miss
// a part added later. `Decision` and `Rule` may be const or not; so may the callbacks' arguments.
#pragma once

#include "compile/program.h"

namespace koers {

// Calls on_expr for each condition and value, on_text for each text (whose `{...}` parts the
// callback may read), in declaration order. Expressions inside texts are the callback's to visit.
template <typename Reasons, typename OnExpr, typename OnText>
void walk_reasons(Reasons& reasons, OnExpr&& on_expr, OnText&& on_text) {
  for (auto& b : reasons) {
    on_text(b.text);
    if (b.condition) on_expr(*b.condition);
  }
}

template <typename Decision, typename OnExpr, typename OnText>
void walk_decision(Decision& dec, OnExpr&& on_expr, OnText&& on_text) {
  if (dec.applies_when) on_expr(*dec.applies_when);
  walk_reasons(dec.not_applicable_because, on_expr, on_text);
  for (auto& req : dec.requirements) {
    on_expr(req.condition);
    on_text(req.note);
  }
  if (dec.otherwise) on_expr(*dec.otherwise);
  walk_reasons(dec.otherwise_because, on_expr, on_text);
  for (auto& c : dec.conditions) {
    on_expr(c.when);
    walk_reasons(c.because, on_expr, on_text);
  }
}

template <typename Rule, typename OnExpr, typename OnText>
void walk_rule(Rule& rule, OnExpr&& on_expr, OnText&& on_text) {
  if (rule.when) on_expr(*rule.when);
  for (auto& u : rule.unless) on_expr(u);
  for (auto& c : rule.conclusions) on_expr(c.value);
  for (auto& r : rule.recommendations) on_text(r.text);
  walk_reasons(rule.because, on_expr, on_text);
  walk_reasons(rule.against, on_expr, on_text);
}

}  // namespace koers
