#pragma once
// Case-file errors in plain Dutch, for caseworkers (`koers advise --lang nl`, the page's form).
// The loader's messages are precise and in English for maintainers; this says the same per error
// code in words a caseworker reads: the field by its Dutch title and the entry it is in ("Kind 2:
// Leeftijd (jaren)"), never a field path or YAML jargon. Code, place and caret stay as they are.
#include <string>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace koers {

// The Dutch message for a case-file diagnostic (codes C300-C317); for any other code, its message.
std::string dutch_case_message(const Schema& schema, const Diagnostic& diagnostic);

// "Kind 2: Leeftijd (jaren)" for "family.children[1].age": each step by its title in the schema,
// a list entry by its entry name and number; "" when the path is not in the schema.
std::string field_in_dutch(const Schema& schema, const std::string& path);

// The diagnostics with their messages in Dutch (hints dropped: they name YAML keys).
Diagnostics dutch_case_diagnostics(const Schema& schema, const Diagnostics& diagnostics);

}  // namespace koers
