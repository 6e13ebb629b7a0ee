// L101 unused parameter, L102 unused define, L103 unused source (L104, a rule without a source, is
// now check error K227), L105 decision no rule concludes, L106 recommendation that is not
// declared (with its label), L107 rule that can never be tried (after a rule of the same `first`
// decision that always holds).
#include "lint/lint.h"

#include <fmt/format.h>

#include <functional>
#include <map>

namespace koers::lint {

namespace {

// Every expression of the program, with a visitor over every node.
void walk(const CExpr& e, const std::function<void(const CExpr&)>& visit) {
  visit(e);
  for (const auto& a : e.args) walk(a, visit);
  if (e.filter) walk(*e.filter, visit);
}

void walk_template(const CompiledTemplate& t, const std::function<void(const CExpr&)>& visit) {
  for (const auto& p : t.parts) {
    if (p.expr) walk(*p.expr, visit);
  }
}

void walk_because(const std::vector<CompiledBecause>& list,
                  const std::function<void(const CExpr&)>& visit) {
  for (const auto& b : list) {
    walk_template(b.text, visit);
    if (b.condition) walk(*b.condition, visit);
  }
}

void walk_program(const Program& p, const std::function<void(const CExpr&)>& visit) {
  for (const auto& d : p.defines) walk(d.value, visit);
  for (const auto& d : p.decisions) {
    if (d.applies_when) walk(*d.applies_when, visit);
    walk_because(d.not_applicable_because, visit);
    for (const auto& r : d.requirements) {
      walk(r.condition, visit);
      walk_template(r.note, visit);
    }
    if (d.otherwise) walk(*d.otherwise, visit);
    walk_because(d.otherwise_because, visit);
    for (const auto& c : d.conditions) {
      walk(c.when, visit);
      walk_because(c.because, visit);
    }
  }
  for (const auto& r : p.rules) {
    if (r.when) walk(*r.when, visit);
    for (const auto& u : r.unless) walk(u, visit);
    for (const auto& c : r.conclusions) walk(c.value, visit);
    for (const auto& rec : r.recommendations) walk_template(rec.text, visit);
    walk_because(r.because, visit);
    walk_because(r.against, visit);
  }
}

bool always_true(const CExpr& e) {
  const bool* b = std::get_if<bool>(&e.value.v);
  return e.op == Op::constant && b != nullptr && *b;
}

}  // namespace

void lint(const Program& program, const std::set<std::string>& disabled, Diagnostics& out) {
  auto warn = [&](const char* code, const Span& span, std::string message, std::string hint = {}) {
    if (!disabled.count(code)) out.warning(code, span, std::move(message), std::move(hint));
  };
  std::set<int> params;
  std::set<int> defines;
  walk_program(program, [&](const CExpr& e) {
    if (e.op == Op::param) params.insert(e.slot);
    if (e.op == Op::define) defines.insert(e.slot);
  });
  // A parameter a chart draws (its window, a reference line) is used too.
  for (const auto& chart : program.charts) {
    if (chart.window_parameter >= 0) params.insert(chart.window_parameter);
    for (const auto& line : chart.lines) params.insert(line.parameter);
  }
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    if (!params.count(static_cast<int>(i))) {
      warn("L101", program.parameters[i].span,
           fmt::format("parameter `{}` is not used by any rule", program.parameters[i].id),
           "remove it, or use it as `policy." + program.parameters[i].id + "`");
    }
  }
  for (size_t i = 0; i < program.defines.size(); ++i) {
    if (!defines.count(static_cast<int>(i))) {
      warn("L102", program.defines[i].span,
           fmt::format("define `{}` is not used", program.defines[i].name));
    }
  }
  std::set<std::string> cited;
  for (const auto& r : program.rules) cited.insert(r.source);
  for (const auto& p : program.parameters) cited.insert(p.source);
  for (const auto& s : program.sources) {
    if (!cited.count(s.id)) warn("L103", s.span, fmt::format("source `{}` is not cited", s.id));
  }
  for (const auto& r : program.rules) {
    for (const auto& rec : r.recommendations) {
      if (!program.recommendation(rec.id)) {
        warn("L106", r.span,
             fmt::format("recommendation `{} {}` is not declared", rec.kind, rec.id),
             fmt::format("declare it with the label caseworkers read: `recommendation {} {} "
                         "\"...\"`",
                         rec.kind, rec.id));
      }
    }
  }
  for (const auto& d : program.decisions) {
    if (d.rules.empty() && !d.otherwise) {
      warn("L105", d.span, fmt::format("no rule concludes decision `{}`", d.name));
    }
    if (d.settle != ast::SettleMode::first) continue;
    for (size_t k = 0; k + 1 < d.rules.size(); ++k) {
      const CompiledRule& r = program.rules[static_cast<size_t>(d.rules[k])];
      if (r.when && always_true(*r.when) && r.unless.empty()) {
        for (size_t later = k + 1; later < d.rules.size(); ++later) {
          const CompiledRule& shadowed = program.rules[static_cast<size_t>(d.rules[later])];
          warn("L107", shadowed.span,
               fmt::format("rule `{}` is never tried: `{}` (priority {}) always settles `{}` first",
                           shadowed.id, r.id, r.priority, d.name));
        }
        break;
      }
    }
  }
}

}  // namespace koers::lint
