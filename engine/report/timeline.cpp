#include "report/timeline.h"

#include <fmt/format.h>

#include <algorithm>

#include "eval/evaluator.h"
#include "report/advice_order.h"
#include "util/xml_escape.h"

namespace koers {

namespace {

// Where the case's own history starts: the first of the rule set's `timeline from` paths that gives
// a date (a date field, or the earliest entry of a dated list); `from` names it.
std::optional<Date> history_start(const Program& program, const Case& c, std::string& from) {
  for (const HistoryStart& start : program.history_starts) {
    // Through the records on the path (an absent one ends it), to the date or the list.
    const Record* record = c.root.get();
    const Value* value = nullptr;
    for (size_t i = 0; i < start.slots.size(); ++i) {
      value = &record->fields[static_cast<size_t>(start.slots[i])];
      if (i + 1 == start.slots.size()) break;
      const auto* next = std::get_if<RecordPtr>(&value->v);
      if (next == nullptr) {
        value = nullptr;
        break;
      }
      record = next->get();
    }
    if (value == nullptr) continue;
    std::optional<Date> first;
    if (!start.list) {
      if (const auto* d = std::get_if<Date>(&value->v)) first = *d;
    } else if (const auto* list = std::get_if<ListPtr>(&value->v)) {
      for (const Value& entry : **list) {
        const Value* date = &entry;
        if (start.date_slot >= 0) {
          const auto* r = std::get_if<RecordPtr>(&entry.v);
          date = r != nullptr ? &(*r)->fields[static_cast<size_t>(start.date_slot)] : nullptr;
        }
        const auto* d = date != nullptr ? std::get_if<Date>(&date->v) : nullptr;
        if (d != nullptr && (!first || *d < *first)) first = *d;
      }
    }
    if (first) {
      from = start.path;
      return first;
    }
  }
  return std::nullopt;
}

// The last day of d's month: the day before the first of the next month (computed from the
// calendar, not with add_months, which stops at 9999-12-31 and would never move past it).
Date month_end(Date d) {
  const Ymd ymd = ymd_of(d);
  const int year = ymd.month == 12 ? ymd.year + 1 : ymd.year;
  const int month = ymd.month == 12 ? 1 : ymd.month + 1;
  if (year > 9999) return date_from_ymd(9999, 12, 31);
  return add_days(date_from_ymd(year, month, 1), -1);
}

TimelinePoint point_of(const Program& program, const Advice& advice, Date date) {
  TimelinePoint point;
  point.date = date;
  auto add = [&](const DecisionResult& d) {
    const int index = program.decision_index(d.name);
    const std::string& title =
        index >= 0 ? program.decisions[static_cast<size_t>(index)].title : d.name;
    point.decisions.emplace_back(title.empty() ? d.name : title, outcome_in_words(program, d));
  };
  for (const auto& d : advice.decisions) {
    if (is_alert_decision(program, d.name)) add(d);
  }
  for (int index : program.decision_order) {
    for (const auto& d : advice.decisions) {
      if (d.name == program.decisions[static_cast<size_t>(index)].name &&
          !is_alert_decision(program, d.name)) {
        add(d);
      }
    }
  }
  for (const auto& r : advice.recommendations) {
    if (std::find(point.recommendations.begin(), point.recommendations.end(), r.label) ==
        point.recommendations.end()) {
      point.recommendations.push_back(r.label);
    }
  }
  return point;
}

void note_changes(const Messages& m, const TimelinePoint& before, TimelinePoint& now) {
  for (const auto& [title, value] : now.decisions) {
    for (const auto& [old_title, old_value] : before.decisions) {
      if (old_title == title && old_value != value) {
        now.changes.push_back(fmt::format("{}: {} → {}", title, old_value, value));
      }
    }
  }
  auto has = [](const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  for (const auto& r : now.recommendations) {
    if (!has(before.recommendations, r)) now.changes.push_back(say(m.timeline_new, r));
  }
  for (const auto& r : before.recommendations) {
    if (!has(now.recommendations, r)) now.changes.push_back(say(m.timeline_dropped, r));
  }
}

// " (de 22 maanden daarvoor zijn weggelaten)", or nothing when every month is shown.
std::string left_out(const Timeline& timeline) {
  const int n = timeline.months_left_out;
  if (n <= 0) return {};
  const Messages& m = *timeline.words;
  return " (" + say(n == 1 ? m.timeline_left_out_one : m.timeline_left_out_many, n) + ")";
}

std::string summary(const TimelinePoint& p) {
  std::string out;
  for (const auto& [title, value] : p.decisions) {
    out += (out.empty() ? "" : " · ") + title + ": " + value;
  }
  return out;
}

}  // namespace

Timeline advice_timeline(const Program& program, const Policy& policy, const Case& c, Date to,
                         int max_points) {
  Timeline timeline;
  timeline.case_id = c.case_id;
  timeline.words = &program.words();
  std::optional<Date> start = history_start(program, c, timeline.started_from);
  if (!start || *start > to) start = add_months(to, -12);
  // Only the latest max_points are shown: start no earlier than needed, and count the months
  // left out instead of walking them (a start centuries back costs nothing).
  // The month ends before `to`: one for each month from the start's up to the one before to's.
  const Ymd from_ymd = ymd_of(*start);
  const Ymd to_ymd = ymd_of(to);
  const int months = (to_ymd.year * 12 + to_ymd.month) - (from_ymd.year * 12 + from_ymd.month);
  if (months > max_points - 1) {
    timeline.months_left_out = months - (max_points - 1);
    start = add_months(*start, timeline.months_left_out);
  }
  std::vector<Date> dates;
  for (Date d = month_end(*start); d < to && static_cast<int>(dates.size()) < max_points - 1;) {
    dates.push_back(d);
    const Date next = month_end(add_days(d, 1));
    if (next <= d) break;  // the end of the calendar
    d = next;
  }
  dates.push_back(to);
  for (Date date : dates) {
    TimelinePoint point = point_of(program, evaluate(program, policy, c, date), date);
    if (!timeline.points.empty()) note_changes(program.words(), timeline.points.back(), point);
    timeline.points.push_back(std::move(point));
  }
  return timeline;
}

std::string render_timeline_text(const Timeline& timeline) {
  const Messages& m = *timeline.words;
  auto day = [&](Date d) { return date_in_words(m, d); };
  std::string out = say(m.timeline_for, timeline.case_id) + "\n";
  if (timeline.points.empty()) return out;
  out += say(m.timeline_span, day(timeline.points.front().date), day(timeline.points.back().date)) +
         left_out(timeline) + ".\n\n";
  out += day(timeline.points.front().date) + "\n  " + summary(timeline.points.front()) + "\n";
  size_t i = 1;
  while (i < timeline.points.size()) {
    // A run of months without change is one line: the team looks for the turns.
    size_t run = i;
    while (run < timeline.points.size() && timeline.points[run].changes.empty()) ++run;
    if (run > i) {
      const bool one = run - i == 1;
      out += (one ? say(m.timeline_unchanged, day(timeline.points[i].date))
                  : say(m.timeline_unchanged_span, day(timeline.points[i].date),
                        day(timeline.points[run - 1].date))) +
             "\n";
      i = run;
      continue;
    }
    const TimelinePoint& p = timeline.points[i];
    out += day(p.date) + "\n";
    for (const auto& change : p.changes) out += "  " + say(m.timeline_since_last, change) + "\n";
    ++i;
  }
  const TimelinePoint& last = timeline.points.back();
  out += "\n" + say(m.timeline_now, day(last.date)) + "\n  " + summary(last) + "\n";
  return out;
}

std::string render_timeline_html(const Timeline& timeline) {
  const Messages& m = *timeline.words;
  auto day = [&](Date d) { return xml_escape(date_in_words(m, d)); };
  std::string out =
      "<section id=\"verloop-in-de-tijd\"><h2>" + xml_escape(m.timeline_heading) + "</h2>\n";
  if (timeline.points.empty()) return out + "</section>\n";
  out += "<p>" +
         xml_escape(say(m.timeline_span, date_in_words(m, timeline.points.front().date),
                        date_in_words(m, timeline.points.back().date)) +
                    left_out(timeline)) +
         ".</p>\n";
  out +=
      fmt::format("<table class=\"tijdlijn\"><caption>{}</caption>\n<tr><th scope=\"col\">{}</th>",
                  xml_escape(m.timeline_table), xml_escape(m.timeline_date));
  for (const auto& d : timeline.points.front().decisions) {
    out += "<th scope=\"col\">" + xml_escape(d.first) + "</th>";
  }
  out += "<th scope=\"col\">" + xml_escape(m.timeline_since_last_column) + "</th></tr>\n";
  for (const auto& p : timeline.points) {
    out += "<tr" + std::string(p.changes.empty() ? "" : " class=\"veranderd\"") +
           "><th scope=\"row\">" + day(p.date) + "</th>";
    for (const auto& d : p.decisions) out += "<td>" + xml_escape(d.second) + "</td>";
    out += "<td>";
    for (size_t i = 0; i < p.changes.size(); ++i) {
      out += (i ? "<br>" : "") + xml_escape(p.changes[i]);
    }
    out += "</td></tr>\n";
  }
  out += "</table>\n</section>\n";
  return out;
}

}  // namespace koers
