// Sources, parameters, defines, decisions and rules.
#include <fmt/format.h>

#include <set>
#include <string>

#include "syntax/transform.h"

namespace koers::syntax {

ast::RecommendationDecl to_recommendation(const TransformContext& cx,
                                          P::RecommendationDeclContext* ctx) {
  ast::RecommendationDecl decl;
  decl.span = span_of(cx, ctx->id);
  decl.kind = text_of(ctx->kind);
  decl.kind_span = span_of(cx, ctx->kind);
  decl.id = text_of(ctx->id);
  decl.label = unquote(cx, ctx->label);
  return decl;
}

ast::KindDecl to_kind(const TransformContext& cx, P::KindDeclContext* ctx) {
  ast::KindDecl decl;
  decl.span = span_of(cx, ctx->id);
  decl.id = text_of(ctx->id);
  decl.label = unquote(cx, ctx->label);
  if (ctx->heading != nullptr) decl.heading = unquote(cx, ctx->heading);
  decl.urgent = ctx->URGENT() != nullptr;
  return decl;
}

ast::ChartDecl to_chart(const TransformContext& cx, P::ChartDeclContext* ctx) {
  ast::ChartDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.name = text_of(ctx->name());
  // Each part once (lines and markers may repeat): a second title or series would silently win.
  std::set<std::string> parts;
  for (auto* prop : ctx->chartProp()) {
    const std::string part = prop->getStart()->getText();
    if (part != "line" && part != "marker" && !parts.insert(part).second) {
      cx.diags.error("K215", span_of(cx, prop->getStart()),
                     fmt::format("chart `{}` has `{}` twice", decl.name, part),
                     "give each part of a chart once");
    }
    if (auto* t = dynamic_cast<P::ChartTitleContext*>(prop)) {
      decl.title = unquote(cx, t->STRING()->getSymbol());
    } else if (auto* s = dynamic_cast<P::ChartSeriesContext*>(prop)) {
      decl.series = text_of(s->dotted());
      decl.series_span = span_of(cx, s->dotted());
    } else if (auto* r = dynamic_cast<P::ChartRangeContext*>(prop)) {
      auto value = [&](P::SignedIntContext* v) {
        const int64_t n = to_int(cx, v->INT()->getSymbol());
        return v->MINUS() ? -n : n;
      };
      decl.range = std::make_pair(value(r->lo), value(r->hi));
      decl.range_span = span_of(cx, r->lo);
    } else if (auto* w = dynamic_cast<P::ChartWindowContext*>(prop)) {
      decl.window = text_of(w->dotted());
      decl.window_span = span_of(cx, w->dotted());
      if (w->STRING() != nullptr) decl.window_label = unquote(cx, w->STRING()->getSymbol());
    } else if (auto* l = dynamic_cast<P::ChartLineContext*>(prop)) {
      decl.lines.push_back(
          {span_of(cx, l->dotted()), text_of(l->dotted()), unquote(cx, l->STRING()->getSymbol())});
    } else if (auto* m = dynamic_cast<P::ChartMarkerContext*>(prop)) {
      ast::ChartDecl::Marker marker;
      marker.span = span_of(cx, m->dotted());
      marker.list = text_of(m->dotted());
      marker.label = unquote(cx, m->STRING()->getSymbol());
      if (m->name() != nullptr) {
        marker.by = text_of(m->name());
        marker.by_span = span_of(cx, m->name());
      }
      decl.markers.push_back(std::move(marker));
    } else if (auto* d = dynamic_cast<P::ChartDecisionContext*>(prop)) {
      decl.decision = text_of(d->name());
      decl.decision_span = span_of(cx, d->name());
    } else if (auto* n = dynamic_cast<P::ChartNoteContext*>(prop)) {
      decl.note = unquote(cx, n->STRING()->getSymbol());
    }
  }
  return decl;
}

ast::SourceDecl to_source(const TransformContext& cx, P::SourceDeclContext* ctx) {
  ast::SourceDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.id = text_of(ctx->name());
  for (auto* prop : ctx->sourceProp()) {
    if (auto* t = dynamic_cast<P::SourceTitleContext*>(prop)) {
      decl.title = unquote(cx, t->STRING()->getSymbol());
    } else if (auto* u = dynamic_cast<P::SourceUrlContext*>(prop)) {
      decl.url = unquote(cx, u->STRING()->getSymbol());
    } else if (auto* k = dynamic_cast<P::SourceKindContext*>(prop)) {
      decl.kind = text_of(k->name());
      decl.kind_span = span_of(cx, k->name());
    }
  }
  return decl;
}

ast::ParameterDecl to_parameter(const TransformContext& cx, P::ParameterDeclContext* ctx) {
  ast::ParameterDecl decl;
  decl.span = span_of(cx, ctx->dotted());
  decl.id = text_of(ctx->dotted());
  decl.type = to_type(cx, ctx->typeRef());
  std::set<std::string> seen;
  for (auto* prop : ctx->parameterProp()) {
    // Each part once: a second `range` or `default` would silently replace the first.
    const std::string part = prop->getStart()->getText();
    if (!seen.insert(part).second)
      decl.duplicates.emplace_back(part, span_of(cx, prop->getStart()));
    if (auto* t = dynamic_cast<P::ParamTitleContext*>(prop)) {
      decl.title = unquote(cx, t->STRING()->getSymbol());
    } else if (auto* u = dynamic_cast<P::ParamUnitContext*>(prop)) {
      decl.unit = unquote(cx, u->STRING()->getSymbol());
    } else if (auto* r = dynamic_cast<P::ParamRangeContext*>(prop)) {
      auto value = [&](P::SignedIntContext* s) {
        int64_t v = to_int(cx, s->INT()->getSymbol());
        return s->MINUS() ? -v : v;
      };
      decl.range = std::make_pair(value(r->lo), value(r->hi));
      decl.range_span = span_of(cx, prop);
    } else if (auto* d = dynamic_cast<P::ParamDefaultContext*>(prop)) {
      decl.default_value = to_constant(cx, d->constant());
    } else if (auto* s = dynamic_cast<P::ParamSourceContext*>(prop)) {
      decl.source = text_of(s->name());
      decl.source_span = span_of(cx, s->name());
    } else if (auto* n = dynamic_cast<P::ParamNoteContext*>(prop)) {
      decl.note = unquote(cx, n->STRING()->getSymbol());
    }
  }
  return decl;
}

ast::DefineDecl to_define(const TransformContext& cx, P::DefineDeclContext* ctx) {
  ast::DefineDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.name = text_of(ctx->name());
  decl.type = to_type(cx, ctx->typeRef());
  decl.value = to_expr(cx, ctx->expr());
  return decl;
}

static ast::Because to_because(const TransformContext& cx, P::BecauseClauseContext* ctx) {
  ast::Because because;
  because.text = to_template(cx, ctx->STRING()->getSymbol());
  if (ctx->expr()) because.condition = to_expr(cx, ctx->expr());
  return because;
}

ast::DecisionDecl to_decision(const TransformContext& cx, P::DecisionDeclContext* ctx) {
  ast::DecisionDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.name = text_of(ctx->name());
  decl.type = to_type(cx, ctx->typeRef());
  for (auto* prop : ctx->decisionProp()) {
    if (auto* t = dynamic_cast<P::DecisionTitleContext*>(prop)) {
      decl.title = unquote(cx, t->STRING()->getSymbol());
    } else if (auto* s = dynamic_cast<P::DecisionSettleContext*>(prop)) {
      decl.settle_span = span_of(cx, s->how);
      const size_t how = s->how->getType();
      decl.settle = how == P::FIRST    ? ast::SettleMode::first
                    : how == P::UNIQUE ? ast::SettleMode::unique
                                       : ast::SettleMode::collect;
    } else if (auto* a = dynamic_cast<P::DecisionAppliesContext*>(prop)) {
      decl.applies_when = to_expr(cx, a->expr());
      for (auto* b : a->becauseClause()) decl.not_applicable_because.push_back(to_because(cx, b));
    } else if (auto* r = dynamic_cast<P::DecisionRequireContext*>(prop)) {
      ast::DecisionDecl::Requirement req;
      req.span = span_of(cx, r->getStart());
      req.condition = to_expr(cx, r->expr());
      req.missing_field = text_of(r->dotted());
      req.missing_field_span = span_of(cx, r->dotted());
      req.note = to_template(cx, r->STRING()->getSymbol());
      decl.requirements.push_back(std::move(req));
    } else if (dynamic_cast<P::DecisionCandidatesContext*>(prop)) {
      decl.show_candidates = true;
    } else if (auto* k = dynamic_cast<P::DecisionConditionContext*>(prop)) {
      ast::DecisionDecl::Condition cond;
      cond.span = span_of(cx, k->name());
      cond.id = text_of(k->name());
      cond.label = unquote(cx, k->label);
      cond.when = to_expr(cx, k->expr());
      for (auto* b : k->becauseClause()) cond.because.push_back(to_because(cx, b));
      decl.conditions.push_back(std::move(cond));
    } else if (auto* al = dynamic_cast<P::DecisionAlertContext*>(prop)) {
      if (decl.alert.empty()) decl.alert_span = span_of(cx, al->getStart());
      for (auto* level : al->alertLevel()) {
        decl.alert.push_back({to_constant(cx, level->constant()), text_of(level->severity),
                              span_of(cx, level->severity)});
      }
    } else if (auto* o = dynamic_cast<P::DecisionOtherwiseContext*>(prop)) {
      ++decl.otherwise_count;
      decl.otherwise = to_expr(cx, o->expr());
      for (auto* b : o->becauseClause()) decl.otherwise_because.push_back(to_because(cx, b));
    }
  }
  return decl;
}

ast::RuleDecl to_rule(const TransformContext& cx, P::RuleDeclContext* ctx) {
  ast::RuleDecl rule;
  rule.span = span_of(cx, ctx->dotted());
  rule.id = text_of(ctx->dotted());
  if (ctx->OVERRIDES() != nullptr && ctx->reason != nullptr) {
    rule.overrides_reason = unquote(cx, ctx->reason);
    rule.overrides_span = span_of(cx, ctx->OVERRIDES()->getSymbol());
  }
  auto once = [&](const char* what, bool already, antlr4::ParserRuleContext* where) {
    if (already) rule.duplicates.emplace_back(what, span_of(cx, where->getStart()));
  };
  for (auto* prop : ctx->ruleProp()) {
    if (auto* t = dynamic_cast<P::RuleTitleContext*>(prop)) {
      once("title", !rule.title.empty(), t);
      rule.title = unquote(cx, t->STRING()->getSymbol());
    } else if (auto* s = dynamic_cast<P::RuleSourceContext*>(prop)) {
      once("source", !rule.source.empty(), s);
      rule.source = text_of(s->name());
      rule.source_span = span_of(cx, s->name());
    } else if (auto* p = dynamic_cast<P::RulePriorityContext*>(prop)) {
      once("priority", rule.priority.has_value(), p);
      rule.priority = to_int(cx, p->INT()->getSymbol());
      rule.priority_span = span_of(cx, p->INT()->getSymbol());
    } else if (auto* w = dynamic_cast<P::RuleWhenContext*>(prop)) {
      once("when", rule.when_count > 0, w);
      ++rule.when_count;
      rule.when = to_expr(cx, w->expr());
    } else if (auto* u = dynamic_cast<P::RuleUnlessContext*>(prop)) {
      rule.unless.push_back(to_expr(cx, u->expr()));
    } else if (auto* th = dynamic_cast<P::RuleThenContext*>(prop)) {
      ast::Conclusion c;
      c.span = span_of(cx, th->name());
      c.decision = text_of(th->name());
      c.value = to_expr(cx, th->expr());
      rule.conclusions.push_back(std::move(c));
    } else if (auto* r = dynamic_cast<P::RuleRecommendContext*>(prop)) {
      ast::Recommendation rec;
      rec.span = span_of(cx, r->getStart());
      rec.kind = text_of(r->kind);
      rec.kind_span = span_of(cx, r->kind);
      rec.id = text_of(r->id);
      rec.id_span = span_of(cx, r->id);
      rec.text = to_template(cx, r->STRING()->getSymbol());
      rule.recommendations.push_back(std::move(rec));
    } else if (auto* b = dynamic_cast<P::RuleBecauseContext*>(prop)) {
      rule.because.push_back(to_because(cx, b->becauseClause()));
    } else if (auto* a = dynamic_cast<P::RuleAgainstContext*>(prop)) {
      ast::Because against;
      against.text = to_template(cx, a->STRING()->getSymbol());
      if (a->expr()) against.condition = to_expr(cx, a->expr());
      rule.against.push_back(std::move(against));
    }
  }
  return rule;
}

}  // namespace koers::syntax
