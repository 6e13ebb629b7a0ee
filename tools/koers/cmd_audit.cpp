// koers audit verify: checks the hash chain and format of audit logs (README, "Audit log").
// Exit 0 when the chain is intact, 1 when a line was removed, inserted or changed or is
// malformed, 2 when a file cannot be read.
#include <iostream>

#include "service/audit_chain.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct VerifyOptions {
  std::vector<std::string> files;
  bool from_the_start = false;
};

int run_verify(const VerifyOptions& options) {
  service::ChainReport report;
  try {
    report = service::verify_audit_chain(options.files, options.from_the_start);
  } catch (const std::exception& e) {
    std::cerr << "koers audit verify: " << e.what() << "\n";
    return kExitUnusable;
  }
  std::cout << service::describe(report);
  return report.intact() ? kExitOk : kExitInputRejected;
}

}  // namespace

bool audit_chain_intact(const std::vector<std::string>& files, const char* command) {
  // Each file on its own: the logs given may be of different servers, in any order. The links
  // between rotated files are `koers audit verify`'s to check.
  for (const std::string& file : files) {
    service::ChainReport report;
    try {
      report = service::verify_audit_chain({file});
    } catch (const std::exception&) {
      continue;  // the command reads the file itself and says why it cannot
    }
    if (report.intact()) continue;
    const service::ChainBreak& first = report.breaks.front();
    std::cerr << command
              << ": the audit log may have been changed, so it is not used: " << first.file << ":"
              << first.line << ": " << first.what << "\n(koers audit verify lists every problem)\n";
    return false;
  }
  return true;
}

void add_audit(CLI::App& app, int& exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Check audit logs");
  audit->require_subcommand(1);
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Check the hash chain and format of audit logs: a line removed, inserted or changed is "
      "found and named by file and line");
  verify->add_flag("--from-the-start", options->from_the_start,
                   "The first file is the log's first: its first line must begin the chain, so "
                   "lines removed from its start are found too");
  verify
      ->add_option("files", options->files,
                   "Audit logs, rotated files oldest first (audit.jsonl.2 "
                   "audit.jsonl.1 audit.jsonl)")
      ->required()
      ->check(CLI::ExistingFile);
  verify->callback([options, &exit_code] { exit_code = run_verify(*options); });
}

}  // namespace koers::cli
