#include "compile/parameters_read.h"

#include <set>

namespace koers {
namespace {

class ParameterCollector {
 public:
  ParameterCollector(const Program& program, std::set<int>& out)
      : program_(program), out_(out), defines_seen_(program.defines.size(), false) {}

  void visit(const CExpr& e) {
    if (e.op == Op::param && e.slot >= 0) out_.insert(e.slot);
    if (e.op == Op::define && e.slot >= 0 && static_cast<size_t>(e.slot) < defines_seen_.size() &&
        !defines_seen_[static_cast<size_t>(e.slot)]) {
      defines_seen_[static_cast<size_t>(e.slot)] = true;  // each define is read once
      visit(program_.defines[static_cast<size_t>(e.slot)].value);
    }
    for (const auto& arg : e.args) visit(arg);
    if (e.filter) visit(*e.filter);
  }
  void visit(const CompiledTemplate& t) {
    for (const auto& part : t.parts) {
      if (part.expr) visit(*part.expr);
    }
  }
  void visit(const std::vector<CompiledBecause>& reasons) {
    for (const auto& b : reasons) {
      visit(b.text);
      if (b.condition) visit(*b.condition);
    }
  }
  void visit(const CompiledRule& rule) {
    if (rule.when) visit(*rule.when);
    for (const auto& u : rule.unless) visit(u);
    for (const auto& concl : rule.conclusions) visit(concl.value);
    for (const auto& rec : rule.recommendations) visit(rec.text);
    visit(rule.because);
    visit(rule.against);
  }
  // The decision's own conditions and texts; its rules only with `with_rules`.
  void visit(const CompiledDecision& dec, bool with_rules) {
    if (dec.applies_when) visit(*dec.applies_when);
    visit(dec.not_applicable_because);
    for (const auto& req : dec.requirements) {
      visit(req.condition);
      visit(req.note);
    }
    if (dec.otherwise) visit(*dec.otherwise);
    visit(dec.otherwise_because);
    for (const auto& cond : dec.conditions) {
      visit(cond.when);
      visit(cond.because);
    }
    if (with_rules) {
      for (int r : dec.rules) visit(program_.rules[static_cast<size_t>(r)]);
    }
  }

 private:
  const Program& program_;
  std::set<int>& out_;
  std::vector<bool> defines_seen_;
};

}  // namespace

std::vector<int> parameters_read(const Program& program) {
  std::set<int> read;
  ParameterCollector c(program, read);
  // Every define, even one only a text reads: a define is part of the rule set's meaning.
  for (const auto& d : program.defines) c.visit(d.value);
  for (const auto& dec : program.decisions) c.visit(dec, false);
  for (const auto& rule : program.rules) c.visit(rule);
  return {read.begin(), read.end()};
}

std::vector<int> parameters_read(const Program& program, const CompiledRule& rule) {
  std::set<int> read;
  ParameterCollector(program, read).visit(rule);
  return {read.begin(), read.end()};
}

std::vector<int> parameters_read(const Program& program, const CompiledDecision& decision) {
  std::set<int> read;
  ParameterCollector(program, read).visit(decision, true);
  return {read.begin(), read.end()};
}

}  // namespace koers
