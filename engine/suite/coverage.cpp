#include "suite/coverage.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "eval/evaluator.h"
#include "eval/explain.h"
#include "eval/logic.h"
#include "eval/settled_case.h"

namespace koers::suite {

namespace {

void terms_of(const CExpr& e, std::vector<const CExpr*>& out) {
  if (e.op == Op::and_ || e.op == Op::or_) {
    for (const auto& a : e.args) terms_of(a, out);
  } else {
    out.push_back(&e);
  }
}

using logic::Truth;

// The truth of an and/or tree from the truths of its terms (in terms_of order), with the term
// at `flipped` negated (-1: none). `next` walks the terms in order.
Truth combine(const CExpr& e, const std::vector<Truth>& terms, int flipped, size_t& next) {
  if (e.op != Op::and_ && e.op != Op::or_) {
    size_t i = next++;
    Truth t = terms[i];
    if (static_cast<int>(i) == flipped) t = logic::not3(t);
    return t;
  }
  const bool is_and = e.op == Op::and_;
  Truth out = is_and ? Truth::yes : Truth::no;  // the identity of the operator
  for (const auto& a : e.args) {
    const Truth t =
        combine(a, terms, flipped, next);  // always walk every term, to keep `next` right
    out = is_and ? logic::and3(out, t) : logic::or3(out, t);
  }
  return out;
}

Truth combine(const CExpr& e, const std::vector<Truth>& terms, int flipped) {
  size_t next = 0;
  return combine(e, terms, flipped, next);
}

void count(logic::Truth t, int& yes, int& no, int& unknown) {
  (t == logic::Truth::yes ? yes : t == logic::Truth::no ? no : unknown)++;
}

}  // namespace

Coverage::Coverage(const Program& program) : program_(program) {
  for (const auto& rule : program.rules) {
    RuleCoverage rc;
    rc.id = rule.id;
    if (rule.when) {
      std::vector<const CExpr*> terms;
      terms_of(*rule.when, terms);
      if (terms.size() > 1) {
        for (const CExpr* t : terms) rc.terms.push_back({print_expr(program, *t), 0, 0, 0});
      }
    }
    rules_.push_back(std::move(rc));
    for (const auto& rec : rule.recommendations) recommendations_[rec.kind + " " + rec.id] += 0;
  }
  for (const auto& dec : program.decisions) {
    auto& outcomes = decisions_[dec.name];
    if (dec.value_type.kind == TypeKind::enumeration && dec.settle != ast::SettleMode::collect) {
      for (const auto& m : program.schema.enums[static_cast<size_t>(dec.value_type.ref)].members) {
        outcomes[m] += 0;
      }
    } else if (dec.value_type.kind == TypeKind::boolean) {
      outcomes["true"] += 0;
      outcomes["false"] += 0;
    }
    outcomes["unknown"] += 0;
    if (dec.applies_when) outcomes["not_applicable"] += 0;
  }
}

void Coverage::record(const Policy& policy, const Case& c, Date as_of) {
  ++cases_;
  SettledCase settled(program_, policy, c, as_of);
  for (size_t i = 0; i < program_.rules.size(); ++i) {
    const CompiledRule& rule = program_.rules[i];
    RuleCoverage& rc = rules_[i];
    count(logic::truth(settled.holds(rule)), rc.fired, rc.not_fired, rc.unknown);
    if (!rc.terms.empty()) {
      std::vector<const CExpr*> terms;
      terms_of(*rule.when, terms);
      std::vector<Truth> truths;
      for (size_t t = 0; t < terms.size(); ++t) {
        truths.push_back(logic::truth(settled.eval(*terms[t])));
        count(truths.back(), rc.terms[t].yes, rc.terms[t].no, rc.terms[t].unknown);
      }
      const Truth outcome = combine(*rule.when, truths, -1);
      for (size_t t = 0; t < terms.size(); ++t) {
        if (outcome == Truth::unknown || truths[t] == Truth::unknown) continue;
        const Truth flipped = combine(*rule.when, truths, static_cast<int>(t));
        // A flip to unknown counts: it is the guard `x is known and ... x ...` deciding.
        if (flipped != outcome) {
          (truths[t] == Truth::yes ? rc.terms[t].decided_true : rc.terms[t].decided_false)++;
        }
      }
    }
  }
  for (const auto& r : settled.advice().recommendations) recommendations_[r.kind + " " + r.id]++;
  for (const auto& d : settled.advice().decisions) decisions_[d.name][outcome_word(program_, d)]++;
}

double Coverage::rule_percent() const {
  if (rules_.empty()) return 100.0;
  int both = 0;
  for (const auto& r : rules_) both += (r.fired > 0 && r.not_fired > 0) ? 1 : 0;
  return 100.0 * both / static_cast<double>(rules_.size());
}

double Coverage::mcdc_percent() const {
  int terms = 0;
  int decided = 0;
  for (const auto& r : rules_) {
    for (const auto& t : r.terms) {
      ++terms;
      decided += t.mcdc() ? 1 : 0;
    }
  }
  return terms == 0 ? 100.0 : 100.0 * decided / static_cast<double>(terms);
}

std::string Coverage::text() const {
  std::string out = fmt::format("Coverage over {} case(s)\n", cases_);
  int both = 0;
  int terms = 0;
  int terms_both = 0;
  int terms_decided = 0;
  std::string rule_gaps;
  std::string term_gaps;
  std::string mcdc_gaps;
  for (const auto& r : rules_) {
    if (r.fired > 0 && r.not_fired > 0) {
      ++both;
    } else {
      rule_gaps +=
          fmt::format("    {}: {}\n", r.id, r.fired == 0 ? "never fired" : "never failed to fire");
    }
    for (const auto& t : r.terms) {
      ++terms;
      if (t.yes > 0 && t.no > 0) {
        ++terms_both;
      } else {
        term_gaps += fmt::format("    {}: `{}` {}\n", r.id, t.text,
                                 t.yes == 0 ? "never true" : "never false");
      }
      if (t.mcdc()) {
        ++terms_decided;
      } else {
        mcdc_gaps += fmt::format("    {}: `{}` never decided the outcome as {}\n", r.id, t.text,
                                 t.decided_true == 0 && t.decided_false == 0 ? "true or false"
                                 : t.decided_true == 0                       ? "true"
                                                                             : "false");
      }
    }
  }
  out += fmt::format("  rules fired and not fired: {} of {} ({:.1f}%)\n", both, rules_.size(),
                     rule_percent());
  out += rule_gaps;
  out += fmt::format("  conditions true and false: {} of {}\n", terms_both, terms);
  out += term_gaps;
  out +=
      fmt::format("  conditions that decided the outcome both ways (MC/DC): {} of {} ({:.1f}%)\n",
                  terms_decided, terms, mcdc_percent());
  out += mcdc_gaps;
  std::string never;
  for (const auto& [id, n] : recommendations_) {
    if (n == 0) never += "    " + id + "\n";
  }
  out += never.empty() ? "  every recommendation is given in some case\n"
                       : "  recommendations never given:\n" + never;
  std::string unreached;
  for (const auto& [decision, outcomes] : decisions_) {
    for (const auto& [outcome, n] : outcomes) {
      if (n == 0) unreached += fmt::format("    {} = {}\n", decision, outcome);
    }
  }
  out += unreached.empty() ? "  every decision outcome is reached in some case\n"
                           : "  decision outcomes never reached:\n" + unreached;
  return out;
}

std::string Coverage::json() const {
  nlohmann::ordered_json j;
  j["cases"] = cases_;
  j["rule_percent"] = rule_percent();
  j["mcdc_percent"] = mcdc_percent();
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& r : rules_) {
    nlohmann::ordered_json rj = {
        {"rule", r.id}, {"fired", r.fired}, {"not_fired", r.not_fired}, {"unknown", r.unknown}};
    nlohmann::ordered_json terms = nlohmann::ordered_json::array();
    for (const auto& t : r.terms) {
      terms.push_back({{"condition", t.text},
                       {"true", t.yes},
                       {"false", t.no},
                       {"unknown", t.unknown},
                       {"decided_true", t.decided_true},
                       {"decided_false", t.decided_false}});
    }
    rj["conditions"] = terms;
    rules.push_back(rj);
  }
  j["rules"] = rules;
  j["recommendations"] = recommendations_;
  j["decisions"] = decisions_;
  return j.dump(2);
}

}  // namespace koers::suite
