// Spans, names, texts and templates: the pieces every transform uses.
#include <fmt/format.h>

#include "syntax/transform.h"

namespace koers::syntax {

Span span_of(const TransformContext& cx, antlr4::Token* token) {
  if (token == nullptr) return Span{cx.source, 0, 0, 1};
  int length =
      static_cast<int>(token->getStopIndex()) - static_cast<int>(token->getStartIndex()) + 1;
  return Span{cx.source, static_cast<int>(token->getLine()),
              static_cast<int>(token->getCharPositionInLine()) + 1, std::max(1, length)};
}

Span span_of(const TransformContext& cx, antlr4::ParserRuleContext* rule) {
  if (rule == nullptr) return Span{cx.source, 0, 0, 1};
  Span span = span_of(cx, rule->getStart());
  antlr4::Token* stop = rule->getStop();
  if (stop != nullptr && stop->getLine() == rule->getStart()->getLine() &&
      stop->getStopIndex() >= rule->getStart()->getStartIndex()) {
    span.length = static_cast<int>(stop->getStopIndex() - rule->getStart()->getStartIndex()) + 1;
  }
  return span;
}

std::string text_of(P::NameContext* name) {
  return name ? name->getText() : std::string();
}

std::string text_of(P::DottedContext* dotted) {
  if (dotted == nullptr) return {};
  std::string out;
  for (auto* part : dotted->name()) {
    if (!out.empty()) out += '.';
    out += part->getText();
  }
  return out;
}

// Resolves escapes in the raw text between the quotes.
static std::string unescape(const TransformContext& cx, const std::string& raw, Span where,
                            bool report = true) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out += raw[i];
      continue;
    }
    char next = raw[++i];
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
      case '\\':
      case '{':
      case '}':
        out += next;
        break;
      default:
        if (!report) break;
        cx.diags.error("K107", where, fmt::format("unknown escape `\\{}` in a text", next),
                       "write `\\\"` for a quote, `\\\\` for a backslash, `\\{` for a brace");
    }
  }
  return out;
}

std::string unquote(const TransformContext& cx, antlr4::Token* token) {
  if (token == nullptr) return {};
  std::string raw = token->getText();
  raw = raw.substr(1, raw.size() - 2);
  return unescape(cx, raw, span_of(cx, token));
}

namespace {

// Splits at `separator` where it is not inside a "..." text (an expression may compare with one).
std::vector<std::string> split_outside_quotes(const std::string& text, char separator) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // The raw token text writes a quote inside the template as \" (which opens and closes an
    // expression's text alike), and a backslash inside that text as \\.
    if (c == '\\' && i + 1 < text.size()) {
      if (text[i + 1] == '"') quoted = !quoted;
      out.back() += text.substr(i++, 2);
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (c == separator && !quoted) {
      out.emplace_back();
      continue;
    }
    out.back() += c;
  }
  return out;
}

}  // namespace

