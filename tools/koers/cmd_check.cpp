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
  if (p.layers.size() > 1) {
    for (const auto& l : p.layers)
      std::cout << "layer " << l.name << " sha256 " << l.sha256 << "\n";
    for (const auto& o : p.overrides) {
      std::cout << "rule " << o.rule << " of " << o.replaced_layer << " is overridden by "
                << o.layer << ": " << o.reason << "\n";
    }
  }
  return kExitOk;
}

void add_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RuleOptions>();
  CLI::App* cmd =
      app.add_subcommand("check", "Check the rules and the policy; print every problem");
  add_rules_option(cmd, *options);
  cmd->add_option(
      "--policy", options->policy,
      "Policy file (default: the one the rules name with `default policy`, else the rules' "
      "defaults)");
  cmd->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace koers::cli
