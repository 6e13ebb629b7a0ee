#pragma once
// Case files: YAML, versions 1 and 2 (docs/case-format.md), read straight from libyaml's parser
// events into a typed `Case`, directed by the schema. This is the hot path of batch advice.
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "schema/schema.h"
#include "value/value.h"

namespace koers {

// Limits that keep a hostile file from exhausting memory or time. Hitting one is a diagnostic.
struct CaseLimits {
  size_t max_bytes = 4u << 20;  // a real case file is a few KiB
  int max_depth = 32;           // YAML nesting
  size_t max_list_length = 10000;
  size_t max_text_length = 4096;
};

// Reads and validates one case file. On any error, returns nullopt and every error is in `diags`
// (codes C3xx, see README); no partial case is ever returned.
std::optional<Case> load_case(const Schema& schema, SourceFilePtr source, Diagnostics& diags,
                              const CaseLimits& limits = {});

// Reads a file from disk (size-checked before reading) and loads it.
std::optional<Case> load_case_file(const Schema& schema, const std::string& path,
                                   Diagnostics& diags, const CaseLimits& limits = {});

// The value of a field that is absent from a case: its default, for a list Missing naming `path`
// (`lists_unknown`, format 2) or an empty list (format 1), an absent record (Missing with
// absent_record set) for a non-nullable record, else Missing naming `path`.
Value absent_field_value(const FieldDef& field, std::string path, bool lists_unknown);

// The format version a case text most likely declares (`koers: N` at the start of a line), 1
// when none is found. Only a first guess: load_case reads the file again when it was wrong.
int assumed_format_version(std::string_view text);

// The canonical form of a validated case: JSON with fields in schema order, absent fields omitted,
// no whitespace. Key order and formatting of the YAML do not change it; its SHA-256 is
// Case::sha256.
std::string canonical_json(const Schema& schema, const Case& c);

// The case as seen on `as_of`: entries of `dated` lists dated after as_of are left out.
Case case_as_of(const Schema& schema, const Case& c, Date as_of);
// The same for the case's root record alone (no copy of the case; `root` itself when nothing
// is left out).
RecordPtr root_as_of(const Schema& schema, const RecordPtr& root, Date as_of);
// The same, adding to `dropped` the number of entries left out.
RecordPtr root_as_of(const Schema& schema, const RecordPtr& root, Date as_of, size_t& dropped);

}  // namespace koers
