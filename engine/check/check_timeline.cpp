// `timeline from a.b, c.d`: where a family's history starts in the timeline of its advice. Each
// path is a date field of the case (through records) or a dated list, whose earliest entry counts.
// At most one declaration in the whole rule set: an organisation's layer may not move it silently.
#include <fmt/format.h>

#include "check/case_path.h"
#include "check/passes.h"

namespace koers::check {

namespace {

std::optional<HistoryStart> resolve(const Schema& schema, const std::string& dotted,
                                    const Span& span, Diagnostics& diags) {
  auto path = resolve_case_path(schema, dotted, span, diags);
  if (!path) return std::nullopt;
  HistoryStart out;
  out.path = dotted;
  out.slots = std::move(path->slots);
  const FieldDef& field = *path->field;
  if (field.type.kind == TypeKind::date) return out;
  if (field.type.is_list() && field.type.element->kind == TypeKind::date) {
    out.list = true;
    return out;
  }
  if (field.type.is_list() && field.dated_by >= 0) {
    out.list = true;
    out.date_slot = field.dated_by;
    return out;
  }
  diags.error("K230", span, fmt::format("`{}` is neither a date nor a dated list", dotted),
              "the timeline starts at a date: a date field, or the earliest entry of a list "
              "that is `dated by` its date");
  return std::nullopt;
}

}  // namespace

void check_timeline(CheckState& st) {
  const ast::TimelineDecl* first = nullptr;
  for (const auto& file : st.files) {
    for (const auto& t : file.timelines) {
      if (first != nullptr) {
        st.diags.error("K201", t.span, "`timeline from` is declared twice",
                       fmt::format("first declared at {}:{}:{}", first->span.path(),
                                   first->span.line, first->span.col));
        continue;
      }
      first = &t;
      for (const auto& [path, span] : t.from) {
        if (auto start = resolve(st.program.schema, path, span, st.diags)) {
          st.program.history_starts.push_back(std::move(*start));
        }
      }
    }
  }
}

}  // namespace koers::check
