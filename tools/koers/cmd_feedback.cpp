// koers feedback export: turns the professionals' overrides in an audit log into candidate
// regression suites for a maintainer to review (README, "Feedback").
#include <filesystem>
#include <iostream>

#include "service/audit_record.h"
#include "service/case_index.h"
#include "service/feedback_export.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"

namespace koers::cli {

namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  RuleOptions rules;  // only the schema is used: to find the cases by hash
  std::string audit;
  std::vector<std::string> cases;
  std::string output;
};

int run_export(const ExportOptions& options) {
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  // A hand-written feedback line would otherwise become a regression suite.
  if (!audit_chain_intact({options.audit}, "koers feedback export")) return kExitInputRejected;
  service::AuditContents audit;
  try {
    audit = service::read_audit_file(options.audit);
  } catch (const std::exception& e) {
    std::cerr << "koers feedback export: " << e.what() << "\n";
    return kExitUnusable;
  }
  const auto index = service::index_cases(loaded->program.schema, options.cases);
  const auto result = service::export_overrides(audit, index);
  std::error_code ec;
  fs::create_directories(options.output, ec);
  if (ec) {
    std::cerr << "koers feedback export: cannot create " << options.output << ": " << ec.message()
              << "\n";
    return kExitUnusable;
  }
  for (const auto& suite : result.suites) {
    const fs::path path = fs::path(options.output) / suite.file_name;
    // A candidate holds a family's case: readable by its owner only, as the recorded cases.
    ReplaceOptions replace;
    replace.new_file_mode = 0600;
    if (auto written = replace_file_atomically(path, suite.text, replace); !written) {
      std::cerr << "koers feedback export: cannot write " << path.string() << ": " << written.error
                << "\n";
      return kExitUnusable;
    }
    std::cout << path.string() << "\n";
  }
  for (const auto& problem : result.problems)
    std::cerr << "koers feedback export: " << problem << "\n";
  std::cerr << result.suites.size() << " candidate suite(s) written, " << result.problems.size()
            << " override(s) not exported\n";
  return result.problems.empty() ? kExitOk : kExitInputRejected;
}

}  // namespace

void add_feedback(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("feedback", "Professionals' feedback in an audit log");
  cmd->require_subcommand(1);
  auto options = std::make_shared<ExportOptions>();
  CLI::App* exp = cmd->add_subcommand(
      "export", "Write each override as a candidate regression suite (review: required)");
  add_rules_option(exp, options->rules);
  exp->add_option("--cases", options->cases, "Directories or files holding the cases")->required();
  exp->add_option("-o,--output", options->output, "Directory for the suite files")->required();
  exp->add_option("audit", options->audit, "Audit log (JSON lines)")->required();
  exp->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace koers::cli
