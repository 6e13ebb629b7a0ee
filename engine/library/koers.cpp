// The public library (include/koers/koers.h) over the engine: the same steps, in the same order,
// as `koers advise` and `koers report`, so a host program's advice is byte for byte the command's.
#include "koers/koers.h"

#include <stdexcept>

#include "api/rules_and_policy.h"
#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "value/date.h"

namespace koers::api {

struct RuleSet::State {
  RulesAndPolicy loaded;
};

struct CaseFile::State {
  // The rule set whose schema the case was read against (kept alive, so no other rule set can
  // take its place in memory and pass the check in advise).
  std::shared_ptr<const RuleSet::State> rules;
  Case loaded;
};

struct Advice::State {
  std::shared_ptr<const RuleSet::State> rules;  // the advice is rendered with its own rules
  koers::Advice advice;
};

namespace {

void add_problems(const Diagnostics& diags, std::vector<Problem>& problems) {
  for (const Diagnostic& d : diags.sorted()) {
    Problem p;
    p.file = d.span.file ? d.span.path() : d.path_for_display;
    p.line = d.span.line;
    p.column = d.span.col;
    p.severity = d.severity == Severity::error ? "error" : "warning";
    p.code = d.code;
    p.message = d.message;
    p.hint = d.hint;
    p.rendered = render(d);
    problems.push_back(std::move(p));
  }
}

}  // namespace

std::optional<RuleSet> RuleSet::load(const LoadOptions& options, std::vector<Problem>& problems) {
  Diagnostics diags;
  RulesAndPolicyRequest request;
  request.layers = options.rule_layers;
  request.policy = options.policy_file;
  request.policy_hint = "name another in LoadOptions::policy_file";
  auto loaded = load_rules_and_policy(request, diags);
  if (!loaded && !diags.has_errors()) {
    diags.error("K001", {}, "the rule set could not be loaded");  // never nullopt without a why
  }
  add_problems(diags, problems);
  if (!loaded || diags.has_errors()) return std::nullopt;
  return RuleSet(std::make_shared<const State>(State{std::move(*loaded)}));
}

std::optional<CaseFile> RuleSet::read_case(std::string_view text, std::string_view name,
                                           std::vector<Problem>& problems) const {
  Diagnostics diags;
  auto source = std::make_shared<SourceFile>(std::string(name), std::string(text));
  auto c = load_case(state_->loaded.program.schema, source, diags);
  add_problems(diags, problems);
  if (!c || diags.has_errors()) return std::nullopt;
  c->file = std::string(name);
  return CaseFile(std::make_shared<const CaseFile::State>(CaseFile::State{state_, std::move(*c)}));
}

Advice RuleSet::advise(const CaseFile& case_file, std::string_view as_of) const {
  if (case_file.state_->rules != state_) {
    throw std::invalid_argument(
        "koers: the case was read by another rule set; read it again with this one");
  }
  const Case& c = case_file.state_->loaded;
  Date date;
  if (as_of.empty()) {
    date = c.as_of.value_or(today_utc());
  } else if (auto parsed = parse_date(as_of)) {
    date = *parsed;
  } else {
    throw std::invalid_argument("koers: the advice date must be YYYY-MM-DD, found `" +
                                std::string(as_of) + "`");
  }
  return Advice(std::make_shared<const Advice::State>(
      Advice::State{state_, evaluate(state_->loaded.program, state_->loaded.policy, c, date)}));
}

std::string RuleSet::rules_sha256() const {
  return state_->loaded.program.rules_sha256;
}

std::string RuleSet::policy_sha256() const {
  return state_->loaded.policy.sha256;
}

std::string RuleSet::language() const {
  return std::string(state_->loaded.program.words().language);
}

std::string CaseFile::id() const {
  return state_->loaded.case_id;
}

std::string CaseFile::sha256() const {
  return state_->loaded.sha256;
}

bool Advice::ok() const {
  return state_->advice.errors.empty();
}

std::vector<std::string> Advice::errors() const {
  return state_->advice.errors;
}

std::string Advice::as_of() const {
  return state_->advice.as_of;
}

std::string Advice::receipt() const {
  return state_->advice.receipt;
}

std::string Advice::render(Format format) const {
  if (!ok()) {
    throw std::logic_error("koers: this advice failed (" + state_->advice.errors.front() +
                           "); there is nothing to render");
  }
  const Program& program = state_->rules->loaded.program;
  switch (format) {
    case Format::json:
      return render_json(program, state_->advice);
    case Format::text:
      return render_text(program, state_->advice);
    case Format::html:
      return render_html(program, state_->advice);
    case Format::print:
      return render_print_html(program, state_->advice);
  }
  throw std::invalid_argument("koers: unknown format");
}

std::string version() {
  return engine_version();
}

}  // namespace koers::api
