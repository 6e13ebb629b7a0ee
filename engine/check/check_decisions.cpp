// Pass 4: the parts of a decision that are not rules: `applies when`, `require`, `otherwise`.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "check/passes.h"

namespace koers::check {

namespace {

// A `require ... else missing FIELD` names a case field; it must exist, so the advice never names
// a field a caseworker cannot find.
bool valid_case_path(const Schema& schema, const std::string& path) {
  const RecordDef* rec = &schema.root_record();
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    int slot = rec->index_of(part);
    if (slot < 0) return false;
    if (dot == std::string::npos) return true;
    Type t = rec->fields[static_cast<size_t>(slot)].type;
    if (t.is_list()) t = *t.element;
    if (t.kind != TypeKind::record) return false;
    rec = &schema.records[static_cast<size_t>(t.ref)];
    start = dot + 1;
  }
}

}  // namespace

std::vector<CompiledBecause> check_because(const std::vector<ast::Because>& list, CheckState& st,
                                           Dependencies& deps) {
  std::vector<CompiledBecause> out;
  for (const auto& b : list) {
    CompiledBecause cb;
    cb.text = check_template(b.text, st.symbols, st.diags, deps);
    if (b.condition) {
      cb.condition = check_expr(*b.condition, st.symbols, st.diags, deps, Type::boolean());
      if (!assignable(Type::boolean(), cb.condition->type)) {
        st.diags.error("K204", b.condition->span, "`if` needs a condition");
      }
    }
    out.push_back(std::move(cb));
  }
  return out;
}

namespace {

// "`a`, `b`, `c`", for messages.
std::string comma_separated(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "`" : ", `") + w + "`";
  return out;
}

// `alert value: severity, ...`: every value of the decision once, each with a known severity.
void check_alert(const ast::DecisionDecl& decl, CompiledDecision& dec, const Schema& schema,
                 Diagnostics& diags) {
  if (decl.alert.empty()) return;
  std::vector<std::string> values;
  if (dec.value_type.kind == TypeKind::boolean) {
    values = {"false", "true"};
  } else if (dec.value_type.kind == TypeKind::enumeration) {
    values = schema.enums[static_cast<size_t>(dec.value_type.ref)].members;
  }
  if (values.empty() || dec.settle == ast::SettleMode::collect) {
    diags.error("K217", decl.alert_span,
                fmt::format("decision `{}` cannot be an alert: an alert has one value, a yes/no "
                            "or a member of an enum",
                            dec.name));
    return;
  }
  std::vector<std::optional<AlertSeverity>> levels(values.size());
  const std::vector<std::string> severities(std::begin(kAlertSeverityNames),
                                            std::end(kAlertSeverityNames));
  bool bad = false;  // a value or level already reported: what is left unsaid would repeat it
  for (const auto& level : decl.alert) {
    const std::string value = level.value.kind == ast::Literal::Kind::boolean
                                  ? (level.value.bool_value ? "true" : "false")
                                  : level.value.text;
    const auto at = std::find(values.begin(), values.end(), value);
    if (at == values.end() || (level.value.kind != ast::Literal::Kind::boolean &&
                               level.value.kind != ast::Literal::Kind::name)) {
      const std::string hint = closest_match(value, values);
      diags.error("K217", level.value.span,
                  fmt::format("`{}` is not a value of decision `{}`", value, dec.name),
                  hint.empty() ? "its values are " + comma_separated(values)
                               : fmt::format("did you mean `{}`?", hint));
      bad = true;
      continue;
    }
    const auto severity = std::find(severities.begin(), severities.end(), level.severity);
    if (severity == severities.end()) {
      const std::string hint = closest_match(level.severity, severities);
      diags.error("K217", level.severity_span,
                  fmt::format("`{}` is not how loud an alert can be", level.severity),
                  hint.empty() ? "an alert value is `urgent`, `high`, `watch` or `calm`"
                               : fmt::format("did you mean `{}`?", hint));
      bad = true;
      continue;
    }
    auto& slot = levels[static_cast<size_t>(at - values.begin())];
    if (slot) {
      diags.error("K201", level.value.span,
                  fmt::format("the alert of `{}` names `{}` twice", dec.name, value));
      bad = true;
      continue;
    }
    slot = static_cast<AlertSeverity>(severity - severities.begin());
  }
  if (bad) return;
  std::vector<std::string> unsaid;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!levels[i]) unsaid.push_back(values[i]);
  }
  if (!unsaid.empty()) {
    diags.error("K217", decl.alert_span,
                fmt::format("the alert of `{}` does not say how loud {} is", dec.name,
                            comma_separated(unsaid)),
                "give every value a level: `urgent`, `high`, `watch` or `calm`");
    return;
  }
  for (const auto& level : levels) dec.alert_levels.push_back(*level);
}

}  // namespace

