#pragma once
// A case file's YAML as plain JSON, for the page's case form: the form opens a file the caseworker
// chose (valid or not: a file with a mistake must open so the mistake can be fixed) and edits it as
// an object. Nothing is checked against the schema here; advice reads the file again, fully.
// Anchors, aliases and tags are refused (a case file never needs them, and an alias can expand a
// small file into a huge one), as are documents nested deeper than `max_depth`.
#include <optional>
#include <string>
#include <string_view>

namespace koers {

struct YamlToJsonResult {
  std::optional<std::string> json;  // set on success
  std::string error;                // in Dutch, for the page, when json is unset
  int line = 0;                     // 1-based place of the error, 0 when none
  int column = 0;
};

// Plain scalars: true/false become booleans, whole numbers numbers, null/~ null, everything else
// (dates too) a string; quoted scalars are always strings.
YamlToJsonResult yaml_to_json(std::string_view text, int max_depth = 32);

}  // namespace koers
