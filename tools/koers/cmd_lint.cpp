// koers lint: findings about the rules that are not errors (codes L1xx; README "Lint codes").
#include <iostream>
#include <sstream>

#include "lint/lint.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct LintOptions {
  RuleOptions rules;
  std::string disable;
};

int run_lint(const LintOptions& options) {
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  std::set<std::string> disabled;
  std::stringstream list(options.disable);
  for (std::string code; std::getline(list, code, ',');) {
    if (!code.empty()) disabled.insert(code);
  }
  Diagnostics findings(1000);
  lint::lint(loaded->program, disabled, findings);
  if (findings.empty()) {
    std::cout << "no findings\n";
    return kExitOk;
  }
  std::cerr << render_all(findings, stderr_is_terminal());
  std::cout << findings.sorted().size() << " finding(s)\n";
  return kExitInputRejected;
}

}  // namespace

void add_lint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "Findings about the rules that are not errors (L1xx)");
  cmd->add_option("--rules", options->rules.rules,
                  "Rule set directory (default: the shipped rules)");
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--disable", options->disable,
                  "Comma-separated lint codes to skip, e.g. L101,L103");
  cmd->callback([options, &exit_code] { exit_code = run_lint(*options); });
}

}  // namespace koers::cli