ast::Template to_template(const TransformContext& cx, antlr4::Token* token) {
  ast::Template tpl;
  tpl.span = span_of(cx, token);
  if (token == nullptr) return tpl;
  std::string raw = token->getText();
  raw = raw.substr(1, raw.size() - 2);
  tpl.raw = unescape(cx, raw, tpl.span, /*report=*/false);  // the parts below report
  std::string literal;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      literal += raw.substr(i, 2);
      ++i;
      continue;
    }
    if (c == '}') {
      Span at = tpl.span;
      at.col += static_cast<int>(i) + 1;
      at.length = 1;
      cx.diags.error("K104", at, "a `}` in a text has no opening `{`",
                     "write `\\}` for a brace in the text itself");
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    size_t close = raw.find('}', i + 1);
    if (close == std::string::npos) {
      Span at = tpl.span;
      at.col += static_cast<int>(i) + 1;
      cx.diags.error("K104", at, "a `{` in a text has no closing `}`",
                     "a `{...}` part shows a value, as in \"{maanden} maanden\"; write `\\{` for a "
                     "brace in the text itself");
      return tpl;
    }
    if (!literal.empty()) {
      tpl.parts.push_back({unescape(cx, literal, tpl.span), nullptr, {}, {}});
      literal.clear();
    }
    std::string inner = raw.substr(i + 1, close - i - 1);
    // The embedded text starts one character after the `{`; the token's column is 1-based and
    // the quote takes one column.
    int col0 = tpl.span.col + static_cast<int>(i) + 1;
    if (inner.find_first_not_of(" \t") == std::string::npos) {
      Span at = tpl.span;
      at.col = col0;
      cx.diags.error("K104", at, "an empty `{}` in a text", "put a value between the braces");
    } else {
      // `{n | kind | kinderen}`: a count and the two forms of the word that follows it.
      std::vector<std::string> pieces = split_outside_quotes(inner, '|');
      ast::Template::Part part;
      part.expr = parse_embedded_expression(cx, pieces[0], tpl.span.line, col0);
      if (pieces.size() > 1) {
        auto word = [](const std::string& piece) {
          const size_t first = piece.find_first_not_of(" \t");
          if (first == std::string::npos) return std::string();
          return piece.substr(first, piece.find_last_not_of(" \t") - first + 1);
        };
        if (pieces.size() != 3 || word(pieces[1]).empty() || word(pieces[2]).empty()) {
          Span at = tpl.span;
          at.col = col0;
          at.length = static_cast<int>(inner.size());
          cx.diags.error("K104", at,
                         "a `{...}` part with `|` needs a number, the singular and the plural",
                         "write it as \"{count(family.children) | kind | kinderen}\"");
        } else {
          part.singular = word(pieces[1]);
          part.plural = word(pieces[2]);
        }
      }
      tpl.parts.push_back(std::move(part));
    }
    i = close;
  }
  if (!literal.empty()) tpl.parts.push_back({unescape(cx, literal, tpl.span), nullptr, {}, {}});
  return tpl;
}

int64_t to_int(const TransformContext& cx, antlr4::Token* token) {
  if (token == nullptr) return 0;
  const std::string text = token->getText();
  int64_t value = 0;
  for (char c : text) {
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, c - '0', &value)) {
      cx.diags.error("K106", span_of(cx, token), fmt::format("the number `{}` is too large", text));
      return 0;
    }
  }
  return value;
}

ast::Literal to_literal(const TransformContext& cx, P::LiteralContext* ctx) {
  ast::Literal lit;
  lit.span = span_of(cx, ctx);
  if (auto* i = dynamic_cast<P::IntLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::integer;
    lit.int_value = to_int(cx, i->INT()->getSymbol());
  } else if (auto* n = dynamic_cast<P::NegIntLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::integer;
    lit.int_value = -to_int(cx, n->INT()->getSymbol());
  } else if (auto* s = dynamic_cast<P::StringLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::text;
    lit.text = unquote(cx, s->STRING()->getSymbol());
  } else if (auto* d = dynamic_cast<P::DateLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::date;
    lit.text = d->DATE()->getText();  // calendar validity is checked by the checker (K105)
  } else if (dynamic_cast<P::TrueLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::boolean;
    lit.bool_value = true;
  } else if (dynamic_cast<P::FalseLiteralContext*>(ctx)) {
    lit.kind = ast::Literal::Kind::boolean;
    lit.bool_value = false;
  } else if (dynamic_cast<P::AsOfLiteralContext*>(ctx)) {
    cx.diags.error("K108", lit.span, "`as_of` is not a constant here");
  }
  return lit;
}

ast::Literal to_constant(const TransformContext& cx, P::ConstantContext* ctx) {
  if (ctx->literal() != nullptr) return to_literal(cx, ctx->literal());
  ast::Literal lit;
  lit.span = span_of(cx, ctx);
  lit.kind = ast::Literal::Kind::name;
  lit.text = text_of(ctx->name());
  return lit;
}

ast::TypeRef to_type(const TransformContext& cx, P::TypeRefContext* ctx) {
  ast::TypeRef type;
  type.span = span_of(cx, ctx);
  if (auto* list = dynamic_cast<P::ListTypeContext*>(ctx)) {
    type.name = "list";
    type.element = std::make_unique<ast::TypeRef>(to_type(cx, list->typeRef()));
  } else if (auto* named = dynamic_cast<P::NamedTypeContext*>(ctx)) {
    type.name = text_of(named->name());
  }
  return type;
}

}  // namespace koers::syntax
