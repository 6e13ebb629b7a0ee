#pragma once
// One function per subcommand; main.cpp wires them to CLI11.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "tools/koers/app.h"

namespace koers::cli {

// "--rules" for every command that takes a rule set (defined in app.cpp).
void add_rules_option(CLI::App* cmd, RuleOptions& options);
// "--lang nl|en" for the caseworker-facing commands (advise, report, timeline); nl by default.
void add_lang_option(CLI::App* cmd, std::string& lang);

struct AdviseOptions {
  RuleOptions rules;
  std::string as_of;
  std::string format = "text";
  int jobs = 1;  // --format jsonl only
  std::vector<std::string> cases;
  std::string audit;        // append a line per advice to this audit log
  std::string lang = "nl";  // of case-file errors
};

// Returns the subcommand's runner after registering its options on `app`.
void add_advise(CLI::App& app, int& exit_code);
void add_check(CLI::App& app, int& exit_code);
void add_test(CLI::App& app, int& exit_code);
void add_explain(CLI::App& app, int& exit_code);
void add_diff(CLI::App& app, int& exit_code);
void add_lint(CLI::App& app, int& exit_code);
void add_fmt(CLI::App& app, int& exit_code);
void add_report(CLI::App& app, int& exit_code);
void add_timeline(CLI::App& app, int& exit_code);

void add_replay(CLI::App& app, int& exit_code);
void add_feedback(CLI::App& app, int& exit_code);
void add_token(CLI::App& app, int& exit_code);
void add_policy(CLI::App& app, int& exit_code);
void add_audit(CLI::App& app, int& exit_code);

// Whether the chain within each of the audit logs `files` is intact; when not, says where it
// breaks on stderr, as `command`. Files that cannot be read are left to the command.
bool audit_chain_intact(const std::vector<std::string>& files, const char* command);

int run_advise(const AdviseOptions& options);
int run_check(const RuleOptions& options);

}  // namespace koers::cli
