// `koers explain`: a rule's conditions, each with its outcome and the values it read; a decision's
// rules in the order they were tried.
#include "eval/explain.h"

#include <fmt/format.h>

#include "compile/parameters_read.h"
#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "eval/logic.h"
#include "eval/settled_case.h"
#include "policy/policy.h"

namespace koers {

namespace {

std::string truth_word(const Value& v) {
  switch (logic::truth(v)) {
    case logic::Truth::yes:
      return "waar";
    case logic::Truth::no:
      return "onwaar";
    case logic::Truth::unknown:
      break;
  }
  std::string fields;
  for (const auto& f : v.missing().fields) fields += (fields.empty() ? "" : ", ") + f;
  return fields.empty() ? "onbekend" : "onbekend (ontbrekend: " + fields + ")";
}

// Evaluation for one case with every decision settled, so any part of a rule can be evaluated.
class Explainer {
 public:
  Explainer(const Program& program, const Policy& policy, const Case& c, Date as_of)
      : program_(program), cx_(program, policy, c, as_of) {}

  const Advice& advice() const { return cx_.advice(); }

  // One line per condition; and/or/not and boolean defines are opened up to a few levels deep.
  void condition(const CExpr& e, int depth, std::string& out) {
    Value v = cx_.eval(e);
    std::string indent(static_cast<size_t>(4 + 2 * depth), ' ');
    std::string line = indent + print_expr(program_, e);
    if (compares_two_sides(e.op)) {
      line +=
          fmt::format("   [{} = {}; {} = {}]", print_expr(program_, e.args[0]),
                      format_value(program_, cx_.eval(e.args[0])), print_expr(program_, e.args[1]),
                      format_value(program_, cx_.eval(e.args[1])));
    }
    out += line + "  → " + truth_word(v) + "\n";
    if (depth >= 4) return;
    if (e.op == Op::and_ || e.op == Op::or_) {
      // A chain of the same operator is shown as one list.
      std::vector<const CExpr*> parts;
      flatten(e, e.op, parts);
      for (const CExpr* p : parts) condition(*p, depth + 1, out);
    } else if (e.op == Op::not_) {
      condition(e.args[0], depth + 1, out);
    } else if (e.op == Op::define && e.type.kind == TypeKind::boolean) {
      out += indent + "  = " +
             print_expr(program_, program_.defines[static_cast<size_t>(e.slot)].value) + "\n";
      const CExpr& body = program_.defines[static_cast<size_t>(e.slot)].value;
      if (body.op == Op::and_ || body.op == Op::or_ || body.op == Op::not_) {
        std::vector<const CExpr*> parts;
        if (body.op == Op::not_) {
          parts.push_back(&body.args[0]);
        } else {
          flatten(body, body.op, parts);
        }
        for (const CExpr* p : parts) condition(*p, depth + 1, out);
      }
    }
  }

  Value holds(const CompiledRule& rule) { return cx_.holds(rule); }

 private:
  const Program& program_;
  SettledCase cx_;

