#pragma once
// The case schema as JSON, for the page that builds its case form from it (GET /v1/schema): every
// record with its fields (type, title, question, required, nullable, range, length, pattern,
// default) and every enum with its members' Dutch labels. The form is generated from this, never
// written field by field, so a rule set's own schema gets its own form.
#include <string>

#include "schema/schema.h"

namespace koers {

std::string schema_json(const Schema& schema);

}  // namespace koers
