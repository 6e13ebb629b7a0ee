#include "tools/koers/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api/rule_set.h"
#include "data/case_loader.h"

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

std::string shipped_policy_file() {
  if (const char* env = std::getenv("KOERS_POLICY"); env != nullptr && *env != '\0') return env;
  std::string found =
      first_existing({executable_dir() / ".." / "share" / "koers" / "policies" / "landelijk.yaml",
                      fs::path(KOERS_DATA_DIR) / "policies" / "landelijk.yaml",
                      fs::path(KOERS_SOURCE_DIR) / "policies" / "landelijk.yaml"});
  return found.empty() ? std::string(KOERS_DATA_DIR) + "/policies/landelijk.yaml" : found;
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
  const std::string rules_dir = shipped ? shipped_rules_dir() : options.rules;
  const bool hide = options.names_without_paths;
  auto program = load_rule_set(rules_dir, diags, hide ? "rules" : "");
  if (!program) return std::nullopt;
  spdlog::debug("loaded {} rules from {} (sha256 {})", program->rules.size(), rules_dir,
                program->rules_sha256);
  std::optional<Policy> policy;
  if (!options.policy.empty()) {
    policy = load_policy_file(*program, options.policy, diags,
                              hide ? fs::path(options.policy).filename().string() : "");
  } else if (shipped) {
    policy = load_policy_file(*program, shipped_policy_file(), diags,
                              hide ? "policies/landelijk.yaml" : "");
    if (policy) policy->path = "policies/landelijk.yaml";
  } else {
    policy = default_policy(*program, diags);
  }
  if (!policy) return std::nullopt;
  return Loaded{std::move(*program), std::move(*policy)};
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

std::optional<Case> load_case_or_report(const Program& program, const std::string& path) {
  Diagnostics diags;
  auto c = load_case_file(program.schema, path, diags);
  if (!c) print_diagnostics(diags);
  return c;
}

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("koers");
  logger->set_pattern("[%l] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace koers::cli
