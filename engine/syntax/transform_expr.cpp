// Expressions: parse-tree contexts to ast::Expr.
#include "syntax/transform.h"

namespace koers::syntax {

namespace {

ast::ExprPtr node(ast::ExprKind kind, Span span) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->span = std::move(span);
  return e;
}

ast::ExprPtr from_literal(const TransformContext& cx, P::LiteralContext* ctx) {
  Span span = span_of(cx, ctx);
  if (dynamic_cast<P::AsOfLiteralContext*>(ctx)) return node(ast::ExprKind::as_of, span);
  ast::Literal lit = to_literal(cx, ctx);
  ast::ExprPtr e;
  switch (lit.kind) {
    case ast::Literal::Kind::integer:
      e = node(ast::ExprKind::int_literal, span);
      e->int_value = lit.int_value;
      break;
    case ast::Literal::Kind::text:
      e = node(ast::ExprKind::text_literal, span);
      e->text = lit.text;
      break;
    case ast::Literal::Kind::date:
      e = node(ast::ExprKind::date_literal, span);
      e->text = lit.text;
      break;
    case ast::Literal::Kind::boolean:
      e = node(ast::ExprKind::bool_literal, span);
      e->bool_value = lit.bool_value;
      break;
    case ast::Literal::Kind::name:
      e = node(ast::ExprKind::name, span);
      e->text = lit.text;
      break;
  }
  return e;
}

// Binary operators: the span is the operator itself, where a type error is best pointed at.
ast::ExprPtr binary(const TransformContext& cx, antlr4::Token* op, P::ExprContext* left,
                    P::ExprContext* right, std::string op_text) {
  auto e = node(ast::ExprKind::binary, span_of(cx, op));
  e->op = std::move(op_text);
  e->args.push_back(to_expr(cx, left));
  e->args.push_back(to_expr(cx, right));
  return e;
}

}  // namespace

ast::ExprPtr to_expr(const TransformContext& cx, P::ExprContext* ctx) {
  if (ctx == nullptr) return nullptr;
  struct DepthGuard {
    const TransformContext& cx;
    explicit DepthGuard(const TransformContext& c) : cx(c) { ++cx.depth; }
    ~DepthGuard() { --cx.depth; }
  } guard(cx);
  if (cx.depth > kMaxExpressionDepth) {
    if (cx.depth == kMaxExpressionDepth + 1) {
      cx.diags.error("K109", span_of(cx, ctx),
                     "this expression is too deep (more than 256 operators or brackets in a chain)",
                     "split it into defines");
    }
    return nullptr;
  }
  if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) return to_expr(cx, c->expr());
  if (auto* c = dynamic_cast<P::LiteralExprContext*>(ctx)) return from_literal(cx, c->literal());
  if (auto* c = dynamic_cast<P::NameExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::name, span_of(cx, c));
    e->text = text_of(c->name());
    return e;
  }
  if (auto* c = dynamic_cast<P::MemberExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::member, span_of(cx, c->name()));
    e->text = text_of(c->name());
    e->args.push_back(to_expr(cx, c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::call, span_of(cx, c->name()));
    e->text = text_of(c->name());
    for (auto* arg : c->callArg()) {
      e->args.push_back(to_expr(cx, arg->expr(0)));
      e->filters.push_back(arg->filter ? to_expr(cx, arg->filter) : nullptr);
    }
    return e;
  }
  if (auto* c = dynamic_cast<P::ListExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::list, span_of(cx, ctx->getStart()));
    for (auto* item : c->expr()) e->args.push_back(to_expr(cx, item));
    return e;
  }
  if (auto* c = dynamic_cast<P::NegExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::unary, span_of(cx, ctx->getStart()));
    e->op = "-";
    e->args.push_back(to_expr(cx, c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::unary, span_of(cx, ctx->getStart()));
    e->op = "not";
    e->args.push_back(to_expr(cx, c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::DurationExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::duration, span_of(cx, c->unit));
    std::string unit = c->unit->getText();
    if (unit.back() != 's') unit += 's';
    e->op = unit;
    e->args.push_back(to_expr(cx, c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) {
    return binary(cx, c->op, c->expr(0), c->expr(1), c->op->getText());
  }
  if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) {
    return binary(cx, c->op, c->expr(0), c->expr(1), c->op->getText());
  }
  if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) {
    return binary(cx, c->op, c->expr(0), c->expr(1), c->op->getText());
  }
  if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) {
    return binary(cx, c->K_AND()->getSymbol(), c->expr(0), c->expr(1), "and");
  }
  if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) {
    return binary(cx, c->K_OR()->getSymbol(), c->expr(0), c->expr(1), "or");
  }
  if (auto* c = dynamic_cast<P::InExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::in, span_of(cx, c->K_IN()->getSymbol()));
    e->negated = c->K_NOT() != nullptr;
    e->args.push_back(to_expr(cx, c->expr(0)));
    e->args.push_back(to_expr(cx, c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::PresenceExprContext*>(ctx)) {
    auto e = node(ast::ExprKind::presence, span_of(cx, c->IS()->getSymbol()));
    e->negated = c->K_NOT() != nullptr;
    std::string check = c->check->getText();
    e->op = check;
    e->args.push_back(to_expr(cx, c->expr()));
    return e;
  }
  cx.diags.error("K101", span_of(cx, ctx), "this expression is not understood");
  return nullptr;
}

}  // namespace koers::syntax