void check_decisions(CheckState& st) {
  Program& program = st.program;
  for (size_t i = 0; i < program.decisions.size(); ++i) {
    const ast::DecisionDecl& decl = *st.decision_decls[i];
    CompiledDecision& dec = program.decisions[i];
    Dependencies& deps = st.decision_deps[i];
    if (decl.applies_when) {
      Dependencies applies;
      dec.applies_when =
          check_expr(*decl.applies_when, st.symbols, st.diags, applies, Type::boolean());
      if (!assignable(Type::boolean(), dec.applies_when->type)) {
        st.diags.error("K204", decl.applies_when->span, "`applies when` needs a condition");
      }
      dec.applies_decisions.assign(applies.decisions.begin(), applies.decisions.end());
      deps.decisions.insert(applies.decisions.begin(), applies.decisions.end());
      deps.defines.insert(applies.defines.begin(), applies.defines.end());
    }
    dec.not_applicable_because = check_because(decl.not_applicable_because, st, deps);
    for (const auto& req : decl.requirements) {
      CompiledDecision::Requirement r;
      r.condition = check_expr(*req.condition, st.symbols, st.diags, deps, Type::boolean());
      if (!assignable(Type::boolean(), r.condition.type)) {
        st.diags.error("K204", req.condition->span, "`require` needs a condition");
      }
      if (!valid_case_path(program.schema, req.missing_field)) {
        st.diags.error("K203", req.missing_field_span,
                       fmt::format("`{}` is not a field of the case", req.missing_field),
                       "name the case field that is missing, as in `record.field`");
      }
      r.missing_field = req.missing_field;
      r.note = check_template(req.note, st.symbols, st.diags, deps);
      dec.requirements.push_back(std::move(r));
    }
    if (decl.otherwise) {
      dec.otherwise = check_expr(*decl.otherwise, st.symbols, st.diags, deps, dec.value_type);
      if (!assignable(dec.value_type, dec.otherwise->type)) {
        st.diags.error("K207", decl.otherwise->span,
                       fmt::format("decision `{}` is {}, but `otherwise` gives {}", dec.name,
                                   program.schema.type_name(dec.value_type),
                                   program.schema.type_name(dec.otherwise->type)));
      }
      if (dec.settle == ast::SettleMode::collect) {
        st.diags.error(
            "K217", decl.otherwise->span,
            "a `collect` decision has no `otherwise`: with no rule it is the empty list");
      }
    }
    dec.otherwise_because = check_because(decl.otherwise_because, st, deps);
    check_alert(decl, dec, program.schema, st.diags);
    dec.show_candidates = decl.show_candidates;
    if (decl.show_candidates && dec.value_type.kind != TypeKind::enumeration) {
      st.diags.error("K217", decl.span,
                     "`candidates` lists the values of an enum; this decision is not an enum");
    }
    std::set<std::string> condition_ids;
    for (const auto& c : decl.conditions) {
      if (!condition_ids.insert(c.id).second) {
        st.diags.error("K201", c.span, fmt::format("condition `{}` is declared twice", c.id));
        continue;
      }
      CompiledDecision::Condition cc;
      cc.id = c.id;
      cc.label = c.label;
      // Conditions are shown with the decision, so what they read is settled before it.
      cc.when = check_expr(*c.when, st.symbols, st.diags, deps, Type::boolean());
      if (!assignable(Type::boolean(), cc.when.type)) {
        st.diags.error("K204", c.when->span, "`condition ... when` needs a condition");
      }
      cc.because = check_because(c.because, st, deps);
      dec.conditions.push_back(std::move(cc));
    }
  }
}

}  // namespace koers::check
