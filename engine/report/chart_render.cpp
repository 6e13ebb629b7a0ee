#include "report/chart_render.h"

#include <fmt/format.h>

#include <algorithm>

#include "messages/messages.h"
#include "util/xml_escape.h"
#include "value/date.h"

namespace koers {

namespace {

std::string decision_title(const Program& program, const ChartResult& chart) {
  const int index = program.decision_index(chart.decision);
  if (index < 0) return chart.decision;
  const CompiledDecision& d = program.decisions[static_cast<size_t>(index)];
  return d.title.empty() ? d.name : d.title;
}

// A step for the scale's grid lines: 1, 2 or 5 times a power of ten, at most eight steps.
int64_t grid_step(int64_t span) {
  for (int64_t power = 1;; power *= 10) {
    for (int64_t f : {1, 2, 5}) {
      if (span / (f * power) <= 8) return f * power;
    }
  }
}

}  // namespace

std::string chart_svg(const Program& program, const ChartResult& s) {
  const Messages& m = program.words();
  auto day = [&](Date d) { return xml_escape(date_in_words(m, d)); };
  // Plot area and scales: time left to right, the scale's low value at the bottom.
  const double left = 48;
  const double right = 620;
  const double top = 36;
  const double bottom = 236;
  Date first = s.points.front().date;
  if (s.window_from && *s.window_from < first) first = *s.window_from;
  for (const auto& set : s.markers) {
    for (const auto& mark : set.marks) first = std::min(first, mark.date);
  }
  // A margin of a few days on both sides keeps markers at the edges readable.
  first = add_days(first, -12);
  const Date as_of = s.until;
  const Date last = add_days(as_of, 6);
  const double span = std::max(1, last.days - first.days);
  const double low = static_cast<double>(s.low);
  const double range = std::max<double>(1.0, static_cast<double>(s.high - s.low));
  auto x = [&](Date d) { return left + (right - left) * (d.days - first.days) / span; };
  auto y = [&](double value) {
    return bottom - (bottom - top) * (std::clamp(value, low, low + range) - low) / range;
  };
  const std::string id = "grafiek-" + s.name;

  std::string out;
  std::string desc = say(m.chart_description, s.points.size(),
                         s.points.size() == 1 ? m.measurement_one : m.measurement_many,
                         date_in_words(m, s.points.front().date),
                         date_in_words(m, s.points.back().date), s.points.back().value);
  if (!s.decision.empty()) desc += fmt::format(" {}: {}.", decision_title(program, s), s.outcome);
  out += fmt::format(
      "<svg class=\"grafiek\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 290\" "
      "role=\"img\" aria-labelledby=\"{0}-titel {0}-desc\" data-outcome=\"{1}\">\n",
      xml_escape(id), xml_escape(s.outcome_value));
  out += fmt::format("<title id=\"{}-titel\">{}</title>\n", xml_escape(id), xml_escape(s.title));
  out += fmt::format("<desc id=\"{}-desc\">{}</desc>\n", xml_escape(id), xml_escape(desc));
  // A hatch for the window, so it reads in greyscale too.
  out += fmt::format(
      "<defs><pattern id=\"{}-arcering\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" "
      "stroke-width=\"1\"/></pattern></defs>\n",
      xml_escape(id));
  if (s.window_from) {
    out += fmt::format(
        "<rect class=\"venster\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
        "fill=\"url(#{}-arcering)\" opacity=\"0.5\"><title>{}: {}</title></rect>\n",
        x(*s.window_from), top, x(as_of) - x(*s.window_from), bottom - top, xml_escape(id),
        xml_escape(s.window_label.empty() ? std::string(m.window) : s.window_label),
        say(xml_escape(m.from_to), day(*s.window_from), day(as_of)));
  }
  // Axes with the scale.
  const int64_t step = grid_step(s.high - s.low);
  for (int64_t v = s.low; v <= s.high; v += step) {
    const double at = y(static_cast<double>(v));
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
        left, at, right, at, left - 6, at + 4, v);
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\"/>", left,
                     top, bottom);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#000\"/>\n", left,
                     bottom, right);
  for (const auto& line : s.lines) {
    const double at = y(static_cast<double>(line.value));
    out += fmt::format(
        "<line class=\"referentie\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
        "stroke=\"#000\" "
        "stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" "
        "text-anchor=\"end\">{} {}</text>\n",
        left, at, right, at, right, at - 4, xml_escape(line.label), line.value);
  }
  // Markers without a text of their own are dashed lines with the set's label at the top; those
  // with one (an intervention's kind) are triangles on the time axis with that text below.
  const std::string on_date = xml_escape(m.on_date);
  for (const auto& set : s.markers) {
    for (const auto& mark : set.marks) {
      const double cx = x(mark.date);
      if (mark.text.empty()) {
        out += fmt::format(
            "<g class=\"markering\"><line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
            "stroke=\"#555\" stroke-dasharray=\"2 3\"/><text x=\"{0:.1f}\" y=\"{3}\" "
            "font-size=\"10\" text-anchor=\"middle\">{4}</text><title>{5}</title></g>\n",
            cx, top, bottom, top - 4, xml_escape(set.label),
            say(on_date, xml_escape(set.label), day(mark.date)));
      } else {
        out += fmt::format(
            "<g class=\"markering\"><path d=\"M{0:.1f} {1} l-5 9 h10 z\" fill=\"#333\"/><text "
            "x=\"{0:.1f}\" y=\"{2}\" font-size=\"10\" text-anchor=\"middle\">{3}</text><title>{4}"
            "</title></g>\n",
            cx, bottom + 4, bottom + 24, xml_escape(mark.text),
            say(on_date, xml_escape(set.label + " " + mark.text), day(mark.date)));
      }
    }
  }
  std::string polyline;
  for (const auto& p : s.points) {
    polyline += fmt::format("{:.1f},{:.1f} ", x(p.date), y(static_cast<double>(p.value)));
  }
  out += fmt::format(
      "<polyline class=\"reeks\" points=\"{}\" fill=\"none\" stroke=\"#000\" "
      "stroke-width=\"2\"/>\n",
      polyline);
  for (const auto& p : s.points) {
    const bool base = s.baseline && p.date == *s.baseline;
    out += fmt::format(
        "<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" stroke=\"#000\" "
        "stroke-width=\"2\"><title>{}{}: {}</title></circle>\n",
        base ? "meting basismeting" : "meting", x(p.date), y(static_cast<double>(p.value)),
        base ? 7 : 4, base ? "#fff" : "#000",
        base ? xml_escape(capitalized(m.baseline)) + " " : std::string(), day(p.date), p.value);
  }
  if (!s.decision.empty()) {
    out += fmt::format(
        "<text class=\"uitkomst\" x=\"{}\" y=\"18\" font-size=\"14\" font-weight=\"bold\" "
        "text-anchor=\"end\">{}: {}</text>\n",
        right, xml_escape(decision_title(program, s)), xml_escape(s.outcome));
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"284\" font-size=\"11\">{}</text>"
      "<text x=\"{}\" y=\"284\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
      left, xml_escape(date_in_words(m, first, true)), right,
      xml_escape(date_in_words(m, as_of, true)));
  out += "</svg>\n";
  return out;
}

