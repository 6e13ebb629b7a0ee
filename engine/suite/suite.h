#pragma once
// Regression suites: YAML files of tests, each a case (by path or inline) with expected decisions,
// recommendations present/absent, missing fields, or an expected error code for a bad case.
// The format is described in tests/README.md.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "diag/diagnostic.h"
#include "policy/policy.h"

namespace koers::suite {

struct TestResult {
  std::string file;
  std::string name;
  bool passed = false;
  bool updated = false;               // --update rewrote its expectations
  std::vector<std::string> failures;  // expected vs actual, one line each
  std::string trace;                  // the advice (text) for a failed test
};

struct RunOptions {
  std::string pattern;  // only tests whose "file: name" contains this
  // Path of the policy used when a test names none; empty: the defaults declared in the rules.
  std::string default_policy;
  // Rewrite the expectations of failed tests to what the engine now gives (suite/update.h).
  bool update = false;
  // With `update`: a suite file that is a symbolic link is rewritten where the link leads (else it
  // is refused; util/atomic_file.h).
  bool follow_symlinks = false;
  // Called for every case that was advised (coverage listens here).
  std::function<void(const Policy&, const Case&, Date)> on_case;
};

// Runs every test of the suite files; problems in a suite file itself become failed tests.
std::vector<TestResult> run_suites(const Program& program, const std::vector<std::string>& files,
                                   const RunOptions& options);

// The cases of the tests in the suite files (inline or by path), in order, leaving out tests that
// expect a case to be rejected: what `koers diff` compares and where the lint's search starts.
// Each carries what `koers test` evaluates it with: the test's `as_of` and `policy`.
struct SuiteCase {
  std::string label;          // "file: test name"
  std::string text;           // the case, as a case file
  std::string file;           // the suite file
  std::string test;           // the test's name
  std::optional<Date> as_of;  // the test's `as_of`, which overrides the case's
  std::string policy;         // the test's `policy` (resolved), "" when it names none
};
// A suite that cannot be read, a case file that is not there or an `as_of` that is not a date is
// a diagnostic in `problems` when given (`koers diff`: an error), else the test is left out.
std::vector<SuiteCase> suite_cases(const std::vector<std::string>& files,
                                   Diagnostics* problems = nullptr);

// A path named in a suite file: relative to the suite file; failing that, to the working
// directory (as given).
std::string resolve_beside(const std::string& suite_file, const std::string& path);
std::vector<std::string> suite_case_texts(const std::vector<std::string>& files);

// Suite files (*.yaml) under the given paths, sorted.
std::vector<std::string> find_suite_files(const std::vector<std::string>& paths);

}  // namespace koers::suite
