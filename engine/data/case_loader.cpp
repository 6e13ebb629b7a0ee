// Case files: libyaml parser events straight into a typed `Case`, directed by the schema. This
// file holds the entry points; the reader itself is case_reading.h and the files it names.
//
// Error codes (stable; the README copies this list):
//   C300  the file cannot be read, or is larger than the size limit
//   C301  not valid YAML (libyaml's own message, at its position)
//   C302  a limit was exceeded: nesting depth, list length, text length, too many errors, or a YAML
//         anchor/alias (case files never need them; rejecting them is the alias limit)
//   C303  a required field is missing
//   C304  a value has the wrong type (expected X, found Y), or uses an explicit YAML tag
//   C305  a value is not in the enum's list of allowed values
//   C306  an unknown key (a typo is never read as "absent")
//   C307  an impossible date (2026-02-30)
//   C308  dates out of order (`not before`: closed before started, to before from)
//   C309  a number out of its range
//   C310  a list has the wrong length (OBVL-K items must be 10 values)
//   C311  a total disagrees with the sum of its items (`equals sum of`)
//   C312  a duplicate: a value twice in a `unique` list, two entries with the same `unique by`
//         key (two OBVL-K measurements on one date, duplicate ids), or a key twice in one mapping
//   C313  `null` where it is not allowed: on a required field, a list, a bool, a number, a text
//         or an enum (optional dates and records may be null)
//   C314  none of the fields of a `require one of` group is given
//   C315  a text does not match the field's pattern (case_id)
//   C316  an unsupported format version (`koers` must be 1 or 2)
//   C317  not exactly one YAML document, or the document is not a mapping
//
// Positions: libyaml marks are 0-based; diagnostics and Record::field_positions are 1-based
// (line, column in characters), so 0 means "absent".
//
// Values: an absent field is Missing (naming its path), its default, for a list unknown (format 2:
// Missing) or empty (format 1), or,
// for a record, a Missing marked as an absent record: reading its fields gives their absent values
// in turn (absent_field_value), so a rule reading `family.network` names exactly that. `null` on a
// `nullable` field is NoneValue ("known not to exist"); on another optional date or record it is
// read as absent (null_reads_as_absent).
#include "data/case_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "data/case_reading.h"

namespace koers {

using case_reading::Loader;

Value absent_field_value(const FieldDef& field, std::string path, bool lists_unknown) {
  return case_reading::absent_value(field, std::move(path), lists_unknown);
}

int assumed_format_version(std::string_view text) {
  // Case files are block mappings with `koers:` at the start of a line, nearly always the first.
  // Another layout (a flow mapping, say) is read once more if this guess was wrong.
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    if (line.starts_with("koers:")) {
      std::string_view rest = line.substr(6);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      return !rest.empty() && rest.front() >= '2' && rest.front() <= '9' ? 2 : 1;
    }
    at = end + 1;
  }
  return 1;
}

namespace {

std::optional<Case> load_case_as(const Schema& schema, const SourceFilePtr& source,
                                 Diagnostics& diags, const CaseLimits& limits, int format_version) {
  // The fast way first: the plain YAML case files are written in, without libyaml. Anything it
  // does not take, and any document with an error, is read again with libyaml, so every message
  // and position is libyaml's own.
  if (source->text().size() <= limits.max_bytes) {
    thread_local std::vector<detail::SimpleEvent> events;
    if (detail::scan_simple_yaml(source->text(), events)) {
      Diagnostics scratch;
      Loader fast(schema, source, scratch, limits, format_version, &events);
      auto c = fast.run();
      if (events.capacity() > 65536) std::vector<detail::SimpleEvent>().swap(events);
      if (c && scratch.empty()) return c;
    }
  }
  Loader loader(schema, source, diags, limits, format_version);
  return loader.run();
}

}  // namespace

std::optional<Case> load_case(const Schema& schema, SourceFilePtr source, Diagnostics& diags,
                              const CaseLimits& limits) {
  const int assumed = assumed_format_version(source->text());
  auto c = load_case_as(schema, source, diags, limits, assumed);
  if (c && c->format_version != assumed) {
    c = load_case_as(schema, source, diags, limits, c->format_version);
  }
  return c;
}

std::optional<Case> load_case_file(const Schema& schema, const std::string& path,
                                   Diagnostics& diags, const CaseLimits& limits) {
  auto fail = [&](std::string message) -> std::optional<Case> {
    Diagnostic d;
    d.code = "C300";
    d.message = std::move(message);
    d.path_for_display = path;
    diags.add(std::move(d));
    return std::nullopt;
  };
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return fail("cannot read the file: " + ec.message());
  if (std::filesystem::is_directory(status)) return fail("cannot read the file: it is a directory");
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail("cannot read the file: " + ec.message());
    if (size > limits.max_bytes) {
      return fail("the file is " + std::to_string(size) + " bytes; the limit is " +
                  std::to_string(limits.max_bytes));
    }
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return fail(std::string("cannot read the file: ") + std::strerror(errno));
  // Read at most one byte more than the limit: a pipe or a growing file cannot get past it.
  std::string text;
  char buf[65536];
  size_t got = 0;
  bool read_error = false;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
    text.append(buf, got);
    if (text.size() > limits.max_bytes) break;
  }
  read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return fail("cannot read the file: read error");
  if (text.size() > limits.max_bytes) {
    return fail("the file is larger than the limit of " + std::to_string(limits.max_bytes) +
                " bytes");
  }
  auto source = std::make_shared<const SourceFile>(path, std::move(text));
  auto result = load_case(schema, source, diags, limits);
  if (result) result->file = path;
  return result;
}

}  // namespace koers
