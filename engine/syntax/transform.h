#pragma once
// Typed transform functions from ANTLR parse-tree contexts to Koers' own AST, one file per grammar
// area. Private to the syntax layer.
#include "KoersParser.h"
#include "ast/ast.h"
#include "diag/diagnostic.h"

namespace koers::syntax {

using P = koers_gen::KoersParser;

// Shared state of one transform: the source, and where problems found while transforming go
// (bad dates, bad escapes, bad `{...}` parts in texts).
struct TransformContext {
  SourceFilePtr source;
  Diagnostics& diags;
  // How deep the expression being transformed is: a chain of thousands of `and`s is a tree that
  // deep, and every later stage recurses over it, so the depth is bounded here.
  mutable int depth = 0;
};

constexpr int kMaxExpressionDepth = 256;

Span span_of(const TransformContext& cx, antlr4::Token* token);
Span span_of(const TransformContext& cx, antlr4::ParserRuleContext* rule);
std::string text_of(P::NameContext* name);
std::string text_of(P::DottedContext* dotted);
// The content of a STRING token, escapes resolved.
std::string unquote(const TransformContext& cx, antlr4::Token* token);
ast::Template to_template(const TransformContext& cx, antlr4::Token* token);

ast::ExprPtr to_expr(const TransformContext& cx, P::ExprContext* ctx);
ast::TypeRef to_type(const TransformContext& cx, P::TypeRefContext* ctx);
ast::Literal to_literal(const TransformContext& cx, P::LiteralContext* ctx);
ast::Literal to_constant(const TransformContext& cx, P::ConstantContext* ctx);
int64_t to_int(const TransformContext& cx, antlr4::Token* token);

ast::EnumDecl to_enum(const TransformContext& cx, P::EnumDeclContext* ctx);
ast::RecordDecl to_record(const TransformContext& cx, P::RecordDeclContext* ctx);
ast::SourceDecl to_source(const TransformContext& cx, P::SourceDeclContext* ctx);
ast::RecommendationDecl to_recommendation(const TransformContext& cx,
                                          P::RecommendationDeclContext* ctx);
ast::KindDecl to_kind(const TransformContext& cx, P::KindDeclContext* ctx);
ast::ChartDecl to_chart(const TransformContext& cx, P::ChartDeclContext* ctx);
ast::ParameterDecl to_parameter(const TransformContext& cx, P::ParameterDeclContext* ctx);
ast::DefineDecl to_define(const TransformContext& cx, P::DefineDeclContext* ctx);
ast::DecisionDecl to_decision(const TransformContext& cx, P::DecisionDeclContext* ctx);
ast::RuleDecl to_rule(const TransformContext& cx, P::RuleDeclContext* ctx);

// Parses the text of one `{...}` part of a template; positions are shifted to where it stands.
ast::ExprPtr parse_embedded_expression(const TransformContext& cx, const std::string& text,
                                       int line, int col);

}  // namespace koers::syntax