  static void flatten(const CExpr& e, Op op, std::vector<const CExpr*>& out) {
    if (e.op != op) {
      out.push_back(&e);
      return;
    }
    for (const auto& a : e.args) flatten(a, op, out);
  }
};

const CompiledRule* find_rule(const Program& program, const std::string& id) {
  for (const auto& r : program.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string decision_summary(const Program& program, const DecisionResult& d) {
  switch (d.status) {
    case DecisionResult::Status::decided:
      return format_value(program, d.value) +
             (d.rules.empty() ? "" : " (door " + d.rules.front() + ")");
    case DecisionResult::Status::not_applicable:
      return "niet van toepassing";
    case DecisionResult::Status::unknown:
      break;
  }
  std::string fields;
  for (const auto& f : d.missing) fields += (fields.empty() ? "" : ", ") + f;
  return "onbekend" + (fields.empty() ? std::string() : " (ontbrekend: " + fields + ")");
}

}  // namespace

// The organisation settings `indexes` read, each with its value on the advice date, where that
// value comes from and its note: a reader sees which choices of the organisation shaped the answer.
void settings_read(const Program& program, const Policy& policy, const Advice& advice,
                   const std::vector<int>& indexes, Date as_of, std::string& out) {
  if (indexes.empty()) return;
  out += "  instellingen die hierbij gelezen worden:\n";
  for (int index : indexes) {
    const ParameterInfo& info = program.parameters[static_cast<size_t>(index)];
    const ParameterUsed* used = nullptr;
    for (const auto& u : advice.parameters) {
      if (u.parameter == index) used = &u;
    }
    const PolicyValue* entry = policy.from_rule_defaults
                                   ? nullptr
                                   : value_in_force(policy, static_cast<size_t>(index), as_of);
    std::string value = used ? format_value(program, used->value) : "onbekend";
    if (!info.unit.empty() && used && !used->value.is_missing()) value += " " + info.unit;
    // Where the value comes from, as the advice itself records it.
    std::string origin = "geen waarde in het beleid of de regels";
    if (used && used->origin == ParameterUsed::Origin::policy) {
      origin =
          "uit het beleid " + policy.id +
          (used->valid_from ? ", geldig vanaf " + format_value(program, Value{*used->valid_from})
                            : std::string());
    } else if (used && used->origin == ParameterUsed::Origin::rule_default) {
      origin = "standaardwaarde van de regels";
    }
    std::string source = entry != nullptr && !entry->source.empty() ? entry->source : info.source;
    out += fmt::format("    - policy.{} = {} ({}{})\n", info.id, value, origin,
                       source.empty() ? std::string() : "; bron: " + source);
    const std::string& note = entry != nullptr && !entry->note.empty() ? entry->note : info.note;
    if (!info.title.empty()) out += "        " + info.title + "\n";
    if (!note.empty()) out += "        toelichting: " + note + "\n";
  }
}

std::optional<std::string> explain_rule(const Program& program, const Policy& policy, const Case& c,
                                        Date as_of, const std::string& rule_id) {
  const CompiledRule* rule = find_rule(program, rule_id);
  if (rule == nullptr) return std::nullopt;
  Explainer ex(program, policy, c, as_of);
  std::string out = fmt::format("Regel {}: {}\n", rule->id, rule->title);
  if (!rule->source.empty()) out += "  bron: " + rule->source + "\n";
  for (const auto& o : program.overrides) {
    if (o.rule == rule->id) {
      out += fmt::format("  {} vervangt hiermee de regel van {}: {}\n", o.layer, o.replaced_layer,
                         o.reason);
    }
  }
  out += fmt::format("  uitkomst: {}\n", truth_word(ex.holds(*rule)));
  if (rule->when) {
    out += "  when\n";
    ex.condition(*rule->when, 0, out);
  }
  for (const auto& u : rule->unless) {
    out += "  unless\n";
    ex.condition(u, 0, out);
  }
  for (const auto& conclusion : rule->conclusions) {
    const CompiledDecision& dec = program.decisions[static_cast<size_t>(conclusion.decision)];
    const DecisionResult& result = ex.advice().decisions[static_cast<size_t>(conclusion.decision)];
    out += fmt::format("  then {} = {}; het besluit werd: {}\n", dec.name,
                       print_expr(program, conclusion.value), decision_summary(program, result));
  }
  for (const auto& rec : rule->recommendations) {
    bool given = false;
    for (const auto& r : ex.advice().recommendations)
      given = given || (r.id == rec.id && r.rule == rule->id);
    out += fmt::format("  recommend {} {}: {}\n", rec.kind, rec.id,
                       given ? "gegeven" : "niet gegeven");
  }
  settings_read(program, policy, ex.advice(), parameters_read(program, *rule), as_of, out);
  return out;
}

std::optional<std::string> explain_decision(const Program& program, const Policy& policy,
                                            const Case& c, Date as_of, const std::string& name) {
  int index = program.decision_index(name);
  if (index < 0) return std::nullopt;
  const CompiledDecision& dec = program.decisions[static_cast<size_t>(index)];
  Explainer ex(program, policy, c, as_of);
  const DecisionResult& result = ex.advice().decisions[static_cast<size_t>(index)];
  std::string out = fmt::format("Besluit {}: {}\n", dec.name, decision_summary(program, result));
  if (!result.note.empty()) out += "  " + result.note + "\n";
  if (dec.applies_when) {
    out += "  applies when\n";
    ex.condition(*dec.applies_when, 0, out);
  }
  out += "  regels, in de volgorde waarin ze worden geprobeerd:\n";
  bool settled = false;
  for (int r : dec.rules) {
    const CompiledRule& rule = program.rules[static_cast<size_t>(r)];
    Value h = ex.holds(rule);
    std::string value;
    for (const auto& conclusion : rule.conclusions) {
      if (conclusion.decision == index) value = print_expr(program, conclusion.value);
    }
    out += fmt::format("  - {} (priority {}, → {}): {}{}\n", rule.id, rule.priority, value,
                       truth_word(h), settled ? ", na de beslissende regel" : "");
    if (rule.when && !settled) ex.condition(*rule.when, 1, out);
    if (!settled && logic::truth(h) != logic::Truth::no && dec.settle == ast::SettleMode::first) {
      settled = true;
    }
  }
  settings_read(program, policy, ex.advice(), parameters_read(program, dec), as_of, out);
  return out;
}

}  // namespace koers
