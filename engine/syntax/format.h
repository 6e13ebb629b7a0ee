#pragma once
// The canonical layout of a rule file (`koers fmt`).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "syntax/parser.h"

namespace koers::syntax {

// The file in the canonical layout; nullopt (with the syntax errors in `diags`) when it does not
// parse. Only whitespace changes: the tokens, comments included, stay the same.
std::optional<std::string> format_source(const SourceFilePtr& source, Diagnostics& diags);

// The tokens of a text (type, text), comments included and whitespace left out: what `format`
// must keep the same.
std::vector<std::pair<size_t, std::string>> token_stream(const std::string& text);

}  // namespace koers::syntax
