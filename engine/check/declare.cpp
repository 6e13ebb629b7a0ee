// Pass 2: sources, parameters, defines and decisions get their names and types, so that any
// expression may refer to any of them regardless of file order.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "check/passes.h"
#include "data/default_value.h"

namespace koers::check {

namespace {

// An http(s) address with a host and nothing a link could misread: the only URLs a source may have.
bool is_web_address(std::string_view url) {
  std::string lower(url.substr(0, 8));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  const size_t scheme = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
  if (scheme == 0 || url.size() == scheme || url[scheme] == '/') return false;
  return std::none_of(url.begin(), url.end(), [](unsigned char ch) {
    return ch <= ' ' || ch == 0x7f || ch == '"' || ch == '<' || ch == '>' || ch == '\\';
  });
}

template <typename Decl>
void report_duplicate(Diagnostics& diags, const char* what, const std::string& name,
                      const Span& first, const Decl& again) {
  diags.error("K201", again.span, fmt::format("{} `{}` is declared twice", what, name),
              fmt::format("first declared at {}:{}:{}", first.path(), first.line, first.col));
}

const std::set<std::string> kSourceKinds = {"guideline", "seed", "organisation"};

}  // namespace

void check_recommendation_kind(const Program& program, const std::string& kind, const Span& span,
                               Diagnostics& diags) {
  if (program.kind(kind) != nullptr) return;
  std::vector<std::string> ids;
  for (const auto& k : program.kinds) ids.push_back(k.id);
  std::string hint = closest_match(kind, ids);
  diags.error(
      "K216", span, fmt::format("`{}` is not a declared kind of recommendation", kind),
      !hint.empty()
          ? fmt::format("did you mean `{}`?", hint)
          : fmt::format("declare it with its label: `kind {} \"...\" heading \"...\"`", kind));
}

void declare(CheckState& st) {
  Program& program = st.program;
  const Schema& schema = program.schema;

  // Series functions find the date of a record through the list that holds it (`dated by`).
  for (const auto& rec : schema.records) {
    for (const auto& f : rec.fields) {
      if (f.dated_by >= 0 && f.type.is_list())
        st.symbols.record_date_slot[f.type.element->ref] = f.dated_by;
    }
  }

  // Sources.
  std::map<std::string, Span> sources;
  for (const auto& file : st.files) {
    for (const auto& s : file.sources) {
      if (auto it = sources.find(s.id); it != sources.end()) {
        report_duplicate(st.diags, "source", s.id, it->second, s);
        continue;
      }
      sources.emplace(s.id, s.span);
      if (!kSourceKinds.count(s.kind)) {
        std::vector<std::string> kinds(kSourceKinds.begin(), kSourceKinds.end());
        std::string hint = closest_match(s.kind, kinds);
        st.diags.error("K213", s.kind.empty() ? s.span : s.kind_span,
                       s.kind.empty() ? fmt::format("source `{}` has no `kind`", s.id)
                                      : fmt::format("`{}` is not a kind of source", s.kind),
                       hint.empty() ? "a source is of kind `guideline`, `seed` or `organisation`"
                                    : fmt::format("did you mean `{}`?", hint));
      }
      if (s.title.empty()) {
        st.diags.error("K213", s.span, fmt::format("source `{}` has no `title`", s.id));
      }
      if (!s.url.empty() && !is_web_address(s.url)) {
        // Reports and the page render the URL as a link: `javascript:` or `file:` there would run
        // or open something on the reader's machine.
        st.diags.error("K224", s.span,
                       fmt::format("the url of source `{}` is not a web address", s.id),
                       "a source's url starts with `https://` (or `http://`) and has no spaces");
      }
      program.sources.push_back(SourceInfo{s.id, s.title, s.url, s.kind, s.span});
    }
  }
  std::sort(program.sources.begin(), program.sources.end(),
            [](const SourceInfo& a, const SourceInfo& b) { return a.id < b.id; });

  // Kinds of recommendation: each once, with a label, in the order of their declarations.
  for (const auto& file : st.files) {
    for (const auto& k : file.kinds) {
      if (const RecommendationKind* first = program.kind(k.id)) {
        report_duplicate(st.diags, "kind", k.id, first->span, k);
        continue;
      }
      if (k.label.empty()) {
        st.diags.error("K216", k.span, fmt::format("kind `{}` has an empty label", k.id),
                       "the label is what caseworkers read, as in \"Actie\"");
      }
      program.kinds.push_back(RecommendationKind{
          k.id, k.label, k.heading.empty() ? k.label : k.heading, k.urgent, k.span});
    }
  }

  // Recommendations: each id once, of a known kind, with a label.
  std::map<std::string, Span> recommendations;
  for (const auto& file : st.files) {
    for (const auto& r : file.recommendations) {
      if (auto it = recommendations.find(r.id); it != recommendations.end()) {
        report_duplicate(st.diags, "recommendation", r.id, it->second, r);
        continue;
      }
      recommendations.emplace(r.id, r.span);
      check_recommendation_kind(program, r.kind, r.kind_span, st.diags);
      if (r.label.empty()) {
        st.diags.error("K216", r.span, fmt::format("recommendation `{}` has an empty label", r.id),
                       "the label is what caseworkers read, as in \"Caseload verlagen\"");
      }
      program.recommendations.push_back(RecommendationInfo{r.kind, r.id, r.label, r.span});
    }
  }
  std::sort(program.recommendations.begin(), program.recommendations.end(),
            [](const RecommendationInfo& a, const RecommendationInfo& b) { return a.id < b.id; });

  auto check_source = [&](const std::string& id, const Span& span, const char* who) {
    if (id.empty()) return;
    if (!sources.count(id)) {
      std::vector<std::string> ids;
      for (const auto& [name, _] : sources) ids.push_back(name);
      std::string hint = closest_match(id, ids);
      st.diags.error(
          "K209", span, fmt::format("{} cites source `{}`, which is not declared", who, id),
          hint.empty()
              ? "declare it with `source " + id + " { title \"...\" url \"...\" kind guideline }`"
              : fmt::format("did you mean `{}`?", hint));
    }
  };

  // Parameters.
  std::map<std::string, Span> params;
  for (const auto& file : st.files) {
    for (const auto& p : file.parameters) {
      if (auto it = params.find(p.id); it != params.end()) {
        report_duplicate(st.diags, "parameter", p.id, it->second, p);
        continue;
      }
      params.emplace(p.id, p.span);
      ParameterInfo info;
      info.id = p.id;
      info.type = resolve_type(p.type, schema, st.diags);
      info.title = p.title;
      info.unit = p.unit;
      info.source = p.source;
      info.note = p.note;
      info.span = p.span;
      if (info.type.is_list() || info.type.kind == TypeKind::record) {
        st.diags.error("K204", p.type.span,
                       "a parameter is a single value: `bool`, `int`, `text`, `date` or an enum");
      } else if (p.default_value) {
        if (auto d = check_default(*p.default_value, info.type, false, schema, st.diags)) {
          info.default_value = value_of_default(*d, info.type);
        }
      }
      if (p.range) {
        const auto [lo, hi] = *p.range;
        if (info.type.kind != TypeKind::integer) {
          st.diags.error("K211", p.range_span,
                         fmt::format("`range` needs a whole-number parameter; `{}` is {}", p.id,
                                     schema.type_name(info.type)));
        } else if (lo > hi) {
          st.diags.error(
              "K211", p.range_span,
              fmt::format("the range {}..{} is empty: its lower end is above its upper end", lo,
                          hi));
        } else {
          info.range = p.range;
          if (info.default_value && std::holds_alternative<int64_t>(info.default_value->v)) {
            const int64_t d = info.default_value->as_int();
            if (d < lo || d > hi) {
              st.diags.error("K211", p.range_span,
                             fmt::format("the default {} of `{}` is outside its range {}..{}", d,
                                         p.id, lo, hi),
                             "widen the range, or change the default");
            }
          }
        }
      }
      for (const auto& [what, span] : p.duplicates) {
        st.diags.error("K215", span,
                       fmt::format("parameter `{}` has more than one `{}`", p.id, what),
                       "keep one: the last would silently replace the first");
      }
      check_source(p.source, p.source_span, "this parameter");
      program.parameters.push_back(std::move(info));
    }
  }
  std::sort(program.parameters.begin(), program.parameters.end(),
            [](const ParameterInfo& a, const ParameterInfo& b) { return a.id < b.id; });
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    st.symbols.parameters[program.parameters[i].id] = static_cast<int>(i);
    st.symbols.parameter_types.push_back(program.parameters[i].type);
  }

