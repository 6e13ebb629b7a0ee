#pragma once
// Shared pieces of the `koers` subcommands: finding the shipped rules and policy, loading them,
// printing diagnostics, logging. Exit codes (README, "Exit codes"):
//   0 success; 1 some input (a case file) was rejected; 2 usage error or unusable rules/policy.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "api/rules_and_policy.h"
#include "compile/program.h"
#include "diag/diagnostic.h"
#include "policy/policy.h"
#include "value/value.h"

namespace koers::cli {

constexpr int kExitOk = 0;
constexpr int kExitInputRejected = 1;
constexpr int kExitUnusable = 2;

struct RuleOptions {
  // Rule set directories: empty means the shipped rules; more than one, layers (the national
  // rules first, then an organisation's own on top; api/rule_set.h).
  std::vector<std::string> rules;
  std::string policy;  // empty: the policy the rules name (`default policy`), else their defaults
  // Diagnostics name the files by role (`rules/veiligheid.koers`, the policy's file name), not by
  // where this machine keeps them: koers serve sends them to clients.
  bool names_without_paths = false;
};

// The rule set directories joined for a message: "a + b".
std::string rules_shown(const RuleOptions& options);

using Loaded = RulesAndPolicy;

// The directory of the running program (empty when unknown).
std::filesystem::path executable_dir();

// The shipped rules directory and default policy, found next to the source tree or installation.
std::string shipped_rules_dir();
// The policy used when --policy is not given: KOERS_POLICY with the shipped rules, else the one
// the rule set names (`default policy "..."`); "" for the rules' own defaults.
std::string default_policy_file(const Program& program, const RuleOptions& options);

// Loads rules and policy; on problems prints every diagnostic to stderr and returns nullopt.
std::optional<Loaded> load_rules_and_policy(const RuleOptions& options);
// The same, leaving the diagnostics to the caller (koers serve reports them over HTTP).
std::optional<Loaded> load_rules_and_policy(const RuleOptions& options, Diagnostics& diags);

void print_diagnostics(const Diagnostics& diags);

// Parses an `--as-of` option (empty: none given). False, after telling the user, when it is not a
// date YYYY-MM-DD.
bool parse_as_of(const std::string& text, const char* command, std::optional<Date>& out);
// Loads one case file; when it is rejected, prints every problem and returns nullopt.
// Case-file errors go to stderr in `lang`: "nl" (plain Dutch for caseworkers,
// data/case_errors_nl.h) or "en" (the loader's own messages, with hints).
std::optional<Case> load_case_or_report(const Program& program, const std::string& path,
                                        const std::string& lang = "nl");
void print_case_diagnostics(const Schema& schema, const Diagnostics& diags,
                            const std::string& lang);
bool stderr_is_terminal();

}  // namespace koers::cli
