// koers test: run regression suites; readable expected-vs-actual for each failure; ends with
// "N passed, M failed".
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "suite/check_suite.h"
#include "suite/coverage.h"
#include "suite/suite.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"
#include "util/xml_escape.h"

namespace koers::cli {

namespace {

struct TestOptions {
  RuleOptions rules;
  std::vector<std::string> paths;
  std::string pattern;
  std::string junit;
  bool coverage = false;
  std::string coverage_json;
  double min_coverage = -1;
  double min_mcdc = -1;
  bool update = false;
  bool follow_symlinks = false;
};

// JUnit XML for CI systems: one testsuite per suite file.
std::string junit_xml(const std::vector<suite::TestResult>& results) {
  std::map<std::string, std::vector<const suite::TestResult*>> by_file;
  for (const auto& r : results) by_file[r.file].push_back(&r);
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const auto& [file, tests] : by_file) {
    size_t failures = 0;
    for (const auto* t : tests) failures += t->passed ? 0 : 1;
    out << "  <testsuite name=\"" << xml_escape(file) << "\" tests=\"" << tests.size()
        << "\" failures=\"" << failures << "\">\n";
    for (const auto* t : tests) {
      out << "    <testcase classname=\"" << xml_escape(file) << "\" name=\"" << xml_escape(t->name)
          << "\"";
      if (t->passed) {
        out << "/>\n";
        continue;
      }
      std::string message;
      for (const auto& f : t->failures) message += f + "\n";
      out << ">\n      <failure message=\"" << xml_escape(t->failures.front()) << "\">"
          << xml_escape(message + t->trace) << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

// A report file the user named: replaced whole (util/atomic_file.h); false after saying why.
bool write_output(const std::string& path, const std::string& text, bool follow_symlinks) {
  ReplaceOptions replace;
  replace.follow_symlinks = follow_symlinks;
  auto written = replace_file_atomically(path, text, replace);
  if (!written) std::cerr << "koers test: cannot write " << path << ": " << written.error << "\n";
  return written.ok;
}

int run_test(const TestOptions& options) {
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) {
    // The project's suites: next to the shipped rules.
    paths.push_back((std::filesystem::path(shipped_rules_dir()) / ".." / "tests" / "cases")
                        .lexically_normal()
                        .string());
  }
  // What was not named is a default: say which one, so that a gate never runs on what the user
  // did not mean (paths relative to the working directory, the same on every machine).
  auto shown = [](const std::string& path) {
    std::error_code ec;
    return std::filesystem::proximate(path, ec).generic_string();
  };
  if (options.rules.rules.empty() || options.rules.policy.empty() || options.paths.empty()) {
    std::cerr << "koers test: using "
              << (options.rules.rules.empty()
                      ? "the shipped rules (" + shown(shipped_rules_dir()) + ")"
                      : "the rules " + rules_shown(options.rules))
              << ", "
              << (!options.rules.policy.empty() ? "the policy " + options.rules.policy
                  : !default_policy_file(loaded->program, options.rules).empty()
                      ? "the policy " + shown(default_policy_file(loaded->program, options.rules))
                      : std::string("the rules' own defaults"))
              << " for tests that name no policy, and the suites in "
              << (options.paths.empty() ? shown(paths.front()) : std::string("the paths given"))
              << "\n";
  }
  std::vector<std::string> files = suite::find_suite_files(paths);
  if (files.empty()) {
    std::cerr << "koers test: no suite files (*.suite.yaml) found\n";
    return kExitUnusable;
  }
  // A suite is checked against the rules before it runs: a misspelt key, decision, value,
  // recommendation or field would otherwise make a test that checks nothing and passes.
  Diagnostics suite_problems;
  suite::check_suite_files(loaded->program, files, suite_problems);
  if (suite_problems.has_errors()) {
    print_diagnostics(suite_problems);
    std::cerr << "koers test: the suites cannot be used; no test was run\n";
    return kExitUnusable;
  }
  suite::RunOptions run;
  run.pattern = options.pattern;
  run.update = options.update;
  run.follow_symlinks = options.follow_symlinks;
  const bool want_coverage = options.coverage || !options.coverage_json.empty() ||
                             options.min_coverage >= 0 || options.min_mcdc >= 0;
  suite::Coverage coverage(loaded->program);
  if (want_coverage) {
    run.on_case = [&](const Policy& policy, const Case& c, Date as_of) {
      coverage.record(policy, c, as_of);
    };
  }
  // As everywhere: without --policy, the policy the rules name, else their own defaults.
  run.default_policy = default_policy_file(loaded->program, options.rules);
  auto results = suite::run_suites(loaded->program, files, run);
  size_t passed = 0;
  size_t failed = 0;
  size_t updated = 0;
  for (const auto& r : results) {
    if (r.updated) {
      ++updated;
      std::cout << "UPDATED " << r.file << ": " << r.name << "\n";
    }
    if (r.passed) {
      ++passed;
      continue;
    }
    ++failed;
    std::cout << "FAIL " << r.file << ": " << r.name << "\n";
    for (const auto& f : r.failures) std::cout << "  - " << f << "\n";
    if (!r.trace.empty()) {
      std::cout << "  advice:\n";
      std::string line;
      std::istringstream in(r.trace);
      while (std::getline(in, line)) std::cout << "    | " << line << "\n";
    }
  }
  if (!options.junit.empty() &&
      !write_output(options.junit, junit_xml(results), options.follow_symlinks)) {
    return kExitUnusable;
  }
  bool coverage_ok = true;
  if (want_coverage) {
    if (options.coverage || options.min_coverage >= 0 || options.min_mcdc >= 0) {
      std::cout << coverage.text();
    }
    if (!options.coverage_json.empty() &&
        !write_output(options.coverage_json, coverage.json() + "\n", options.follow_symlinks)) {
      return kExitUnusable;
    }
    if (options.min_coverage >= 0 && coverage.rule_percent() < options.min_coverage) {
      std::cout << "rule coverage " << coverage.rule_percent() << "% is below the minimum of "
                << options.min_coverage << "%\n";
      coverage_ok = false;
    }
    if (options.min_mcdc >= 0 && coverage.mcdc_percent() < options.min_mcdc) {
      std::cout << "MC/DC coverage " << coverage.mcdc_percent() << "% is below the minimum of "
                << options.min_mcdc << "%\n";
      coverage_ok = false;
    }
  }
  if (options.update) {
    std::cout << updated << " test(s) updated; review the change (git diff) before committing\n";
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 && coverage_ok ? kExitOk : kExitInputRejected;
}

}  // namespace

void add_test(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd =
      app.add_subcommand("test", "Run regression suites (*.suite.yaml; default: tests/cases)");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Default policy for tests that name none");
  cmd->add_option("--run", options->pattern, "Only tests whose `file: name` contains PATTERN");
  cmd->add_option("--junit", options->junit, "Also write the results as JUnit XML to FILE");
  cmd->add_flag("--coverage", options->coverage,
                "Report coverage in guideline terms: rules, conditions, recommendations, outcomes");
  cmd->add_option("--coverage-json", options->coverage_json, "Write the coverage as JSON to FILE");
  cmd->add_option("--min-coverage", options->min_coverage,
                  "Fail when fewer than N% of the rules both fired and did not fire");
  cmd->add_flag("--update", options->update,
                "Rewrite the expectations of failed tests to what the engine now gives");
  cmd->add_flag("--follow-symlinks", options->follow_symlinks,
                "Write suite, JUnit and coverage files that are symbolic links where they lead");
  cmd->add_option("--min-mcdc", options->min_mcdc,
                  "Fail when fewer than N% of the conditions decided their rule both ways");
  cmd->add_option("paths", options->paths, "Suite files or directories");
  cmd->callback([options, &exit_code] { exit_code = run_test(*options); });
}

}  // namespace koers::cli
