#include "report/obvlk_series.h"

#include <fmt/format.h>

#include <algorithm>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "util/xml_escape.h"

namespace koers {

namespace {

const Value* field(const Program& p, const Record& rec, const std::string& name) {
  int slot = p.schema.records[static_cast<size_t>(rec.record_id)].index_of(name);
  return slot < 0 ? nullptr : &rec.fields[static_cast<size_t>(slot)];
}

const Record* record_of(const Value* v) {
  if (v == nullptr) return nullptr;
  const auto* r = std::get_if<RecordPtr>(&v->v);
  return r ? r->get() : nullptr;
}

const std::vector<Value>* list_of(const Value* v) {
  if (v == nullptr) return nullptr;
  const auto* l = std::get_if<ListPtr>(&v->v);
  return l ? l->get() : nullptr;
}

std::optional<int64_t> parameter(const Program& p, const Policy& policy, const std::string& id,
                                 Date as_of) {
  int i = p.parameter_index(id);
  if (i < 0) return std::nullopt;
  Value v = parameters_on(p, policy, as_of)[static_cast<size_t>(i)];
  if (const auto* n = std::get_if<int64_t>(&v.v)) return *n;
  return std::nullopt;
}

}  // namespace

std::optional<ObvlkSeries> obvlk_series(const Program& program, const Policy& policy,
                                        const Case& full, const Advice& advice, Date as_of) {
  Case c = case_as_of(program.schema, full, as_of);
  const Record& root = *c.root;
  const Record* measurements = record_of(field(program, root, "measurements"));
  const std::vector<Value>* obvlk =
      measurements ? list_of(field(program, *measurements, "obvlk")) : nullptr;
  if (obvlk == nullptr || obvlk->empty()) return std::nullopt;
  ObvlkSeries s;
  s.as_of = as_of;
  for (const Value& m : *obvlk) {
    const Record* r = record_of(&m);
    if (r == nullptr) continue;
    const auto* d = std::get_if<Date>(&field(program, *r, "date")->v);
    const Value* total = field(program, *r, "total");
    const auto* t = total ? std::get_if<int64_t>(&total->v) : nullptr;
    if (d && t) s.points.push_back({*d, *t});
  }
  if (s.points.empty()) return std::nullopt;
  std::sort(s.points.begin(), s.points.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  s.concern_level = parameter(program, policy, "progress.concern_level", as_of);
  if (auto months = parameter(program, policy, "progress.window_months", as_of)) {
    s.window_start = add_months(as_of, -*months);
    for (const auto& p : s.points) {
      if (p.date <= *s.window_start) s.baseline = p.date;
    }
  }
  s.outcome = "onbekend";
  s.outcome_value = "unknown";
  for (const auto& d : advice.decisions) {
    if (d.name != "progress") continue;
    s.outcome_value = outcome_word(program, d);
    if (d.status == DecisionResult::Status::decided) s.outcome = format_value(program, d.value);
    if (d.status == DecisionResult::Status::not_applicable) s.outcome = "niet van toepassing";
  }
  if (const Record* care = record_of(field(program, root, "care"))) {
    if (const auto* talks = list_of(field(program, *care, "explanatory_talks"))) {
      for (const Value& t : *talks) {
        if (const auto* d = std::get_if<Date>(&t.v)) s.talks.push_back({*d, "verklarend gesprek"});
      }
    }
    if (const auto* list = list_of(field(program, *care, "interventions"))) {
      for (const Value& i : *list) {
        const Record* r = record_of(&i);
        if (r == nullptr) continue;
        const auto* d = std::get_if<Date>(&field(program, *r, "date")->v);
        const Value* type = field(program, *r, "type");
        if (d && type) s.interventions.push_back({*d, format_value(program, *type)});
      }
    }
  }
  return s;
}

std::string obvlk_svg(const ObvlkSeries& s) {
  // Plot area and scales: time left to right, OBVL-K 10 (bottom) to 40 (top).
  const double left = 48;
  const double right = 620;
  const double top = 36;
  const double bottom = 236;
  Date first = s.points.front().date;
  if (s.window_start && *s.window_start < first) first = *s.window_start;
  for (const auto& m : s.talks) first = std::min(first, m.date);
  for (const auto& m : s.interventions) first = std::min(first, m.date);
  // A margin of a few days on both sides keeps markers at the edges readable.
  first = add_days(first, -12);
  const Date last = add_days(s.as_of, 6);
  const double span = std::max(1, last.days - first.days);
  auto x = [&](Date d) { return left + (right - left) * (d.days - first.days) / span; };
  auto y = [&](double total) { return bottom - (bottom - top) * (total - 10.0) / 30.0; };

  std::string out;
  std::string desc =
      fmt::format("{} OBVL-K-metingen van {} tot {}; laatste totaal {}. Verloop: {}.",
                  s.points.size(), format_date_dutch(s.points.front().date),
                  format_date_dutch(s.points.back().date), s.points.back().total, s.outcome);
  out += fmt::format(
      "<svg class=\"verloop\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 290\" "
      "role=\"img\" "
      "aria-labelledby=\"verloop-titel verloop-desc\" data-outcome=\"{}\">\n",
      xml_escape(s.outcome_value));
  out += "<title id=\"verloop-titel\">Verloopprofiel OBVL-K</title>\n";
  out += fmt::format("<desc id=\"verloop-desc\">{}</desc>\n", xml_escape(desc));
  // A hatch for the window, so it reads in greyscale too.
  out +=
      "<defs><pattern id=\"arcering\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" "
      "stroke-width=\"1\"/></pattern></defs>\n";
  if (s.window_start) {
    out += fmt::format(
        "<rect class=\"venster\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
        "fill=\"url(#arcering)\" "
        "opacity=\"0.5\"><title>Venster van de voortgangsbeoordeling: {} tot {}</title></rect>\n",
        x(*s.window_start), top, x(s.as_of) - x(*s.window_start), bottom - top,
        format_date_dutch(*s.window_start), format_date_dutch(s.as_of));
  }
  // Axes with the scale.
  for (int v = 10; v <= 40; v += 5) {
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
        left, y(v), right, y(v), left - 6, y(v) + 4, v);
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\"/>", left,
                     top, bottom);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#000\"/>\n", left,
                     bottom, right);
  if (s.concern_level) {
    out += fmt::format(
        "<line class=\"zorgniveau\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
        "stroke=\"#000\" "
        "stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" "
        "text-anchor=\"end\">"
        "zorgniveau {}</text>\n",
        left, y(static_cast<double>(*s.concern_level)), right,
        y(static_cast<double>(*s.concern_level)), right,
        y(static_cast<double>(*s.concern_level)) - 4, *s.concern_level);
  }
  for (const auto& m : s.talks) {
    out += fmt::format(
        "<g class=\"gesprek\"><line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
        "stroke=\"#555\" "
        "stroke-dasharray=\"2 3\"/><text x=\"{0:.1f}\" y=\"{3}\" font-size=\"10\" "
        "text-anchor=\"middle\">"
        "gesprek</text><title>{4} op {5}</title></g>\n",
        x(m.date), top, bottom, top - 4, xml_escape(m.label), format_date_dutch(m.date));
  }
  for (const auto& m : s.interventions) {
    double cx = x(m.date);
    out += fmt::format(
        "<g class=\"interventie\"><path d=\"M{0:.1f} {1} l-5 9 h10 z\" fill=\"#333\"/><text "
        "x=\"{0:.1f}\" "
        "y=\"{2}\" font-size=\"10\" text-anchor=\"middle\">{3}</text><title>Interventie {3} op "
        "{4}</title></g>\n",
        cx, bottom + 4, bottom + 24, xml_escape(m.label), format_date_dutch(m.date));
  }
  std::string line;
  for (const auto& p : s.points)
    line += fmt::format("{:.1f},{:.1f} ", x(p.date), y(static_cast<double>(p.total)));
  out += fmt::format(
      "<polyline class=\"totalen\" points=\"{}\" fill=\"none\" stroke=\"#000\" "
      "stroke-width=\"2\"/>\n",
      line);
  for (const auto& p : s.points) {
    bool base = s.baseline && p.date == *s.baseline;
    out += fmt::format(
        "<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"#000\" "
        "stroke-width=\"2\">"
        "<title>{}{}: {}</title></circle>\n",
        base ? "meting basismeting" : "meting", x(p.date), y(static_cast<double>(p.total)),
        base ? 7 : 4, base ? "#fff" : "#000", base ? "Basismeting " : "", format_date_dutch(p.date),
        p.total);
  }
  out += fmt::format(
      "<text class=\"uitkomst\" x=\"{}\" y=\"18\" font-size=\"14\" font-weight=\"bold\" "
      "text-anchor=\"end\">"
      "Verloop: {}</text>\n",
      right, xml_escape(s.outcome));
  out += fmt::format(
      "<text x=\"{}\" y=\"284\" font-size=\"11\">{}</text>"
      "<text x=\"{}\" y=\"284\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
      left, format_date_dutch(first, true), right, format_date_dutch(s.as_of, true));
  out += "</svg>\n";
  return out;
}

std::string obvlk_text(const ObvlkSeries& s) {
  std::string out = fmt::format(
      "  OBVL-K-verloop (10-40{}): {}\n",
      s.concern_level ? fmt::format(", zorgniveau {}", *s.concern_level) : "", s.outcome);
  for (const auto& p : s.points) {
    bool base = s.baseline && p.date == *s.baseline;
    bool concern = s.concern_level && p.total >= *s.concern_level;
    out += fmt::format(
        "    {:<11} {:>2} {}{}{}\n", format_date_dutch(p.date, true), p.total,
        std::string(static_cast<size_t>(std::max<int64_t>(0, p.total - 9)), concern ? '#' : '='),
        base ? "  (basismeting)" : "", "");
  }
  return out;
}

}  // namespace koers
