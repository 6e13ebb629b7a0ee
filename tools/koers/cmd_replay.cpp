// koers replay: gives every advice in an audit log again and confirms it byte for byte (README,
// "Receipts and replay"). Exit 0 when every advice is confirmed, 1 when one differs or its case is
// not found, 2 when the rules, policy or audit log cannot be used.
#include <iostream>

#include "service/audit_record.h"
#include "service/case_index.h"
#include "service/replay.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct ReplayOptions {
  RuleOptions rules;
  std::vector<std::string> cases;
  std::vector<std::string> audits;
};

int run_replay(const ReplayOptions& options) {
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  const service::CaseIndex index = service::index_cases(loaded->program.schema, options.cases);
  for (const auto& file : index.unreadable) {
    std::cerr << "koers replay: " << file << " is no valid case file; skipped\n";
  }
  // A log with a line removed, inserted or changed would be confirmed line by line all the same.
  if (!audit_chain_intact(options.audits, "koers replay")) return kExitInputRejected;
  bool ok = true;
  for (const auto& audit_path : options.audits) {
    service::AuditContents audit;
    try {
      audit = service::read_audit_file(audit_path);
    } catch (const std::exception& e) {
      std::cerr << "koers replay: " << e.what() << "\n";
      return kExitUnusable;
    }
    if (options.audits.size() > 1) std::cout << audit_path << ":\n";
    const auto result = service::replay(loaded->program, loaded->policy, audit, index);
    std::cout << result.report;
    ok = ok && result.ok();
  }
  return ok ? kExitOk : kExitInputRejected;
}

}  // namespace

void add_replay(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReplayOptions>();
  CLI::App* cmd = app.add_subcommand(
      "replay", "Give the advice in audit logs again and confirm receipts and decisions");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--cases", options->cases,
                  "Directories or files holding the cases (found by hash; e.g. serve --record DIR)")
      ->required();
  cmd->add_option("audit", options->audits, "Audit logs (JSON lines)")->required();
  cmd->callback([options, &exit_code] { exit_code = run_replay(*options); });
}

}  // namespace koers::cli
