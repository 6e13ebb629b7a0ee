#include "compile/organisation_marks.h"

#include <algorithm>

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
  void mark(std::vector<CompiledBecause>& reasons) const {
    for (auto& b : reasons) mark(b.text);
  }

 private:
  std::vector<bool> organisation_;
};

}  // namespace

void mark_organisation_settings(Program& program) {
  const Marker marker(program);
  for (auto& dec : program.decisions) {
    marker.mark(dec.not_applicable_because);
    for (auto& req : dec.requirements) marker.mark(req.note);
    marker.mark(dec.otherwise_because);
    for (auto& c : dec.conditions) marker.mark(c.because);
  }
  for (auto& rule : program.rules) {
    for (auto& r : rule.recommendations) marker.mark(r.text);
    marker.mark(rule.because);
    marker.mark(rule.against);
  }
}

}  // namespace koers
