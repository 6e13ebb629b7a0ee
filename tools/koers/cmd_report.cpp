// koers report: the advice for one case as a self-contained HTML page (Dutch, screen and A4).
#include <iostream>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"

namespace koers::cli {

namespace {

struct ReportOptions {
  RuleOptions rules;
  std::string case_file;
  std::string output;
  std::string as_of;
  std::string lang = "nl";  // of case-file errors
  bool follow_symlinks = false;
  bool print = false;
};

int run_report(const ReportOptions& options) {
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "report", forced)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  auto c = load_case_or_report(loaded->program, options.case_file, options.lang);
  if (!c) return kExitInputRejected;
  Date as_of = forced ? *forced : c->as_of.value_or(today_utc());
  Advice advice = evaluate(loaded->program, loaded->policy, *c, as_of);
  if (!advice.errors.empty()) {
    for (const auto& e : advice.errors)
      std::cerr << options.case_file << ": error[R501]: " << e << "\n";
    return kExitInputRejected;
  }
  std::string html = options.print ? render_print_html(loaded->program, advice)
                                   : render_html(loaded->program, advice);
  if (options.output.empty() || options.output == "-") {
    std::cout << html;
    return kExitOk;
  }
  // The report holds the family's data: written whole or not at all, never through a link the
  // user did not ask to follow, keeping an existing file's permissions (util/atomic_file.h).
  ReplaceOptions replace;
  replace.follow_symlinks = options.follow_symlinks;
  if (auto written = replace_file_atomically(options.output, html, replace); !written) {
    std::cerr << "koers report: cannot write " << options.output << ": " << written.error << "\n";
    return kExitUnusable;
  }
  return kExitOk;
}

}  // namespace

void add_report(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd =
      app.add_subcommand("report", "The advice for one case as a self-contained HTML page");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--as-of", options->as_of, "Advice date YYYY-MM-DD");
  cmd->add_option("-o,--output", options->output, "HTML file to write (default: standard output)");
  cmd->add_flag("--print", options->print,
                "The print view for the team meeting: one or two A4 pages, no ids or hashes");
  cmd->add_flag("--follow-symlinks", options->follow_symlinks,
                "When the output file is a symbolic link, write where it leads (else refused)");
  add_lang_option(cmd, options->lang);
  cmd->add_option("case", options->case_file, "Case file (YAML)")->required();
  cmd->callback([options, &exit_code] { exit_code = run_report(*options); });
}

}  // namespace koers::cli
