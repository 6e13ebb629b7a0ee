#pragma once
// The OBVL-K series of a case as the progress chart (verloopprofiel) shows it: the totals over
// time, the concern level, the window and baseline of the progress decision, and the explanatory
// talks and interventions as markers. Read from the case by the schema's field names; a rule set
// without these fields simply has no chart.
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "data/policy.h"
#include "eval/advice.h"

namespace koers {

struct ObvlkSeries {
  struct Point {
    Date date;
    int64_t total = 0;
  };
  struct Marker {
    Date date;
    std::string label;
  };
  std::vector<Point> points;  // by date
  std::optional<int64_t> concern_level;
  std::optional<Date> window_start;  // as_of - progress.window_months
  std::optional<Date> baseline;      // the date of the baseline measurement
  Date as_of;
  std::string outcome;        // the progress decision in words ("stagneert"), or "onbekend"
  std::string outcome_value;  // improving | stable | stagnating | deteriorating | unknown | ...
  std::vector<Marker> talks;
  std::vector<Marker> interventions;
};

// The series of a case seen on `as_of`; nullopt when the case has no OBVL-K totals.
std::optional<ObvlkSeries> obvlk_series(const Program& program, const Policy& policy, const Case& c,
                                        const Advice& advice, Date as_of);

// Inline SVG (no external resources), readable in greyscale, with <title> and <desc>.
std::string obvlk_svg(const ObvlkSeries& series);
// A compact text version for the terminal.
std::string obvlk_text(const ObvlkSeries& series);

}  // namespace koers
