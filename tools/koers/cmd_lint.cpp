// koers lint: findings about the rules that are not errors (codes L1xx; README "Lint codes"). The
// findings that need a case to show them come with one: `--counterexamples DIR` writes each as a
// suite file, ready to review and add to the regression suites.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lint/allowances.h"
#include "lint/lint.h"
#include "lint/search_lint.h"
#include "suite/suite.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"

namespace koers::cli {

namespace {

namespace fs = std::filesystem;

struct LintOptions {
  RuleOptions rules;
  std::string disable;
  std::string as_of;
  std::string counterexamples;
  int budget = 3000;
  uint64_t seed = 1;
  bool no_search = false;
  std::vector<std::string> seeds;
  bool no_seeds = false;
};

std::string file_name(const lint::Counterexample& c) {
  std::string name = c.code + "-" + c.subject;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '_';
  }
  return name + ".suite.yaml";
}

bool write_counterexamples(const std::string& dir,
                           const std::vector<lint::Counterexample>& examples) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& c : examples) {
    fs::path path = fs::path(dir) / file_name(c);
    if (auto written = replace_file_atomically(path, c.suite_yaml); !written) {
      std::cerr << "koers lint: cannot write " << path.string() << ": " << written.error << "\n";
      return false;
    }
    std::cout << "counterexample for " << c.code << " " << c.subject << ": " << path.string()
              << "\n";
  }
  return true;
}

int run_lint(const LintOptions& options) {
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  std::optional<Date> as_of;
  if (!parse_as_of(options.as_of, "lint", as_of)) return kExitUnusable;
  std::set<std::string> disabled;
  std::stringstream list(options.disable);
  for (std::string code; std::getline(list, code, ',');) {
    if (!code.empty()) disabled.insert(code);
  }
  Diagnostics raw(1000);
  lint::lint(loaded->program, disabled, raw);
  std::vector<lint::Counterexample> examples;
  if (!options.no_search) {
    lint::SearchOptions search;
    search.as_of = as_of.value_or(today_utc());
    search.budget = options.budget;
    search.seed = options.seed;
    std::vector<std::string> seed_paths = options.seeds;
    if (seed_paths.empty() && !options.no_seeds && options.rules.rules.empty()) {
      // The shipped rules: start from the project's own regression cases.
      seed_paths.push_back(
          (fs::path(shipped_rules_dir()) / ".." / "tests" / "cases").lexically_normal().string());
    }
    for (const auto& p : seed_paths) {
      std::error_code ec;
      if (fs::is_regular_file(p, ec) && p.find(".suite.") == std::string::npos) {
        std::ifstream in(p, std::ios::binary);
        search.seed_cases.emplace_back(std::istreambuf_iterator<char>(in),
                                       std::istreambuf_iterator<char>());
      }
    }
    for (auto& text : suite::suite_case_texts(suite::find_suite_files(seed_paths))) {
      search.seed_cases.push_back(std::move(text));
    }
    lint::search_lint(loaded->program, loaded->policy, search, disabled, raw, examples);
  }
  Diagnostics findings(1000);
  auto allowances = lint::read_allowances(loaded->program.rules_path, findings);
  auto allowed = lint::apply_allowances(allowances, raw, disabled, findings);
  for (const auto& a : allowed) std::cout << "allowed " << a << "\n";
  if (!options.counterexamples.empty() &&
      !write_counterexamples(options.counterexamples, examples)) {
    return kExitUnusable;
  }
  if (findings.empty()) {
    std::cout << "no findings\n";
    return kExitOk;
  }
  std::cerr << render_all(findings, stderr_is_terminal());
  std::cout << findings.sorted().size() << " finding(s)";
  if (!examples.empty() && options.counterexamples.empty()) {
    std::cout << "; --counterexamples DIR writes a case for each";
  }
  std::cout << "\n";
  return kExitInputRejected;
}

}  // namespace

void add_lint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "Findings about the rules that are not errors (L1xx)");
  cmd->add_option("--rules", options->rules.rules,
                  "Rule set directory (default: the shipped rules)");
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--disable", options->disable,
                  "Comma-separated lint codes to skip, e.g. L101,L103");
  cmd->add_option("--as-of", options->as_of,
                  "Date the searched cases are advised on, YYYY-MM-DD (default: today)");
  cmd->add_option("--counterexamples", options->counterexamples,
                  "Write a suite file per finding that a case shows (L107-L111) into DIR");
  cmd->add_option("--budget", options->budget, "Cases tried per question (default 3000)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", options->seed, "Seed of the case search (default 1)");
  cmd->add_option("--seeds", options->seeds,
                  "Case files or suites to start the search from (default with the shipped rules: "
                  "tests/cases)");
  cmd->add_flag("--no-seeds", options->no_seeds, "Search from random cases only");
  cmd->add_flag("--no-search", options->no_search,
                "Skip the findings that need a case search (L107-L111)");
  cmd->callback([options, &exit_code] { exit_code = run_lint(*options); });
}

}  // namespace koers::cli
