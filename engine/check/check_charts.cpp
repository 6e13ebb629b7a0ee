// Pass 8: charts (`chart name { ... }`). Each names a dated list of records and the whole-number
// field to draw, a scale, and optionally a window and reference lines from parameters, markers from
// other dated lists and the decision it illustrates. Paths are resolved against the schema here, so
// evaluation reads the case by slot and never by name.
#include <fmt/format.h>

#include "check/case_path.h"
#include "check/passes.h"

namespace koers::check {

namespace {

// A chart's scale is drawn with a grid line per step: a bound keeps its arithmetic exact.
constexpr int64_t kScaleLimit = 1'000'000'000;

struct ListAt {
  std::vector<int> path;  // field slots from the case root to the list
  const FieldDef* field = nullptr;
};

// The list at a dotted path of records from the case root; reports K230 and gives nullopt when the
// path is not one (case_path.h) or its last part is not a list.
std::optional<ListAt> resolve_list(const Schema& schema, const std::string& dotted,
                                   const Span& span, Diagnostics& diags) {
  auto path = resolve_case_path(schema, dotted, span, diags);
  if (!path) return std::nullopt;
  if (!path->field->type.is_list()) {
    diags.error("K230", span, fmt::format("`{}` is not a list", dotted),
                "a chart draws the entries of a dated list");
    return std::nullopt;
  }
  return ListAt{std::move(path->slots), path->field};
}

// A whole-number parameter named as `policy.<id>`; -1 (and K230 or K223) when it is not one.
int whole_number_parameter(const Program& program, const std::string& dotted, const Span& span,
                           Diagnostics& diags) {
  if (!dotted.starts_with("policy.")) {
    diags.error("K230", span,
                fmt::format("expected a parameter, as in `policy.{}`, found `{}`", dotted, dotted));
    return -1;
  }
  const std::string id = dotted.substr(7);
  const int index = program.parameter_index(id);
  if (index < 0) {
    std::vector<std::string> ids;
    for (const auto& p : program.parameters) ids.push_back(p.id);
    const std::string hint = closest_match(id, ids);
    diags.error("K223", span, fmt::format("unknown parameter `{}`", id),
                hint.empty() ? "" : fmt::format("did you mean `policy.{}`?", hint));
    return -1;
  }
  if (program.parameters[static_cast<size_t>(index)].type.kind != TypeKind::integer) {
    diags.error("K230", span, fmt::format("parameter `{}` is not a whole number", id));
    return -1;
  }
  return index;
}

// The date of a list's entries: -1 for a list of dates, else the element record's `dated by`
// field; nullopt (with K230) when the entries have no date.
std::optional<int> date_slot_of(const ListAt& list, const std::string& path, const Span& span,
                                Diagnostics& diags) {
  const Type& element = *list.field->type.element;
  if (element.kind == TypeKind::date) return -1;
  if (element.kind == TypeKind::record && list.field->dated_by >= 0) return list.field->dated_by;
  diags.error("K230", span, fmt::format("the entries of `{}` have no date", path),
              "a chart places entries in time: declare the list `dated by` its date field");
  return std::nullopt;
}

}  // namespace

void check_charts(CheckState& st) {
  Program& program = st.program;
  const Schema& schema = program.schema;
  std::map<std::string, Span> seen;
  for (const auto& file : st.files) {
    for (const auto& c : file.charts) {
      if (auto it = seen.find(c.name); it != seen.end()) {
        st.diags.error("K201", c.span, fmt::format("chart `{}` is declared twice", c.name),
                       fmt::format("first declared at {}:{}:{}", it->second.path(), it->second.line,
                                   it->second.col));
        continue;
      }
      seen.emplace(c.name, c.span);
      CompiledChart chart;
      chart.name = c.name;
      chart.title = c.title;
      chart.note = c.note;
      chart.span = c.span;
      bool ok = true;
      if (c.title.empty()) {
        st.diags.error("K230", c.span, fmt::format("chart `{}` has no `title`", c.name),
                       "the title is what people read above the chart");
        ok = false;
      }
      if (!c.range) {
        st.diags.error("K230", c.span, fmt::format("chart `{}` has no scale", c.name),
                       "give the values it can take: `range 10..40`");
        ok = false;
      } else if (c.range->first < -kScaleLimit || c.range->second > kScaleLimit) {
        st.diags.error(
            "K230", c.range_span,
            fmt::format("the scale goes beyond what a chart can draw (-{0}..{0})", kScaleLimit));
        ok = false;
      } else if (c.range->first >= c.range->second) {
        st.diags.error("K230", c.range_span,
                       "the scale is empty: the low end must be below the high");
        ok = false;
      } else {
        chart.low = c.range->first;
        chart.high = c.range->second;
      }
      if (c.series.empty()) {
        st.diags.error("K230", c.span, fmt::format("chart `{}` has no `series`", c.name),
                       "name the list and the number to draw: `series list.field`");
        ok = false;
      } else {
        const size_t dot = c.series.rfind('.');
        const std::string value = c.series.substr(dot + 1);
        const std::string list_path = dot == std::string::npos ? "" : c.series.substr(0, dot);
        std::optional<ListAt> list;
        if (list_path.empty()) {
          st.diags.error("K230", c.series_span,
                         "a series names a list and the field to draw: `series list.field`");
        } else {
          list = resolve_list(schema, list_path, c.series_span, st.diags);
        }
        if (list && list->field->type.element->kind != TypeKind::record) {
          st.diags.error("K230", c.series_span,
                         fmt::format("the entries of `{}` are not records with a field `{}`",
                                     list_path, value));
          list.reset();
        }
        if (list) {
          const RecordDef& element =
              schema.records[static_cast<size_t>(list->field->type.element->ref)];
          const int slot = element.index_of(value);
          if (slot < 0 ||
              element.fields[static_cast<size_t>(slot)].type.kind != TypeKind::integer) {
            st.diags.error("K230", c.series_span,
                           slot < 0 ? fmt::format("`{}` is not a field of the entries of `{}`",
                                                  value, list_path)
                                    : fmt::format("`{}` is not a whole number", c.series));
            list.reset();
          } else {
            chart.value_slot = slot;
          }
        }
        std::optional<int> date;
        if (list) date = date_slot_of(*list, list_path, c.series_span, st.diags);
        if (list && date) {
          chart.list_path = list->path;
          chart.date_slot = *date;
        } else {
          ok = false;
        }
      }
      if (!c.window.empty()) {
        chart.window_parameter = whole_number_parameter(program, c.window, c.window_span, st.diags);
        chart.window_label = c.window_label;
        ok = ok && chart.window_parameter >= 0;
      }
      for (const auto& line : c.lines) {
        const int index = whole_number_parameter(program, line.parameter, line.span, st.diags);
        ok = ok && index >= 0;
        chart.lines.push_back({index, line.label});
      }
      for (const auto& m : c.markers) {
        auto list = resolve_list(schema, m.list, m.span, st.diags);
        std::optional<int> date;
        if (list) date = date_slot_of(*list, m.list, m.span, st.diags);
        if (!list || !date) {
          ok = false;
          continue;
        }
        CompiledChart::Marker marker;
        marker.list_path = list->path;
        marker.date_slot = *date;
        marker.label = m.label;
        if (!m.by.empty()) {
          const Type& element = *list->field->type.element;
          const int slot = element.kind == TypeKind::record
                               ? schema.records[static_cast<size_t>(element.ref)].index_of(m.by)
                               : -1;
          if (slot < 0) {
            st.diags.error("K230", m.by_span,
                           fmt::format("`{}` is not a field of the entries of `{}`", m.by, m.list));
            ok = false;
            continue;
          }
          marker.text_slot = slot;
        }
        chart.markers.push_back(std::move(marker));
      }
      if (!c.decision.empty()) {
        chart.decision = program.decision_index(c.decision);
        if (chart.decision < 0) {
          std::vector<std::string> names;
          for (const auto& d : program.decisions) names.push_back(d.name);
          const std::string hint = closest_match(c.decision, names);
          st.diags.error("K208", c.decision_span, fmt::format("unknown decision `{}`", c.decision),
                         hint.empty() ? "" : fmt::format("did you mean `{}`?", hint));
          ok = false;
        }
      }
      if (ok) program.charts.push_back(std::move(chart));
    }
  }
}

}  // namespace koers::check
