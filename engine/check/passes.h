#pragma once
// The checker's passes, run in this order by check_rule_set (checker.cpp):
//   1. build_schema        enums and records -> Schema                       (build_schema.cpp)
//   2. declare             sources, parameters, defines, decisions, kinds, recommendations
//                          (declare.cpp)
//   3. check_defines       define bodies, then define cycles                 (check_defines.cpp)
//   4. check_decisions     applies/require/otherwise of decisions           (check_decisions.cpp)
//   5. check_rules         rules: sources, conditions, conclusions, texts    (check_rules.cpp)
//   6. check_alerts        every alert decision (`alert`) has a rule         (check_alerts.cpp)
//   7. check_units         units of parameters, durations and comparisons   (check_units.cpp)
//   8. order_decisions     decision dependencies, cycles, evaluation order   (order_decisions.cpp)
//   9. check_charts        charts: lists, fields, parameters, decision       (check_charts.cpp)
//  10. check_timeline      `timeline from`: dates and dated lists            (check_timeline.cpp)
// Each pass reports into the shared Diagnostics and keeps going, so one run shows every problem.
#include <optional>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "check/checker.h"
#include "check/symbols.h"
#include "compile/program.h"

namespace koers::check {

// State shared by the passes.
struct CheckState {
  const std::vector<ast::File>& files;
  Program& program;
  Symbols symbols;
  Diagnostics& diags;
  std::vector<Dependencies> define_deps;    // per define
  std::vector<Dependencies> decision_deps;  // per decision: what its settling reads
  std::vector<const ast::DefineDecl*> define_decls;
  std::vector<const ast::DecisionDecl*> decision_decls;
  std::vector<const ast::RuleDecl*> rule_decls;
  CheckOptions options;
};

void build_schema(const std::vector<ast::File>& files, Schema& schema, Diagnostics& diags);
std::optional<DefaultValue> check_default(const ast::Literal& lit, const Type& type, bool nullable,
                                          const Schema& schema, Diagnostics& diags);
void declare(CheckState& state);
void check_defines(CheckState& state);
void check_decisions(CheckState& state);
void check_rules(CheckState& state);
// K216 when `kind` is not one of the recommendation kinds (in a declaration or a `recommend`).
void check_recommendation_kind(const Program& program, const std::string& kind, const Span& span,
                               Diagnostics& diags);
std::vector<CompiledBecause> check_because(const std::vector<ast::Because>& list, CheckState& st,
                                           Dependencies& deps);
void check_alerts(CheckState& state);
// K226: parameters' units, durations and comparisons agree (check_units.cpp).
void check_units(CheckState& state);
void order_decisions(CheckState& state);
// K230: charts, their lists, fields, parameters and decision (check_charts.cpp).
void check_charts(CheckState& state);
// K230 too: `timeline from` paths, each a date field or a dated list (check_timeline.cpp).
void check_timeline(CheckState& state);

}  // namespace koers::check
