#include "check/checker.h"

#include "check/passes.h"
#include "compile/organisation_marks.h"
#include "compile/parameters_read.h"

namespace koers::check {

std::optional<Program> check_rule_set(const std::vector<ast::File>& files, Diagnostics& diags,
                                      const CheckOptions& options) {
  Program program;
  build_schema(files, program.schema, diags);
  if (program.schema.root < 0) {
    Diagnostic d;
    d.code = "K212";
    d.message = "the rule set has no case schema: declare `record case { ... }`";
    d.path_for_display = files.empty() ? std::string("rules") : files.front().source->path();
    diags.add(std::move(d));
    return std::nullopt;
  }
  CheckState state{files, program, {}, diags, {}, {}, {}, {}, {}, options};
  state.symbols.schema = &program.schema;
  declare(state);
  check_defines(state);
  check_decisions(state);
  check_rules(state);
  check_alerts(state);
  check_units(state);
  order_decisions(state);
  check_charts(state);
  check_timeline(state);
  if (diags.has_errors()) return std::nullopt;
  program.parameters_read = parameters_read(program);
  mark_organisation_settings(program);
  return program;
}

}  // namespace koers::check
