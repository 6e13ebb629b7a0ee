// koers audit verify: checks the hash chain and format of audit logs (README, "Audit log").
// Exit 0 when the chain is intact, 1 when a line was removed, inserted or changed or is
// malformed, 2 when a file cannot be read.
#include <iostream>

#include "service/audit_chain.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

int run_verify(const std::vector<std::string>& files) {
  service::ChainReport report;
  try {
    report = service::verify_audit_chain(files);
  } catch (const std::exception& e) {
    std::cerr << "koers audit verify: " << e.what() << "\n";
    return kExitUnusable;
  }
  std::cout << service::describe(report);
  return report.intact() ? kExitOk : kExitInputRejected;
}

}  // namespace

bool audit_chain_intact(const std::vector<std::string>& files, const char* command) {
  service::ChainReport report;
  try {
    report = service::verify_audit_chain(files);
  } catch (const std::exception&) {
    return true;  // the command reads the files itself and says why it cannot
  }
  if (report.intact()) return true;
  const service::ChainBreak& first = report.breaks.front();
  std::cerr << command << ": the audit log may have been changed, so it is not used: " << first.file
            << ":" << first.line << ": " << first.what
            << "\n(koers audit verify lists every problem; give rotated files oldest first)\n";
  return false;
}

void add_audit(CLI::App& app, int& exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Check audit logs");
  audit->require_subcommand(1);
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Check the hash chain and format of audit logs: a line removed, inserted or changed is "
      "found and named by file and line");
  verify
      ->add_option("files", *files,
                   "Audit logs, rotated files oldest first (audit.jsonl.2 "
                   "audit.jsonl.1 audit.jsonl)")
      ->required()
      ->check(CLI::ExistingFile);
  verify->callback([files, &exit_code] { exit_code = run_verify(*files); });
}

}  // namespace koers::cli