std::string chart_text(const Program& program, const ChartResult& s) {
  const Messages& m = program.words();
  std::string scale = fmt::format("{}-{}", s.low, s.high);
  for (const auto& line : s.lines) scale += fmt::format(", {} {}", line.label, line.value);
  std::string out = fmt::format("  {} ({})", s.title, scale);
  if (!s.decision.empty()) out += fmt::format(": {}", s.outcome);
  out += "\n";
  // One character per scale unit up to 40 units; a wider scale is shrunk to 40 characters.
  const int64_t units = std::max<int64_t>(1, s.high - s.low + 1);
  const std::optional<int64_t> first_line =
      s.lines.empty() ? std::nullopt : std::optional<int64_t>(s.lines.front().value);
  for (const auto& p : s.points) {
    const bool base = s.baseline && p.date == *s.baseline;
    const bool beyond = first_line && p.value >= *first_line;
    // On the scale first: a case's value may be any whole number, the scale is bounded.
    int64_t bar = std::clamp<int64_t>(p.value, s.low - 1, s.high) - s.low + 1;
    if (units > 40) bar = bar * 40 / units;
    out += fmt::format("    {:<11} {:>2} {}{}\n", date_in_words(m, p.date, true), p.value,
                       std::string(static_cast<size_t>(bar), beyond ? '#' : '='),
                       base ? fmt::format("  ({})", m.baseline) : "");
  }
  return out;
}

}  // namespace koers
