// Pass 5: rules. Conditions are conditions, conclusions fit their decision's type, recommendations
// are of a known kind, and every rule says something.
#include <fmt/format.h>

#include <algorithm>

#include "check/passes.h"

namespace koers::check {

void check_rules(CheckState& st) {
  Program& program = st.program;
  const Schema& schema = program.schema;
  for (const ast::RuleDecl* decl : st.rule_decls) {
    const ast::RuleDecl& r = *decl;
    CompiledRule rule;
    rule.id = r.id;
    rule.title = r.title;
    rule.source = r.source;
    rule.priority = r.priority.value_or(0);
    rule.span = r.span;
    for (const auto& [what, span] : r.duplicates) {
      st.diags.error(
          "K215", span, fmt::format("rule `{}` has more than one `{}`", r.id, what),
          what == "when" ? "join the conditions with `and`, or use `unless` for exceptions" : "");
    }
    if (r.source.empty() && st.options.rules_need_a_source) {
      st.diags.error("K227", r.span, fmt::format("rule `{}` cites no source", r.id),
                     "add `source <id>` naming the guideline, or the organisation's own decision, "
                     "that the rule carries out; a caseworker must be able to look it up");
    }
    Dependencies deps;
    if (!r.when) {
      st.diags.error("K215", r.span, fmt::format("rule `{}` has no `when`", r.id),
                     "say when the rule applies: `when <condition>`");
    } else {
      rule.when = check_expr(*r.when, st.symbols, st.diags, deps, Type::boolean());
      if (!assignable(Type::boolean(), rule.when->type)) {
        st.diags.error(
            "K204", r.when->span,
            fmt::format("`when` needs a condition, found `{}`", schema.type_name(rule.when->type)));
      }
    }
    for (const auto& u : r.unless) {
      CExpr c = check_expr(*u, st.symbols, st.diags, deps, Type::boolean());
      if (!assignable(Type::boolean(), c.type)) {
        st.diags.error(
            "K204", u->span,
            fmt::format("`unless` needs a condition, found `{}`", schema.type_name(c.type)));
      }
      rule.unless.push_back(std::move(c));
    }
    std::set<int> concluded;
    for (const auto& c : r.conclusions) {
      auto it = st.symbols.decisions.find(c.decision);
      if (it == st.symbols.decisions.end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : st.symbols.decisions) names.push_back(n);
        std::string hint = closest_match(c.decision, names);
        st.diags.error("K208", c.span, fmt::format("unknown decision `{}`", c.decision),
                       hint.empty()
                           ? "declare it with `decision " + c.decision + ": bool { settle first }`"
                           : fmt::format("did you mean `{}`?", hint));
        continue;
      }
      if (!concluded.insert(it->second).second) {
        st.diags.error("K215", c.span, fmt::format("rule `{}` sets `{}` twice", r.id, c.decision));
        continue;
      }
      const CompiledDecision& dec = program.decisions[static_cast<size_t>(it->second)];
      CompiledConclusion conclusion;
      conclusion.decision = it->second;
      conclusion.value = check_expr(*c.value, st.symbols, st.diags, deps, dec.value_type);
      if (!assignable(dec.value_type, conclusion.value.type)) {
        st.diags.error(
            "K207", c.value->span,
            fmt::format("decision `{}` is {}, but this rule sets it to {}", dec.name,
                        schema.type_name(dec.value_type), schema.type_name(conclusion.value.type)));
      }
      rule.conclusions.push_back(std::move(conclusion));
    }
    for (const auto& rec : r.recommendations) {
      check_recommendation_kind(program, rec.kind, rec.kind_span, st.diags);
      if (const RecommendationInfo* declared = program.recommendation(rec.id);
          declared != nullptr && declared->kind != rec.kind) {
        st.diags.error("K216", rec.kind_span,
                       fmt::format("recommendation `{}` is declared as `{}`, not `{}`", rec.id,
                                   declared->kind, rec.kind),
                       fmt::format("declared at {}:{}:{}", declared->span.path(),
                                   declared->span.line, declared->span.col));
      }
      CompiledRecommendation cr;
      cr.kind = rec.kind;
      cr.id = rec.id;
      cr.label = program.recommendation_label(rec.id);
      cr.text = check_template(rec.text, st.symbols, st.diags, deps);
      rule.recommendations.push_back(std::move(cr));
    }
    if (r.conclusions.empty() && r.recommendations.empty()) {
      st.diags.error("K215", r.span, fmt::format("rule `{}` concludes nothing", r.id),
                     "add `then <decision> = <value>` or `recommend <kind> <id> \"text\"`");
    }
    rule.because = check_because(r.because, st, deps);
    rule.against = check_because(r.against, st, deps);
    if (!r.against.empty() && r.conclusions.empty()) {
      st.diags.error("K215", r.span,
                     fmt::format("rule `{}` has `against` texts but sets no decision", r.id),
                     "`against` explains why a decision's value was not chosen");
    }
    for (int d : concluded) {
      Dependencies& dd = st.decision_deps[static_cast<size_t>(d)];
      dd.decisions.insert(deps.decisions.begin(), deps.decisions.end());
      dd.defines.insert(deps.defines.begin(), deps.defines.end());
    }
    program.rules.push_back(std::move(rule));
  }

  // Which rules settle which decision, in the order they are tried.
  for (size_t i = 0; i < program.rules.size(); ++i) {
    const CompiledRule& rule = program.rules[i];
    if (rule.conclusions.empty()) program.recommendation_rules.push_back(static_cast<int>(i));
    for (const auto& c : rule.conclusions) {
      program.decisions[static_cast<size_t>(c.decision)].rules.push_back(static_cast<int>(i));
    }
  }
  for (auto* list : {&program.recommendation_rules}) {
    std::stable_sort(list->begin(), list->end(), [&](int a, int b) {
      return program.rules[static_cast<size_t>(a)].priority >
             program.rules[static_cast<size_t>(b)].priority;
    });
  }
  for (auto& dec : program.decisions) {
    std::stable_sort(dec.rules.begin(), dec.rules.end(), [&](int a, int b) {
      return program.rules[static_cast<size_t>(a)].priority >
             program.rules[static_cast<size_t>(b)].priority;
    });
    if (dec.settle != ast::SettleMode::first) continue;
    // `first` tries rules by priority; two rules at one priority would leave the order to chance.
    for (size_t k = 1; k < dec.rules.size(); ++k) {
      const CompiledRule& a = program.rules[static_cast<size_t>(dec.rules[k - 1])];
      const CompiledRule& b = program.rules[static_cast<size_t>(dec.rules[k])];
      if (a.priority == b.priority) {
        st.diags.error(
            "K218", b.span,
            fmt::format("rules `{}` and `{}` both set `{}` with priority {}", a.id, b.id, dec.name,
                        a.priority),
            fmt::format("decision `{}` is settled `first` by priority: give each rule its own "
                        "`priority`",
                        dec.name));
      }
    }
  }
}

}  // namespace koers::check
