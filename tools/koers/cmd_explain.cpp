// koers explain: why a rule fired or did not, or how a decision was settled, for one case.
#include <fstream>
#include <iostream>
#include <sstream>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "eval/explain.h"
#include "eval/logic.h"
#include "synth/smallest_change.h"
#include "tools/koers/commands.h"

namespace koers::cli {

namespace {

struct ExplainOptions {
  RuleOptions rules;
  std::string case_file;
  std::string rule;
  std::string decision;
  std::string as_of;
  std::string to;          // --decision: the value the smallest change should lead to
  bool no_change = false;  // skip the search for the smallest change
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The goal of the search: the rule fires (or stops firing), or the decision gets another value.
std::optional<synth::Score> change_goal(const Program& program, const Policy& policy, const Case& c,
                                        Date as_of, const ExplainOptions& options,
                                        std::string& goal_text) {
  if (!options.rule.empty()) {
    const CompiledRule* rule = nullptr;
    for (const auto& r : program.rules) rule = r.id == options.rule ? &r : rule;
    if (rule == nullptr) return std::nullopt;
    SettledCase settled(program, policy, c, as_of);
    const bool fires = logic::truth(settled.holds(*rule)) == logic::Truth::yes;
    goal_text = fires ? "de regel niet afgaat" : "de regel afgaat";
    return [rule, fires](SettledCase& sc) { return synth::rule_closeness(sc, *rule, !fires); };
  }
  Advice advice = evaluate(program, policy, c, as_of);
  std::string now;
  for (const auto& d : advice.decisions) {
    if (d.name == options.decision) now = outcome_word(program, d);
  }
  const std::string name = options.decision;
  const std::string to = options.to;
  goal_text = to.empty() ? "`" + name + "` een andere waarde krijgt dan " + now
                         : "`" + name + "` " + to + " wordt";
  const Program* p = &program;
  return [p, name, to, now](SettledCase& sc) {
    for (const auto& d : sc.advice().decisions) {
      if (d.name != name) continue;
      const std::string word = outcome_word(*p, d);
      if (to.empty()) {
        return word != now && d.status == DecisionResult::Status::decided ? 1.0 : 0.0;
      }
      return word == to ? 1.0 : 0.0;
    }
    return 0.0;
  };
}

std::string smallest_change_text(const Program& program, const Policy& policy, const Case& c,
                                 Date as_of, const ExplainOptions& options) {
  std::string goal_text;
  auto goal = change_goal(program, policy, c, as_of, options, goal_text);
  if (!goal) return {};
  synth::CaseSynth synth(program, policy, as_of, 1);
  auto tree = synth.tree_of_yaml(read_text(options.case_file));
  if (!tree) return {};
  auto changes = synth::smallest_changes(program, policy, synth, *tree, *goal);
  std::string out = "\nKleinste verandering waardoor " + goal_text + ":\n";
  if (changes.empty()) return out + "  geen gevonden met 3 of minder feiten\n";
  for (size_t i = 0; i < changes.size(); ++i) {
    out += changes.size() > 1 ? "  " + std::to_string(i + 1) + ". " : "  ";
    for (size_t k = 0; k < changes[i].facts.size(); ++k) {
      const auto& f = changes[i].facts[k];
      if (k > 0) out += changes.size() > 1 ? "\n     " : "\n  ";
      out += f.path + ": " + (f.before.empty() ? f.after : f.before + " → " + f.after);
    }
    out += "\n";
  }
  return out;
}

int run_explain(const ExplainOptions& options) {
  if (options.rule.empty() == options.decision.empty()) {
    std::cerr << "koers explain: give one of --rule ID or --decision NAME\n";
    return kExitUnusable;
  }
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "explain", forced)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  auto c = load_case_or_report(loaded->program, options.case_file);
  if (!c) return kExitInputRejected;
  Date as_of = forced ? *forced : c->as_of.value_or(today_utc());
  auto text = options.rule.empty()
                  ? explain_decision(loaded->program, loaded->policy, *c, as_of, options.decision)
                  : explain_rule(loaded->program, loaded->policy, *c, as_of, options.rule);
  if (!text) {
    std::cerr << "koers explain: no "
              << (options.rule.empty() ? "decision `" + options.decision : "rule `" + options.rule)
              << "` in the rules\n";
    return kExitUnusable;
  }
  std::cout << *text;
  if (!options.no_change)
    std::cout << smallest_change_text(loaded->program, loaded->policy, *c, as_of, options);
  return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Why a rule fired or not, or how a decision was settled, for one case");
  add_rules_option(cmd, options->rules);
  cmd->add_option("--policy", options->rules.policy, "Policy file");
  cmd->add_option("--rule", options->rule, "The rule to explain");
  cmd->add_option("--decision", options->decision, "The decision to explain");
  cmd->add_option("--as-of", options->as_of, "Advice date YYYY-MM-DD");
  cmd->add_option("--to", options->to,
                  "With --decision: show the smallest change that gives this value");
  cmd->add_flag("--no-change", options->no_change,
                "Do not search for the smallest change of facts that would change the outcome");
  cmd->add_option("case", options->case_file, "Case file (YAML)")->required();
  cmd->callback([options, &exit_code] { exit_code = run_explain(*options); });
}

}  // namespace koers::cli
