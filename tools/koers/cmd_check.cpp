// koers check: parse and check the rules and the policy; print every problem.
#include <spdlog/spdlog.h>

#include <iostream>

#include "tools/koers/commands.h"

namespace koers::cli {

int run_check(const RuleOptions& options) {
  auto loaded = load_rules_and_policy(options);
  if (!loaded) return kExitUnusable;
  const Program& p = loaded->program;
  std::cout << "ok: " << p.rules.size() << " rules, " << p.decisions.size() << " decisions, "
            << p.defines.size() << " defines, " << p.parameters.size() << " parameters, "
            << p.sources.size() << " sources; policy " << loaded->policy.id << " "
            << loaded->policy.version << "\n";
  // What `koers serve --expect-rules-hash` takes, and what advice and audit lines carry.
  std::cout << "rules sha256 " << p.rules_sha256 << "\npolicy sha256 " << loaded->policy.sha256
            << "\n";
  return kExitOk;
}

void add_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RuleOptions>();
  CLI::App* cmd =
      app.add_subcommand("check", "Check the rules and the policy; print every problem");
  cmd->add_option("--rules", options->rules, "Rule set directory (default: the shipped rules)");
  cmd->add_option(
      "--policy", options->policy,
      "Policy file (default: policies/landelijk.yaml with the shipped rules; the rules' "
      "defaults with --rules)");
  cmd->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace koers::cli
