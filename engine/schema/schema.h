#pragma once
// The case schema, declared in the rule set (`enum` and `record` declarations; the root record is
// `case`). Rules are type-checked against it and case files are validated against it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/source_file.h"
#include "schema/type.h"

namespace koers {

struct EnumDef {
  std::string name;
  std::vector<std::string> members;
  std::vector<std::string> labels;  // Dutch label per member, "" when none
  Span span;

  // -1 when `member` is not in the list.
  int index_of(const std::string& member) const;
};

// A default value of a field or parameter, already checked against its type.
struct DefaultValue {
  enum class Kind { boolean, integer, text, date, enumeration, none } kind = Kind::boolean;
  bool bool_value = false;
  int64_t int_value = 0;  // integer, date (day number) or enum member index
  std::string text;
};

struct FieldDef {
  std::string name;
  Type type;
  bool required = false;
  // `null` is allowed and means "known not to exist" (optional dates and records).
  bool nullable = false;
  std::optional<DefaultValue> default_value;
  std::optional<std::pair<int64_t, int64_t>> range;  // integers, and each integer of a list
  std::optional<int64_t> length;                     // exact length of a list
  bool unique = false;          // list of scalars: no value twice; list of records: see unique_key
  int unique_key = -1;          // field index in the element record whose values must be unique
  bool unique_in_file = false;  // a text no other field so marked repeats in one case file
  bool dated = false;           // list whose entries after as_of are left out of an evaluation
  int dated_by = -1;       // field index of the date in the element record; -1 for a list of dates
  int not_before = -1;     // sibling field index this date may not precede
  int sum_of = -1;         // sibling list field index whose sum this integer must equal
  std::string pattern;     // regular expression a text must match in full
  std::string question;    // how a caseworker is asked for it when it is missing
  std::string title;       // its Dutch label in the case form
  std::string item_title;  // for a list: the name of one entry
  Span span;
};

struct RecordDef {
  std::string name;
  std::vector<FieldDef> fields;
  std::vector<std::vector<int>> one_of;  // groups of field indexes of which at least one is given
  Span span;

  int index_of(const std::string& field) const;
};

struct Schema {
  std::vector<EnumDef> enums;
  std::vector<RecordDef> records;
  int root = -1;  // index of the `case` record

  int enum_index(const std::string& name) const;
  int record_index(const std::string& name) const;
  const RecordDef& root_record() const { return records.at(static_cast<size_t>(root)); }
  std::string type_name(const Type& t) const;
  // The field at a case path such as "problems[1].since" (indexes ignored); nullptr when none.
  const FieldDef* field_at(const std::string& path) const;
};

}  // namespace koers
