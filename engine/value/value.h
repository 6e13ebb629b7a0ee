#pragma once
// Values of case data and of evaluation. A field that is absent from the case is `Missing`, naming
// the field path ("family.network", "problems[1].since"): absent means unknown, never false.
// `NoneValue` is a known absence (an explicit `null`, or a field whose default is `none`).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "value/date.h"

namespace koers {

struct Missing {
  std::vector<std::string> fields;  // sorted, unique
  // >= 0 when this stands for a whole absent record (of this schema record id) at fields[0]:
  // reading one of its fields gives that field's absent value (its default, an empty list, or
  // Missing naming the field), so advice names exactly the field a rule needed. Absent records
  // are not built field by field while loading: that is the loader's hot path.
  int absent_record = -1;
  // For an unknown decision of an enum type (`settle first`): the members it can still take, one
  // bit per member index, of enum `possible_enum`; 0 when any member (or none) is possible. Lets
  // `==`, `!=`, `in` decide when every possible member gives the same answer (eval_expr.cpp).
  uint64_t possible = 0;
  int possible_enum = -1;
  // For an absent record of a format-2 case: its absent lists are unknown too (in format 1 an
  // absent list reads as empty).
  bool lists_unknown = false;
};
struct NoneValue {};
struct EnumValue {
  int enum_id = -1;
  int index = -1;
  bool operator==(const EnumValue&) const = default;
};
struct Duration {
  int64_t amount = 0;
  enum class Unit { days, months } unit = Unit::days;
};

struct Value;
struct Record;
using ListPtr = std::shared_ptr<const std::vector<Value>>;
using RecordPtr = std::shared_ptr<const Record>;

struct Value {
  // The order of the alternatives is relied on (EvalContext::to_scalar): add new ones at the end.
  std::variant<Missing, NoneValue, bool, int64_t, std::string, Date, EnumValue, Duration, ListPtr,
               RecordPtr>
      v;

  bool is_missing() const { return std::holds_alternative<Missing>(v); }
  bool is_none() const { return std::holds_alternative<NoneValue>(v); }
  const Missing& missing() const { return std::get<Missing>(v); }
  bool as_bool() const { return std::get<bool>(v); }
  int64_t as_int() const { return std::get<int64_t>(v); }
  const std::string& as_text() const { return std::get<std::string>(v); }
  Date as_date() const { return std::get<Date>(v); }
  EnumValue as_enum() const { return std::get<EnumValue>(v); }
  const std::vector<Value>& as_list() const { return *std::get<ListPtr>(v); }
  const Record& as_record() const { return *std::get<RecordPtr>(v); }

  static Value missing_field(std::string path) { return Value{Missing{{std::move(path)}}}; }
};

// A record of case data: field values in the schema's field order, so that a compiled field access
// is an index, not a string lookup.
struct Record {
  int record_id = -1;
  std::string path;  // "family", "problems[1]": names missing fields in advice
  std::vector<Value> fields;
  std::vector<std::pair<int, int>>
      field_positions;  // line, col of each field's value (0 if absent)
};

// A validated case file.
struct Case {
  std::string file;  // as given on the command line
  std::string case_id;
  std::optional<Date> as_of;  // from the file; the CLI's --as-of overrides
  RecordPtr root;
  std::string sha256;  // of the canonical form (schema order, no formatting): see canonical_json
  // Set by the loader: no entry of a `dated` list is dated after this day (the earliest day when
  // there are none). On or after it the case as of a date is the case itself, with no walk over
  // it (root_as_of). Unset: not known.
  std::optional<Date> dated_until;
  // The case format version (`koers:`). From 2 an absent list is unknown; in 1 it reads as none.
  int format_version = 1;
  // Format 1 only: the lists that were absent and so read as empty (paths; a record's own before
  // those of the records around it), for
  // the advice's note that a format-2 file would ask for them instead.
  std::vector<std::string> lists_read_as_empty;
};

}  // namespace koers
