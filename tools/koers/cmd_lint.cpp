// koers lint: findings about the rules that are not errors (codes L1xx; README "Lint codes"). The
// findings that need a case to show them come with one: `--counterexamples DIR` writes each as a
// suite file, ready to review and add to the regression suites.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

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

// The case texts under `paths`: case files, suites (their tests' cases), and directories of both.
std::vector<std::string> seed_case_texts(const std::vector<std::string>& paths) {
  std::vector<std::string> texts;
  auto read_case = [&](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec) && p.find(".suite.") == std::string::npos) read_case(p);
    if (!fs::is_directory(p, ec)) continue;
    std::vector<fs::path> cases;
    for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && e.path().extension() == ".yaml" &&
          name.find(".suite.") == std::string::npos) {
        cases.push_back(e.path());
      }
    }
    std::sort(cases.begin(), cases.end());
    for (const auto& c : cases) read_case(c);
  }
  for (auto& text : suite::suite_case_texts(suite::find_suite_files(paths))) {
    texts.push_back(std::move(text));
  }
  return texts;
}

// Where the search starts: `--seeds`, else what the rule set declares (`# koers-lint: seeds`),
// else the regression cases beside the rule set (DIR/../tests/cases). The shipped rules and a copy
// given with `--rules` are treated alike. Says on stderr which it used; a declared path that is
// not there is a finding (L100), as the search would otherwise cry wolf without its cases.
std::vector<std::string> seed_paths(const LintOptions& options,
                                    const std::vector<lint::SeedDeclaration>& declared,
                                    const std::string& rules_path, Diagnostics& findings) {
  if (options.no_seeds) {
    std::cerr << "koers lint: the case search starts from random cases only (--no-seeds)\n";
    return {};
  }
  if (!options.seeds.empty()) return options.seeds;
  std::vector<std::string> paths;
  for (const auto& d : declared) {
    std::error_code ec;
    if (!fs::exists(d.path, ec)) {
      findings.warning(
          "L100", d.span,
          fmt::format("the seed cases `{}` this rule set declares are not there", d.declared),
          "copy them along with the rules, or give `--seeds PATH`; without them the "
          "search starts from random cases and may report rules it cannot reach");
      continue;
    }
    std::cerr << "koers lint: the case search starts from " << d.path << " (declared in "
              << d.span.path() << ":" << d.span.line << ")\n";
    paths.push_back(d.path);
  }
  if (!declared.empty()) return paths;
  std::error_code ec;
  fs::path dir = rules_path;
  if (fs::is_regular_file(dir, ec)) dir = dir.parent_path();
  const fs::path beside = (dir / ".." / "tests" / "cases").lexically_normal();
  if (fs::is_directory(beside, ec)) {
    std::cerr << "koers lint: the case search starts from " << beside.string()
              << " (the regression cases beside the rules)\n";
    return {beside.string()};
  }
  std::cerr << "koers lint: the case search starts from random cases only: the rule set declares "
               "no seed cases (`# koers-lint: seeds \"path\"`) and there is no "
            << beside.string() << "\n";
  return {};
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
  Diagnostics findings(1000);
  // Every layer's directives: an organisation's layer declares its own allowances and seeds.
  lint::LintDirectives directives;
  for (const auto& layer : loaded->program.layers) {
    auto more = lint::read_lint_directives(layer.path, findings);
    for (auto& a : more.allowances) directives.allowances.push_back(std::move(a));
    for (auto& s : more.seeds) directives.seeds.push_back(std::move(s));
  }
  Diagnostics raw(1000);
  lint::lint(loaded->program, disabled, raw);
  std::vector<lint::Counterexample> examples;
  // The findings only a case search can show: under --no-search nobody looked for them.
  std::set<std::string> not_looked_for;
  if (options.no_search) {
    not_looked_for = {"L107", "L108", "L109", "L110", "L111"};
  } else {
    lint::SearchOptions search;
    search.as_of = as_of.value_or(today_utc());
    search.budget = options.budget;
    search.seed = options.seed;
    search.seed_cases = seed_case_texts(
        seed_paths(options, directives.seeds, loaded->program.rules_path, findings));
    auto stats =
        lint::search_lint(loaded->program, loaded->policy, search, disabled, raw, examples);
    if (static_cast<size_t>(stats.seeds) < search.seed_cases.size()) {
      std::cerr << "koers lint: " << search.seed_cases.size() - static_cast<size_t>(stats.seeds)
                << " of " << search.seed_cases.size()
                << " seed case(s) left out: the case loader rejects them (koers advise says why)\n";
    }
    if (stats.dropped > 0) {
      std::cerr << "koers lint: " << stats.dropped
                << " search finding(s) left out: their counterexample, evaluated, did not show "
                   "them\n";
    }
  }
  auto allowed =
      lint::apply_allowances(directives.allowances, raw, disabled, findings, not_looked_for);
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
  add_rules_option(cmd, options->rules);
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
                  "Case files, suites or directories to start the search from (default: what the "
                  "rule set declares with `# koers-lint: seeds`, else tests/cases beside it)");
  cmd->add_flag("--no-seeds", options->no_seeds, "Search from random cases only");
  cmd->add_flag("--no-search", options->no_search,
                "Skip the findings that need a case search (L107-L111)");
  cmd->callback([options, &exit_code] { exit_code = run_lint(*options); });
}

}  // namespace koers::cli
