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

// What a case file never exceeds; beyond it the text is refused, so hostile input costs little.
struct YamlToJsonLimits {
  int max_depth = 32;
  size_t max_keys = 256;          // per mapping (a record has about 20 fields); no key twice
  size_t max_nodes = 200000;      // in the whole document
  size_t max_text_length = 4096;  // per scalar
};

// Plain scalars: true/false become booleans, whole numbers written canonically ("12", "-3", not
// "012" or "+5", which stay text as the case loader reads them) numbers, null/~ null, everything
// else (dates too) a string; quoted scalars are always strings.
YamlToJsonResult yaml_to_json(std::string_view text, const YamlToJsonLimits& limits = {});

}  // namespace koers
