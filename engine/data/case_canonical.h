#pragma once
// Internal to the case loader: the canonical JSON of a case, appended to a caller's buffer (the
// loader reuses one buffer for every case it hashes).
#include <string>

#include "schema/schema.h"
#include "value/value.h"

namespace koers::detail {

void append_canonical_json(std::string& out, const Schema& schema, const Record& root);

}  // namespace koers::detail
