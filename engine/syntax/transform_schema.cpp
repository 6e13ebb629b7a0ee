// Schema declarations: `enum` and `record`.
#include "syntax/transform.h"

namespace koers::syntax {

ast::EnumDecl to_enum(const TransformContext& cx, P::EnumDeclContext* ctx) {
  ast::EnumDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.name = text_of(ctx->name());
  for (auto* member : ctx->enumMember()) {
    ast::EnumMember m;
    m.span = span_of(cx, member->name());
    m.name = text_of(member->name());
    if (member->label) m.label = unquote(cx, member->label);
    decl.members.push_back(std::move(m));
  }
  return decl;
}

static void apply_option(const TransformContext& cx, ast::FieldDecl& field,
                         P::FieldOptionContext* option) {
  if (dynamic_cast<P::OptRequiredContext*>(option)) {
    field.required = true;
  } else if (dynamic_cast<P::OptNullableContext*>(option)) {
    field.nullable = true;
  } else if (auto* d = dynamic_cast<P::OptDefaultContext*>(option)) {
    field.default_value = to_constant(cx, d->constant());
  } else if (auto* r = dynamic_cast<P::OptRangeContext*>(option)) {
    auto value = [&](P::SignedIntContext* s) {
      int64_t v = to_int(cx, s->INT()->getSymbol());
      return s->MINUS() ? -v : v;
    };
    field.range = std::make_pair(value(r->lo), value(r->hi));
  } else if (auto* l = dynamic_cast<P::OptLengthContext*>(option)) {
    field.length = to_int(cx, l->INT()->getSymbol());
  } else if (auto* u = dynamic_cast<P::OptUniqueContext*>(option)) {
    field.unique = true;
    if (u->by) field.unique_by = text_of(u->by);
    if (u->scope) field.unique_in = text_of(u->scope);
  } else if (auto* d2 = dynamic_cast<P::OptDatedContext*>(option)) {
    field.dated = true;
    if (d2->name()) field.dated_by = text_of(d2->name());
  } else if (auto* n = dynamic_cast<P::OptNotBeforeContext*>(option)) {
    field.not_before = text_of(n->name());
  } else if (auto* s = dynamic_cast<P::OptSumOfContext*>(option)) {
    field.sum_of = text_of(s->name());
  } else if (auto* p = dynamic_cast<P::OptPatternContext*>(option)) {
    field.pattern = unquote(cx, p->STRING()->getSymbol());
  } else if (auto* q = dynamic_cast<P::OptQuestionContext*>(option)) {
    field.question = unquote(cx, q->STRING()->getSymbol());
  } else if (auto* t = dynamic_cast<P::OptTitleContext*>(option)) {
    field.title = unquote(cx, t->STRING(0)->getSymbol());
    if (t->item != nullptr) field.item_title = unquote(cx, t->item);
  }
}

ast::RecordDecl to_record(const TransformContext& cx, P::RecordDeclContext* ctx) {
  ast::RecordDecl decl;
  decl.span = span_of(cx, ctx->name());
  decl.name = text_of(ctx->name());
  for (auto* item : ctx->recordItem()) {
    if (auto* f = dynamic_cast<P::FieldDeclContext*>(item)) {
      ast::FieldDecl field;
      field.span = span_of(cx, f->name());
      field.name = text_of(f->name());
      field.type = to_type(cx, f->typeRef());
      for (auto* option : f->fieldOption()) {
        if (field.option_span.line == 0) field.option_span = span_of(cx, option);
        apply_option(cx, field, option);
      }
      decl.fields.push_back(std::move(field));
    } else if (auto* o = dynamic_cast<P::RequireOneOfContext*>(item)) {
      ast::RecordDecl::OneOf one_of;
      one_of.span = span_of(cx, o->getStart());
      for (auto* n : o->name()) one_of.fields.push_back(text_of(n));
      decl.one_of.push_back(std::move(one_of));
    }
  }
  return decl;
}

}  // namespace koers::syntax
