#include "tools/koers/app.h"

#include "data/case_errors_nl.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api/rule_set.h"
#include "api/rules_and_policy.h"
#include "data/case_loader.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace fs = std::filesystem;

namespace {

std::string first_existing(std::initializer_list<fs::path> candidates) {
  for (const auto& c : candidates) {
    std::error_code ec;
    if (!c.empty() && fs::exists(c, ec)) return c.string();
  }
  return {};
}

}  // namespace

fs::path executable_dir() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

std::string shipped_rules_dir() {
  if (const char* env = std::getenv("KOERS_RULES"); env != nullptr && *env != '\0') return env;
  // An installed koers uses its own installation's rules; a koers in the build tree, the source's.
  std::string found =
      first_existing({executable_dir() / ".." / "share" / "koers" / "rules",
                      fs::path(KOERS_DATA_DIR) / "rules", fs::path(KOERS_SOURCE_DIR) / "rules"});
  return found.empty() ? std::string(KOERS_DATA_DIR) + "/rules" : found;
}

namespace {

// The policy asked for before the rules are read: --policy, else KOERS_POLICY with the shipped
// rules; "" when the rules' own choice counts.
std::string policy_asked_for(const RuleOptions& options) {
  if (!options.policy.empty()) return options.policy;
  if (const char* env = std::getenv("KOERS_POLICY");
      options.rules.empty() && env != nullptr && *env != '\0') {
    return env;
  }
  return {};
}

}  // namespace

std::string default_policy_file(const Program& program, const RuleOptions& options) {
  const std::string asked = policy_asked_for(options);
  return asked.empty() ? program.default_policy_path : asked;
}

void add_rules_option(CLI::App* cmd, RuleOptions& options) {
  cmd->add_option("--rules", options.rules,
                  "Rule set directory (default: the shipped rules); give it again for an "
                  "organisation's own rules on top of the national ones (layers)")
      // One directory per --rules: the words after it are the command's own (cases, suites).
      ->allow_extra_args(false);
}

std::string rules_shown(const RuleOptions& options) {
  std::string out;
  for (const auto& r : options.rules) out += (out.empty() ? "" : " + ") + r;
  return out;
}

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) != 0;
}

void print_diagnostics(const Diagnostics& diags) {
  std::cerr << render_all(diags, stderr_is_terminal());
  if (diags.error_count() > 0) {
    std::cerr << diags.error_count() << (diags.error_count() == 1 ? " error\n" : " errors\n");
  }
}

std::optional<Loaded> load_rules_and_policy(const RuleOptions& options, Diagnostics& diags) {
  const bool shipped = options.rules.empty();
  RulesAndPolicyRequest request;
  request.layers = shipped ? std::vector<std::string>{shipped_rules_dir()} : options.rules;
  request.names_without_paths = options.names_without_paths;
  request.shipped = shipped;
  request.policy_hint = "give one with --policy";
  request.policy = policy_asked_for(options);
  return load_rules_and_policy(request, diags);
}

std::optional<Loaded> load_rules_and_policy(const RuleOptions& options) {
  Diagnostics diags;
  auto loaded = load_rules_and_policy(options, diags);
  if (!loaded) print_diagnostics(diags);
  return loaded;
}

bool parse_as_of(const std::string& text, const char* command, std::optional<Date>& out) {
  if (text.empty()) return true;
  out = parse_date(text);
  if (!out) {
    std::cerr << "koers " << command << ": --as-of needs a date as YYYY-MM-DD, found `" << text
              << "`\n";
    return false;
  }
  return true;
}

std::optional<Case> load_case_or_report(const Program& program, const std::string& path,
                                        const std::string& lang) {
  Diagnostics diags;
  auto c = load_case_file(program.schema, path, diags);
  if (!c) print_case_diagnostics(program.schema, diags, lang);
  return c;
}

void print_case_diagnostics(const Schema& schema, const Diagnostics& diags,
                            const std::string& lang) {
  if (lang == "en") {
    print_diagnostics(diags);
    return;
  }
  // The same layout (place, code, caret) with Dutch words for its labels.
  std::string text = render_all(dutch_case_diagnostics(schema, diags), stderr_is_terminal());
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"error[", "fout["},
                                 std::pair<std::string, std::string>{"  = hint: ", "  = tip: "}}) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  const size_t n = diags.error_count();
  std::cerr << text << n << (n == 1 ? " fout" : " fouten") << " in het casusbestand\n";
}

void add_lang_option(CLI::App* cmd, std::string& lang) {
  cmd->add_option("--lang", lang,
                  "Language of case-file errors: nl (plain Dutch, the default) or en (technical)")
      ->check(CLI::IsMember({"nl", "en"}));
}

}  // namespace koers::cli
