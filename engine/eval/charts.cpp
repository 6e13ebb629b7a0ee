#include "eval/charts.h"

#include <algorithm>

#include "eval/evaluator.h"
#include "value/date.h"

namespace koers {

namespace {

// The list at a path of field slots from the case root; nullptr where a record or the list is
// absent, unknown or none.
const std::vector<Value>* list_at(const Record& root, const std::vector<int>& path) {
  const Record* record = &root;
  for (size_t i = 0; i < path.size(); ++i) {
    const Value& v = record->fields[static_cast<size_t>(path[i])];
    if (i + 1 == path.size()) {
      const auto* list = std::get_if<ListPtr>(&v.v);
      return list != nullptr ? list->get() : nullptr;
    }
    const auto* next = std::get_if<RecordPtr>(&v.v);
    if (next == nullptr) return nullptr;
    record = next->get();
  }
  return nullptr;
}

// The date of one entry: the entry itself (a list of dates) or its date field.
std::optional<Date> date_of(const Value& entry, int date_slot) {
  const Value* v = &entry;
  if (date_slot >= 0) {
    const auto* r = std::get_if<RecordPtr>(&entry.v);
    if (r == nullptr) return std::nullopt;
    v = &(*r)->fields[static_cast<size_t>(date_slot)];
  }
  const auto* d = std::get_if<Date>(&v->v);
  return d != nullptr ? std::optional<Date>(*d) : std::nullopt;
}

std::optional<int64_t> whole_number(const Value& v) {
  const auto* n = std::get_if<int64_t>(&v.v);
  return n != nullptr ? std::optional<int64_t>(*n) : std::nullopt;
}

}  // namespace

std::vector<ChartResult> evaluate_charts(const Program& program, const Record& root,
                                         const std::vector<Value>& parameters, Date as_of,
                                         const std::vector<DecisionResult>& decisions) {
  std::vector<ChartResult> charts;
  for (const CompiledChart& chart : program.charts) {
    ChartResult out;
    out.name = chart.name;
    out.title = chart.title;
    out.note = chart.note;
    out.low = chart.low;
    out.high = chart.high;
    out.until = as_of;
    out.window_label = chart.window_label;
    if (const auto* list = list_at(root, chart.list_path)) {
      for (const Value& entry : *list) {
        const auto* r = std::get_if<RecordPtr>(&entry.v);
        if (r == nullptr) continue;
        const auto date = date_of(entry, chart.date_slot);
        const auto value = whole_number((*r)->fields[static_cast<size_t>(chart.value_slot)]);
        if (date && value && *date <= as_of) out.points.push_back({*date, *value});
      }
    }
    // A chart without points says nothing: it is left out, as a case without measurements has none.
    if (out.points.empty()) continue;
    std::stable_sort(out.points.begin(), out.points.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    if (chart.window_parameter >= 0) {
      if (auto months = whole_number(parameters[static_cast<size_t>(chart.window_parameter)])) {
        // A window of 0 to 100 years back: a policy value beyond that draws no sensible window.
        out.window_from = add_months(as_of, -std::clamp<int64_t>(*months, 0, 1200));
        for (const auto& p : out.points) {
          if (p.date <= *out.window_from) out.baseline = p.date;
        }
      }
    }
    for (const auto& line : chart.lines) {
      if (auto value = whole_number(parameters[static_cast<size_t>(line.parameter)])) {
        out.lines.push_back({line.label, *value});
      }
    }
    for (const auto& m : chart.markers) {
      ChartResult::Markers markers{m.label, {}};
      if (const auto* list = list_at(root, m.list_path)) {
        for (const Value& entry : *list) {
          const auto date = date_of(entry, m.date_slot);
          if (!date || *date > as_of) continue;
          std::string text;
          if (m.text_slot >= 0) {
            const auto* r = std::get_if<RecordPtr>(&entry.v);
            const Value& field = (*r)->fields[static_cast<size_t>(m.text_slot)];
            // An entry whose text is not known is still a mark in time.
            text = std::holds_alternative<Missing>(field.v) ||
                           std::holds_alternative<NoneValue>(field.v)
                       ? std::string(program.words().unknown)
                       : format_value(program, field);
          }
          markers.marks.push_back({*date, std::move(text)});
        }
      }
      std::stable_sort(markers.marks.begin(), markers.marks.end(),
                       [](const auto& a, const auto& b) { return a.date < b.date; });
      out.markers.push_back(std::move(markers));
    }
    if (chart.decision >= 0) {
      out.decision = program.decisions[static_cast<size_t>(chart.decision)].name;
      out.outcome = std::string(program.words().unknown);
      out.outcome_value = "unknown";
      for (const auto& d : decisions) {
        if (d.name != out.decision) continue;
        out.outcome_value = outcome_word(program, d);
        if (d.status == DecisionResult::Status::decided)
          out.outcome = format_value(program, d.value);
        if (d.status == DecisionResult::Status::not_applicable) {
          out.outcome = std::string(program.words().not_applicable);
        }
      }
    }
    charts.push_back(std::move(out));
  }
  return charts;
}

}  // namespace koers
