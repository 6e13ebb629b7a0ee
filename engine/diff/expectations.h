#pragma once
// The `koers diff --expect` file: the changes a maintainer intends, checked against the rules of
// both sides and against the cases compared before the diff runs, like a suite file (S6xx, see
// suite/check_suite.h). An entry names its case exactly, by file, never by `case_id` alone
// (suites reuse ids):
//
//   changes:
//     - suite: tests/cases/veiligheid/acuut.suite.yaml   # a test of a suite ...
//       test: acute onveiligheid gaat voor alles
//       decision: safety
//       to: acute
//     - case: examples/gezin-0142.yaml                   # ... or a case file
//       recommendation: caseload_verlagen
//       to: added                                        # added | removed
//
// Paths are relative to the --expect file; failing that, to the working directory.
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diff/diff.h"
#include "suite/rule_names.h"

namespace koers::diff {

// Where a compared case comes from: a case file, or a test of a suite file.
struct CaseOrigin {
  std::string path;  // the case file, or the suite file
  std::string test;  // the test's name; "" for a case file
};

struct ExpectedChange {
  CaseOrigin origin;    // path made comparable (same_file)
  std::string written;  // the case as the file names it, for messages
  std::string kind;     // "decision" or "recommendation"
  std::string what;     // decision name or recommendation id
  std::string to;       // value word, unknown, not_applicable; "given" / "absent"
  bool seen = false;
};

// A path in a form that is equal for equal files (absolute, `..` and links resolved).
std::string same_file(const std::string& path);

// Reads and checks the file; every problem goes to `diags`, and nullopt is returned when there is
// any. `compared` are the cases the diff compares (their paths as given).
std::optional<std::vector<ExpectedChange>> load_expected_changes(
    const std::string& path, const suite::RuleNames& names, const std::vector<CaseOrigin>& compared,
    Diagnostics& diags);

// Whether `change`, found for the case from `origin`, is the one `expected` intends.
bool is_expected(const ExpectedChange& expected, const CaseOrigin& origin, const Change& change);

}  // namespace koers::diff
