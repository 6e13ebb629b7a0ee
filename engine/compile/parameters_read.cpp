#include "compile/parameters_read.h"

#include <set>

#include "compile/define_order.h"
#include "compile/program_walk.h"

namespace koers {
namespace {

class ParameterCollector {
 public:
  // `through_defines`: the parameters each define reads, itself or through other defines.
  ParameterCollector(const Program& program, std::set<int>& out,
                     const std::vector<std::set<int>>& through_defines)
      : program_(program), out_(out), through_defines_(through_defines) {}

  void visit(const CExpr& e) {
    if (e.op == Op::param && e.slot >= 0) out_.insert(e.slot);
    if (e.op == Op::define && e.slot >= 0 &&
        static_cast<size_t>(e.slot) < through_defines_.size()) {
      const auto& read = through_defines_[static_cast<size_t>(e.slot)];
      out_.insert(read.begin(), read.end());
    }
    for (const auto& arg : e.args) visit(arg);
    if (e.filter) visit(*e.filter);
  }
  void visit(const CompiledTemplate& t) {
    for (const auto& part : t.parts) {
      if (part.expr) visit(*part.expr);
    }
  }
  void visit(const CompiledRule& rule) {
    walk_rule(
        rule, [&](const CExpr& e) { visit(e); }, [&](const CompiledTemplate& t) { visit(t); });
  }
  // The decision's own conditions and texts; its rules only with `with_rules`.
  void visit(const CompiledDecision& dec, bool with_rules) {
    walk_decision(
        dec, [&](const CExpr& e) { visit(e); }, [&](const CompiledTemplate& t) { visit(t); });
    if (with_rules) {
      for (int r : dec.rules) visit(program_.rules[static_cast<size_t>(r)]);
    }
  }

 private:
  const Program& program_;
  std::set<int>& out_;
  const std::vector<std::set<int>>& through_defines_;
};

// Per define, dependencies first, so that no chain of defines is followed on the call stack.
std::vector<std::set<int>> parameters_through_defines(const Program& program) {
  std::vector<std::set<int>> through(program.defines.size());
  for (int index : defines_dependencies_first(program)) {
    std::set<int> read;
    ParameterCollector(program, read, through)
        .visit(program.defines[static_cast<size_t>(index)].value);
    through[static_cast<size_t>(index)] = std::move(read);
  }
  return through;
}

}  // namespace

std::vector<int> parameters_read(const Program& program) {
  std::set<int> read;
  const auto through = parameters_through_defines(program);
  ParameterCollector c(program, read, through);
  // Every define, even one only a text reads: a define is part of the rule set's meaning.
  for (const auto& d : program.defines) c.visit(d.value);
  for (const auto& dec : program.decisions) c.visit(dec, false);
  for (const auto& rule : program.rules) c.visit(rule);
  // The charts' windows and lines: what the report shows is reproducible from the advice too.
  for (const auto& chart : program.charts) {
    if (chart.window_parameter >= 0) read.insert(chart.window_parameter);
    for (const auto& line : chart.lines) read.insert(line.parameter);
  }
  return {read.begin(), read.end()};
}

std::vector<int> parameters_read(const Program& program, const CompiledRule& rule) {
  std::set<int> read;
  const auto through = parameters_through_defines(program);
  ParameterCollector(program, read, through).visit(rule);
  return {read.begin(), read.end()};
}

std::vector<int> parameters_read(const Program& program, const CompiledDecision& decision) {
  std::set<int> read;
  const auto through = parameters_through_defines(program);
  ParameterCollector(program, read, through).visit(decision, true);
  return {read.begin(), read.end()};
}

}  // namespace koers
