#pragma once
// The result of evaluating a program for one case: decisions, recommendations, missing data and
// provenance. Renderers (text, JSON) read only this.
#include <optional>
#include <string>
#include <vector>

#include "value/value.h"

namespace koers {

struct DecisionResult {
  enum class Status { decided, unknown, not_applicable };
  std::string name;
  Status status = Status::unknown;
  Value value;                     // when decided (a list for `collect`)
  std::vector<std::string> rules;  // the rule(s) that settled it; empty for `otherwise`
  std::vector<std::string> sources;
  std::vector<std::string> because;
  std::vector<std::string> missing;  // when unknown: the case fields that would decide it
  std::string note;                  // when unknown by a `require`: what is lacking
  // When unknown because none of its rules fits the known facts: the case fields those rules test,
  // which would decide it. Known, so never asked for, and not passed on to rules that read this
  // decision (they are not missing); the advice names them as the decision's `missing`.
  std::vector<std::string> deciding_fields;
  // When unknown: the enum members it can still take (bit per member index; 0 = not narrowed).
  uint64_t possible = 0;
  // `candidates`: every value of the enum with the facts for and against it.
  struct Candidate {
    std::string value;
    std::vector<std::string> for_;
    std::vector<std::string> against;
  };
  std::vector<Candidate> candidates;
  // Named conditions, each met / not_met / unknown.
  struct Condition {
    std::string id;
    std::string label;
    std::string status;
    std::vector<std::string> because;
    std::vector<std::string> missing;
  };
  std::vector<Condition> conditions;
};

struct RecommendationResult {
  std::string kind;
  std::string id;
  std::string label;  // what people read for it (its declared label)
  std::string rule;
  std::string text;
  std::string source;
  std::vector<std::string> because;
  int64_t priority = 0;
};

struct MissingField {
  std::string field;
  std::vector<std::string> needed_by;  // rule ids or decision names, sorted
  std::string note;
  std::string question;  // the schema's question for the caseworker, when it has one
};

// What the advice was given with, by content only: the same rules read from another directory
// give the same provenance (and the same bytes in every output format).
struct Provenance {
  std::string engine_version;
  std::string rules_sha256;
  std::string policy_id;
  std::string policy_version;
  std::string policy_sha256;
  // A rule set of more than one layer (national rules, then an organisation's): each by name and
  // hash, and the rules a later layer replaced, with why. Empty for a plain rule set.
  struct Layer {
    std::string name, sha256;
  };
  std::vector<Layer> layers;
  struct Override {
    std::string rule, reason, layer, replaced_layer;
  };
  std::vector<Override> overrides;
};

// A parameter the rules read, with the value in force on the advice date and where it came from.
struct ParameterUsed {
  enum class Origin { policy, rule_default, none };
  int parameter = -1;  // index into Program::parameters
  Value value;         // missing when neither the policy nor the rules give one
  Origin origin = Origin::none;
  std::optional<Date> valid_from;  // of the policy entry in force, when it has one
};

// A chart of the rule set (`chart ...`) for this case: what the report draws, and nothing else.
struct ChartResult {
  std::string name;
  std::string title;
  std::string note;
  int64_t low = 0;  // the scale (`range low..high`)
  int64_t high = 0;
  struct Point {
    Date date;
    int64_t value = 0;
  };
  std::vector<Point> points;        // by date, none after the advice date
  Date until;                       // the advice date: the chart's right edge
  std::optional<Date> window_from;  // the window ends on the advice date
  std::string window_label;
  std::optional<Date> baseline;  // the last point on or before window_from
  struct Line {
    std::string label;
    int64_t value = 0;
  };
  std::vector<Line> lines;
  struct Mark {
    Date date;
    std::string text;  // the entry's `by` field in words; "" without `by`
  };
  struct Markers {
    std::string label;
    std::vector<Mark> marks;  // by date
  };
  std::vector<Markers> markers;
  std::string decision;       // the decision it illustrates ("" for none)
  std::string outcome;        // that decision in words ("stagneert", "onbekend")
  std::string outcome_value;  // its value's name, or unknown / not_applicable
};

struct Advice {
  std::string case_id;
  std::string file;
  std::string as_of;  // YYYY-MM-DD
  std::string case_sha256;
  std::string receipt;  // "sha256:<hex>"
  // Entries of dated lists (measurements, talks, interventions, ...) dated after as_of: not used.
  size_t entries_after_as_of = 0;
  // Format-1 cases: lists that were absent and so read as "none" (field paths). A format-2 case
  // would have them unknown and ask for them; the advice says so (never silently).
  std::vector<std::string> lists_read_as_empty;
  Provenance provenance;
  std::vector<ParameterUsed> parameters;              // in the order of Program::parameters_read
  std::vector<DecisionResult> decisions;              // by name
  std::vector<RecommendationResult> recommendations;  // in advice order
  std::vector<MissingField> missing;                  // by field
  std::vector<ChartResult> charts;                    // the rule set's charts with data, in order
  std::vector<std::string> errors;  // a `unique` decision with two concluding rules, and similar
  // Sources cited anywhere in this advice: id, title, url, kind.
  struct Source {
    std::string id, title, url, kind;
  };
  std::vector<Source> sources;
};

}  // namespace koers
