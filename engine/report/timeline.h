#pragma once
// A family's advice over time: the case advised again at the end of every month of its own
// history (entries dated later are ignored, as on any advice date), so a team sees when progress
// turned, when the strategy changed and what changed since the month before.
#include <string>
#include <vector>

#include "compile/program.h"
#include "policy/policy.h"
#include "value/date.h"
#include "value/value.h"

namespace koers {

struct TimelinePoint {
  Date date;
  // Each decision as a caseworker reads it: its title and its outcome in words, safety first.
  std::vector<std::pair<std::string, std::string>> decisions;
  std::vector<std::string> recommendations;  // labels, in the advice's order
  // What differs from the point before, in words: "Voortgang van de hulp (OBVL-K): stagneert →
  // verslechtert", "nieuw advies: Een collega inzetten", "vervallen: Caseload verlagen".
  std::vector<std::string> changes;
};

struct Timeline {
  std::string case_id;
  std::vector<TimelinePoint> points;  // by date; the last is the advice date itself
  int months_left_out = 0;            // earlier month ends not shown (beyond `max_points`)
  std::string started_from;           // the `timeline from` path of the first month, or empty
  const Messages* words = &dutch_messages();  // the rule set's catalogue, for the renderers
};

// The month ends from where the family's history starts (the rule set's `timeline from`: the
// first of its paths that gives a date), else from a year before `to`, up to `to` (the last point).
// At most `max_points` points: the earliest are left out and counted.
Timeline advice_timeline(const Program& program, const Policy& policy, const Case& c, Date to,
                         int max_points = 60);

// Terminal text in the rule set's language: one line per month with a change, a run of unchanged
// months as one line.
std::string render_timeline_text(const Timeline& timeline);
// An HTML fragment (a table and the changes), for the page's "Verloop in de tijd" tab.
std::string render_timeline_html(const Timeline& timeline);

}  // namespace koers