  // Defines.
  static const std::set<std::string> reserved = {"policy", "decision", "it", "as_of"};
  std::map<std::string, const ast::DefineDecl*> defines;
  for (const auto& file : st.files) {
    for (const auto& d : file.defines) {
      if (auto it = defines.find(d.name); it != defines.end()) {
        report_duplicate(st.diags, "define", d.name, it->second->span, d);
        continue;
      }
      if (reserved.count(d.name) || schema.root_record().index_of(d.name) >= 0) {
        st.diags.error("K201", d.span,
                       fmt::format("`{}` is already the name of {}", d.name,
                                   reserved.count(d.name) ? "a keyword" : "a case field"),
                       "choose another name for this define");
        continue;
      }
      defines.emplace(d.name, &d);
    }
  }
  for (const auto& [name, decl] : defines) {
    CompiledDefine def;
    def.name = name;
    def.type = resolve_type(decl->type, schema, st.diags);
    def.span = decl->span;
    st.symbols.defines[name] = static_cast<int>(program.defines.size());
    st.symbols.define_types.push_back(def.type);
    st.define_decls.push_back(decl);
    program.defines.push_back(std::move(def));
  }

  // Decisions.
  std::map<std::string, const ast::DecisionDecl*> decisions;
  for (const auto& file : st.files) {
    for (const auto& d : file.decisions) {
      if (auto it = decisions.find(d.name); it != decisions.end()) {
        report_duplicate(st.diags, "decision", d.name, it->second->span, d);
        continue;
      }
      decisions.emplace(d.name, &d);
    }
  }
  for (const auto& [name, decl] : decisions) {
    CompiledDecision dec;
    dec.name = name;
    dec.title = decl->title;
    dec.span = decl->span;
    dec.value_type = resolve_type(decl->type, schema, st.diags);
    if (dec.value_type.kind != TypeKind::boolean && dec.value_type.kind != TypeKind::enumeration &&
        dec.value_type.kind != TypeKind::any) {
      st.diags.error("K217", decl->type.span,
                     fmt::format("a decision is `bool` or an enum; `{}` is {}", name,
                                 schema.type_name(dec.value_type)));
      dec.value_type = Type::any();
    }
    if (!decl->settle) {
      st.diags.error("K217", decl->span,
                     fmt::format("decision `{}` does not say how it is settled", name),
                     "add `settle first` (by priority), `settle unique` or `settle collect`");
    }
    dec.settle = decl->settle.value_or(ast::SettleMode::first);
    if (dec.settle == ast::SettleMode::collect && dec.value_type.kind == TypeKind::boolean) {
      st.diags.error(
          "K217", decl->settle_span,
          fmt::format("decision `{}` is `bool`; `collect` gathers the values of an enum", name),
          "use `settle first` or `settle unique` for a yes/no decision");
    }
    dec.type =
        dec.settle == ast::SettleMode::collect ? Type::list_of(dec.value_type) : dec.value_type;
    if (decl->otherwise_count > 1) {
      st.diags.error("K215", decl->span,
                     fmt::format("decision `{}` has more than one `otherwise`", name));
    }
    st.symbols.decisions[name] = static_cast<int>(program.decisions.size());
    st.symbols.decision_types.push_back(dec.type);
    st.decision_decls.push_back(decl);
    program.decisions.push_back(std::move(dec));
  }
  st.define_deps.resize(program.defines.size());
  st.decision_deps.resize(program.decisions.size());

  // Rules: ids unique; sorted by id so nothing depends on file order.
  std::map<std::string, const ast::RuleDecl*> rules;
  for (const auto& file : st.files) {
    for (const auto& r : file.rules) {
      if (auto it = rules.find(r.id); it != rules.end()) {
        report_duplicate(st.diags, "rule", r.id, it->second->span, r);
        continue;
      }
      rules.emplace(r.id, &r);
      check_source(r.source, r.source_span, "this rule");
    }
  }
  for (const auto& [id, decl] : rules) st.rule_decls.push_back(decl);
}

}  // namespace koers::check
