#pragma once
// The case schema as JSON, for the page that builds its case form from it (GET /v1/schema): every
// record with its fields (type, title, question, required, nullable, range, length, pattern,
// default) and every enum with its members' Dutch labels. The form is generated from this, never
// written field by field, so a rule set's own schema gets its own form.
#include <cstdint>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace koers {

// A list that a chart of the rule set draws (`series list.value`): the form shows it as a table
// of dates and values with the chart beside it.
struct SchemaSeries {
  std::string list;   // the list's path: "record.list"
  std::string value;  // the entry's field drawn
  std::string date;   // the entry's date field
  int64_t low = 0;
  int64_t high = 0;
};

std::string schema_json(const Schema& schema, const std::vector<SchemaSeries>& series = {});

}  // namespace koers
