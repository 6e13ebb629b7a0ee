#pragma once
// Diagnostics are values: every problem in a rule file, policy or case file becomes one of these,
// collected, sorted, de-duplicated and capped, and rendered the same way everywhere:
//
//   file:line:col: error[K101]: expected a condition after `when`, found `}`
//      12 |   when }
//         |        ^
//      = hint: ...
#include <string>
#include <vector>

#include "diag/source_file.h"

namespace koers {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable, documented in the README (e.g. K101, K201, C301, P401)
  Span span;            // may be unknown (line 0) for whole-file problems
  std::string message;  // in the user's language: what was expected, what was found
  std::string hint;     // optional: "did you mean `stut_en_steun`?"
  std::vector<std::string> notes;
  std::string path_for_display;  // file name to show when span.file is absent
};

// Collects diagnostics. Sorting and de-duplication happen when they are read, so producers may
// report in any order; the cap protects the user (and the terminal) from error floods.
class Diagnostics {
 public:
  explicit Diagnostics(size_t cap = 100) : cap_(cap) {}

  void add(Diagnostic d);
  void error(std::string code, Span span, std::string message, std::string hint = {});
  void warning(std::string code, Span span, std::string message, std::string hint = {});

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  bool empty() const { return items_.empty(); }
  // Sorted by file, line, column, code; duplicates removed; at most `cap` entries.
  std::vector<Diagnostic> sorted() const;
  size_t dropped() const;
  void merge(const Diagnostics& other);

 private:
  size_t cap_;
  size_t error_count_ = 0;
  std::vector<Diagnostic> items_;
};

// The one renderer shared by rule files, policies and case files.
std::string render(const Diagnostic& d, bool color = false);
// Renders all diagnostics, plus a summary line ("3 errors") and a note when some were dropped.
std::string render_all(const Diagnostics& diags, bool color = false);
// `file:line:col: error[CODE]: message` alone: the first line of `render`.
std::string render_headline(const Diagnostic& d);

// Edit distance for "did you mean" hints; returns "" when nothing is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace koers
