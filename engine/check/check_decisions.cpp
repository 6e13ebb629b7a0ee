// Pass 4: the parts of a decision that are not rules: `applies when`, `require`, `otherwise`.
#include <fmt/format.h>

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
                       "name the case field that is missing, as in `measurements.obvlk`");
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
