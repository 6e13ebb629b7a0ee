#pragma once
// A dotted path of the case (`care.started`, `measurements.obvlk`) walked through its records, for
// the declarations that name case data outside an expression: charts and the timeline.
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace koers::check {

struct CasePath {
  std::vector<int> slots;           // field slots from the case root
  const FieldDef* field = nullptr;  // the last one
};

// K230 (and nullopt) when a part is not a field, or a part on the way is not a record.
std::optional<CasePath> resolve_case_path(const Schema& schema, const std::string& dotted,
                                          const Span& span, Diagnostics& diags);

}  // namespace koers::check
