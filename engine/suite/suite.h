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
#include "data/policy.h"
#include "diag/diagnostic.h"

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
struct SuiteCase {
  std::string label;  // "file: test name"
  std::string text;   // the case, as a case file
};
std::vector<SuiteCase> suite_cases(const std::vector<std::string>& files);
std::vector<std::string> suite_case_texts(const std::vector<std::string>& files);

// Suite files (*.yaml) under the given paths, sorted.
std::vector<std::string> find_suite_files(const std::vector<std::string>& paths);

}  // namespace koers::suite
