#include "syntax/parser.h"

#include <fmt/format.h>

#include "util/utf8.h"

#include "KoersLexer.h"
#include "KoersParser.h"
#include "antlr4-runtime.h"
#include "syntax/name_characters.h"
#include "syntax/syntax_errors.h"
#include "syntax/transform.h"

namespace koers::syntax {

namespace {

// ANTLR pieces that must outlive the parse tree.
struct ParseSession {
  antlr4::ANTLRInputStream input;
  koers_gen::KoersLexer lexer;
  antlr4::CommonTokenStream tokens;
  koers_gen::KoersParser parser;
  FriendlyErrorListener listener;

  ParseSession(const std::string& text, const SourceFilePtr& source, Diagnostics& diags,
               int line_offset, int col_offset)
      : input(text),
        lexer(&input),
        tokens(&lexer),
        parser(&tokens),
        listener(source, diags, line_offset, col_offset) {
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
  }
};

// Parses with ANTLR's fast SLL prediction first and, only if that meets an error, again with full
// LL prediction and the friendly error listener. For a correct file SLL finds the same tree several
// times faster (the cold prediction cache is most of the cost of `koers advise`); for a wrong file
// the second pass reports exactly what a single LL pass would.
template <typename Entry>
auto parse_fast_then_exact(ParseSession& session, Entry entry) -> decltype(entry(session.parser)) {
  auto* interpreter = session.parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  interpreter->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  session.parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  session.parser.removeErrorListeners();
  try {
    return entry(session.parser);
  } catch (const antlr4::ParseCancellationException&) {
    // fall through to the exact pass
  }
  session.parser.reset();
  interpreter->setPredictionMode(antlr4::atn::PredictionMode::LL);
  session.parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  session.parser.addErrorListener(&session.listener);
  return entry(session.parser);
}

// ANTLR's parser recurses once per nesting level; a hostile file with thousands of `(` would
// exhaust the stack. No real rule comes close to this depth.
constexpr int kMaxNesting = 100;

bool nesting_within_limit(const SourceFilePtr& source, Diagnostics& diags) {
  int depth = 0;
  bool in_text = false;
  bool in_comment = false;
  const std::string& text = source->text();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_comment) {
      in_comment = c != '\n';
      continue;
    }
    if (in_text) {
      if (c == '\\')
        ++i;
      else if (c == '"' || c == '\n')
        in_text = false;
      continue;
    }
    if (c == '#')
      in_comment = true;
    else if (c == '"')
      in_text = true;
    else if (c == '(' || c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        auto [line, col] = source->position(i);
        diags.error("K109", Span{source, line, col, 1},
                    "brackets are nested more than 100 deep here",
                    "split the expression into defines");
        return false;
      }
    } else if (c == ')' || c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    }
  }
  return true;
}

}  // namespace

