// koers timeline: a family's advice over time, advised again at each month's end of its history.
#include <iostream>

#include "data/case_loader.h"
#include "report/timeline.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct TimelineOptions {
  RuleOptions rules;
  std::string case_file;
  std::string as_of;
  std::string lang = "nl";  // of case-file errors
  std::string format = "text";
  int months = 60;
};

int run_timeline(const TimelineOptions& options) {
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "timeline", forced)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  auto c = load_case_or_report(loaded->program, options.case_file, options.lang);
  if (!c) return kExitInputRejected;
  const Date to = forced ? *forced : c->as_of.value_or(today_utc());
  const Timeline timeline =
      advice_timeline(loaded->program, loaded->policy, *c, to, options.months);
  std::cout << (options.format == "html" ? render_timeline_html(timeline)
                                         : render_timeline_text(timeline));
  return kExitOk;
}

}  // namespace

void add_timeline(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TimelineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "A family's advice over time: advised again at each month's end since the current help "
      "started, with what changed since the month before");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--as-of", options->as_of,
                  "Last date YYYY-MM-DD (default: the case's as_of, else today)");
  cmd->add_option("--months", options->months, "At most this many months (the latest)")
      ->check(CLI::Range(1, 240));
  cmd->add_option("--format", options->format, "text (for people) or html (a fragment)")
      ->check(CLI::IsMember({"text", "html"}));
  add_lang_option(cmd, options->lang);
  cmd->add_option("case", options->case_file, "Case file (YAML)")->required();
  cmd->callback([options, &exit_code] { exit_code = run_timeline(*options); });
}

}  // namespace koers::cli
