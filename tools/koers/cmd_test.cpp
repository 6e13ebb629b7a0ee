// koers test: run regression suites; readable expected-vs-actual for each failure; ends with
// "N passed, M failed".
#include <filesystem>
#include <iostream>
#include <sstream>

#include "suite/suite.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct TestOptions {
  RuleOptions rules;
  std::vector<std::string> paths;
  std::string pattern;
};

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
  std::vector<std::string> files = suite::find_suite_files(paths);
  if (files.empty()) {
    std::cerr << "koers test: no suite files (*.suite.yaml) found\n";
    return kExitUnusable;
  }
  suite::RunOptions run;
  run.pattern = options.pattern;
  run.default_policy = options.rules.policy.empty() ? shipped_policy_file() : options.rules.policy;
  auto results = suite::run_suites(loaded->program, files, run);
  size_t passed = 0;
  size_t failed = 0;
  for (const auto& r : results) {
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
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitInputRejected;
}

}  // namespace

void add_test(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd =
      app.add_subcommand("test", "Run regression suites (*.suite.yaml; default: tests/cases)");
  cmd->add_option("--rules", options->rules.rules,
                  "Rule set directory (default: the shipped rules)");
  cmd->add_option("--policy", options->rules.policy, "Default policy for tests that name none");
  cmd->add_option("--run", options->pattern, "Only tests whose `file: name` contains PATTERN");
  cmd->add_option("paths", options->paths, "Suite files or directories");
  cmd->callback([options, &exit_code] { exit_code = run_test(*options); });
}

}  // namespace koers::cli