std::optional<ast::File> parse_file(const SourceFilePtr& source, Diagnostics& diags) {
  if (auto bad = first_invalid_utf8(source->text())) {
    auto [line, col] = source->position(*bad);
    diags.error("K110", Span{source, line, col, 1},
                fmt::format("the file is not valid UTF-8: byte 0x{:02X} cannot be here",
                            static_cast<unsigned char>(source->text()[*bad])),
                "save the file as UTF-8 (rule files hold Dutch texts: é, ë, € …)");
    return std::nullopt;
  }
  if (!nesting_within_limit(source, diags)) return std::nullopt;
  ParseSession session(source->text(), source, diags, 0, 0);
  const int bad_names = report_bad_name_characters(session.tokens, source, diags, 0, 0);
  P::FileContext* tree = nullptr;
  try {
    tree = parse_fast_then_exact(session, [](P& parser) { return parser.file(); });
  } catch (const std::exception& e) {
    diags.error("K101", Span{source, 1, 1, 1},
                std::string("could not parse this file: ") + e.what());
    return std::nullopt;
  }
  if (session.listener.errors() > 0 || bad_names > 0) {
    // The tree is not transformed after a syntax error, but every text can still be checked on
    // its own, so problems inside texts show up in the same run.
    TransformContext cx{source, diags};
    // Only texts that are templates: `because`, `against` and `recommend KIND ID "..."` texts.
    std::vector<antlr4::Token*> seen;
    for (antlr4::Token* token : session.tokens.getTokens()) {
      if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      const size_t n = seen.size();
      bool is_template =
          token->getType() == P::STRING && n >= 1 &&
          (seen[n - 1]->getType() == P::BECAUSE || seen[n - 1]->getType() == P::AGAINST ||
           (n >= 3 && seen[n - 3]->getType() == P::RECOMMEND));
      if (is_template) (void)to_template(cx, token);
      seen.push_back(token);
    }
    return std::nullopt;
  }

  Diagnostics transform_diags;
  TransformContext cx{source, transform_diags};
  ast::File file;
  file.source = source;
  for (auto* decl : tree->declaration()) {
    if (auto* d = decl->enumDecl()) file.enums.push_back(to_enum(cx, d));
    if (auto* d = decl->recordDecl()) file.records.push_back(to_record(cx, d));
    if (auto* d = decl->sourceDecl()) file.sources.push_back(to_source(cx, d));
    if (auto* d = decl->parameterDecl()) file.parameters.push_back(to_parameter(cx, d));
    if (auto* d = decl->defineDecl()) file.defines.push_back(to_define(cx, d));
    if (auto* d = decl->decisionDecl()) file.decisions.push_back(to_decision(cx, d));
    if (auto* d = decl->ruleDecl()) file.rules.push_back(to_rule(cx, d));
    if (auto* d = decl->layerDecl()) {
      file.layers.push_back({span_of(cx, d->label), unquote(cx, d->label)});
    }
    if (auto* d = decl->recommendationDecl()) {
      file.recommendations.push_back(to_recommendation(cx, d));
    }
    if (auto* d = decl->kindDecl()) file.kinds.push_back(to_kind(cx, d));
    if (auto* d = decl->chartDecl()) file.charts.push_back(to_chart(cx, d));
    if (auto* d = decl->timelineDecl()) {
      ast::TimelineDecl timeline;
      timeline.span = span_of(cx, d->getStart());
      for (auto* path : d->dotted()) timeline.from.emplace_back(text_of(path), span_of(cx, path));
      file.timelines.push_back(std::move(timeline));
    }
    if (auto* d = decl->languageDecl()) {
      file.languages.push_back({span_of(cx, d->code), unquote(cx, d->code)});
    }
    if (auto* d = decl->defaultPolicyDecl()) {
      if (text_of(d->what) != "policy") {
        transform_diags.error(
            "K101", span_of(cx, d->what),
            fmt::format("expected `policy` after `default`, found `{}`", text_of(d->what)),
            "a rule set names its default policy: `default policy "
            "\"../policies/beleid.yaml\"`");
      } else {
        file.default_policies.push_back({span_of(cx, d->path), unquote(cx, d->path)});
      }
    }
  }
  diags.merge(transform_diags);
  if (transform_diags.has_errors()) return std::nullopt;
  return file;
}

ast::ExprPtr parse_expression(const SourceFilePtr& source, Diagnostics& diags) {
  TransformContext cx{source, diags};
  return parse_embedded_expression(cx, source->text(), 0, 0);
}

ast::ExprPtr parse_embedded_expression(const TransformContext& cx, const std::string& text,
                                       int line, int col) {
  // Positions inside the embedded text start at line 1, column 0; shift them to the real spot.
  ParseSession session(text, cx.source, cx.diags, line == 0 ? 0 : line - 1, col);
  const int bad_names = report_bad_name_characters(session.tokens, cx.source, cx.diags,
                                                   line == 0 ? 0 : line - 1, col);
  P::ExprOnlyContext* tree = nullptr;
  try {
    tree = parse_fast_then_exact(session, [](P& parser) { return parser.exprOnly(); });
  } catch (const std::exception& e) {
    cx.diags.error("K104", Span{cx.source, std::max(line, 1), col + 1, 1},
                   std::string("could not parse this expression: ") + e.what());
    return nullptr;
  }
  if (session.listener.errors() > 0 || bad_names > 0) return nullptr;
  // Spans of the embedded expression refer to the embedded text; rebase them on the real file.
  TransformContext embedded{cx.source, cx.diags};
  ast::ExprPtr expr = to_expr(embedded, tree->expr());
  std::function<void(ast::Expr&)> shift = [&](ast::Expr& e) {
    if (line > 0) {
      e.span.col += (e.span.line == 1) ? col : 0;
      e.span.line += line - 1;
    }
    for (auto& a : e.args) {
      if (a) shift(*a);
    }
    for (auto& f : e.filters) {
      if (f) shift(*f);
    }
  };
  if (expr) shift(*expr);
  return expr;
}

}  // namespace koers::syntax
