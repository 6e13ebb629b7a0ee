// koers explain: why a rule fired or did not, or how a decision was settled, for one case.
#include <iostream>

#include "data/case_loader.h"
#include "eval/explain.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct ExplainOptions {
  RuleOptions rules;
  std::string case_file;
  std::string rule;
  std::string decision;
  std::string as_of;
};

int run_explain(const ExplainOptions& options) {
  if (options.rule.empty() == options.decision.empty()) {
    std::cerr << "koers explain: give one of --rule ID or --decision NAME\n";
    return kExitUnusable;
  }
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "explain", forced)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  auto c = load_case_or_report(loaded->program, options.case_file);
  if (!c) return kExitInputRejected;
  Date as_of = forced ? *forced : c->as_of.value_or(today_utc());
  auto text = options.rule.empty()
                  ? explain_decision(loaded->program, loaded->policy, *c, as_of, options.decision)
                  : explain_rule(loaded->program, loaded->policy, *c, as_of, options.rule);
  if (!text) {
    std::cerr << "koers explain: no "
              << (options.rule.empty() ? "decision `" + options.decision : "rule `" + options.rule)
              << "` in the rules\n";
    return kExitUnusable;
  }
  std::cout << *text;
  return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Why a rule fired or not, or how a decision was settled, for one case");
  cmd->add_option("--rules", options->rules.rules,
                  "Rule set directory (default: the shipped rules)");
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--rule", options->rule, "The rule to explain");
  cmd->add_option("--decision", options->decision, "The decision to explain");
  cmd->add_option("--as-of", options->as_of, "Advice date YYYY-MM-DD");
  cmd->add_option("case", options->case_file, "Case file (YAML)")->required();
  cmd->callback([options, &exit_code] { exit_code = run_explain(*options); });
}

}  // namespace koers::cli
