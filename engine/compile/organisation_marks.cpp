#include "compile/organisation_marks.h"

#include <algorithm>

#include "compile/program_walk.h"

namespace koers {
namespace {

class Marker {
 public:
  explicit Marker(const Program& program) {
    for (const auto& p : program.parameters) {
      auto source = std::find_if(program.sources.begin(), program.sources.end(),
                                 [&](const SourceInfo& s) { return s.id == p.source; });
      organisation_.push_back(source != program.sources.end() && source->kind == "organisation");
    }
  }

  void mark(CompiledTemplate& t) const {
    for (auto& part : t.parts) {
      part.organisation_setting = part.expr && part.expr->op == Op::param && part.expr->slot >= 0 &&
                                  organisation_[static_cast<size_t>(part.expr->slot)];
    }
  }

 private:
  std::vector<bool> organisation_;
};

}  // namespace

void mark_organisation_settings(Program& program) {
  const Marker marker(program);
  auto no_expr = [](const CExpr&) {};
  auto on_text = [&](CompiledTemplate& t) { marker.mark(t); };
  for (auto& dec : program.decisions) walk_decision(dec, no_expr, on_text);
  for (auto& rule : program.rules) walk_rule(rule, no_expr, on_text);
}

}  // namespace koers
