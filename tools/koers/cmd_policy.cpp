// koers policy show: every parameter of the rule set with the value in force on a date, where it
// comes from (a policy entry and its date of effect, or the rule set's default), its unit, source
// and note, and the dates on which it changes. For policy staff checking what an organisation's
// policy says before it is used; `--format json` for tools.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "eval/evaluator.h"
#include "tools/koers/commands.h"
#include "value/date.h"

namespace koers::cli {

namespace {

using Json = nlohmann::ordered_json;

struct PolicyShowOptions {
  RuleOptions rules;
  std::string as_of;
  std::string format = "text";
};

std::string day(const Program& program, Date date) {
  return format_value(program, Value{date});
}

// Units are declared in the plural ("maanden"); one of them is said in the singular.
std::string unit_for(const std::string& unit, const Value& value) {
  static const std::map<std::string, std::string> kSingular = {
      {"dagen", "dag"},       {"weken", "week"},     {"maanden", "maand"},
      {"jaren", "jaar"},      {"gezinnen", "gezin"}, {"interventies", "interventie"},
      {"metingen", "meting"}, {"punten", "punt"},    {"trajecten", "traject"},
      {"kinderen", "kind"},   {"ouders", "ouder"},   {"gesprekken", "gesprek"}};
  const auto* number = std::get_if<int64_t>(&value.v);
  if (number == nullptr || *number != 1) return unit;
  const auto singular = kSingular.find(unit);
  return singular == kSingular.end() ? unit : singular->second;
}

std::string with_unit(const Program& program, const ParameterInfo& info, const Value& value) {
  std::string text = format_value(program, value);
  if (!info.unit.empty()) text += " " + unit_for(info.unit, value);
  return text;
}

std::string source_title(const Program& program, const std::string& id) {
  for (const auto& s : program.sources) {
    if (s.id == id) return s.title;
  }
  return id;
}

int run_show(const PolicyShowOptions& options) {
  std::optional<Date> forced;
  if (!parse_as_of(options.as_of, "policy show", forced)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  const Program& program = loaded->program;
  const Policy& policy = loaded->policy;
  const Date on = forced.value_or(today_utc());

  Json parameters = Json::array();
  std::string text = "Beleid " + policy.id + " " + policy.version +
                     (policy.title.empty() ? "" : " (" + policy.title + ")") + ", in werking op " +
                     day(program, on) + "\n";
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    const ParameterInfo& info = program.parameters[i];
    // Without a policy file the "policy" is the rules' defaults: say so, not "uit het beleid".
    const PolicyValue* in_force =
        policy.from_rule_defaults ? nullptr : value_in_force(policy, i, on);
    const std::optional<Value> value =
        in_force ? std::optional<Value>(in_force->value) : info.default_value;
    std::string origin_text;
    Json origin;
    if (in_force) {
      origin = {{"from", "policy"},
                {"valid_from", in_force->valid_from ? format_date(*in_force->valid_from) : ""}};
      origin_text = "uit het beleid" +
                    (in_force->valid_from ? ", geldig vanaf " + day(program, *in_force->valid_from)
                                          : std::string());
    } else if (info.default_value) {
      origin = {{"from", "default"}};
      origin_text =
          policy.from_rule_defaults
              ? "standaardwaarde van de regels (er is geen beleid gekozen)"
              : "standaardwaarde van de regels; het beleid geeft voor deze datum geen waarde";
    } else {
      origin = {{"from", "none"}};
      origin_text = "geen waarde: besluiten die deze instelling nodig hebben blijven onbekend";
    }
    // Later changes: every entry dated after `on`.
    Json changes = Json::array();
    std::string changes_text;
    for (const auto& entry : policy.values[i]) {
      if (!entry.valid_from || *entry.valid_from <= on) continue;
      changes.push_back({{"valid_from", format_date(*entry.valid_from)},
                         {"value", format_value(program, entry.value)}});
      changes_text += "  wijzigt op " + day(program, *entry.valid_from) + " in " +
                      with_unit(program, info, entry.value) + "\n";
    }
    const std::string source = in_force ? in_force->source : info.source;
    const std::string note = in_force && !in_force->note.empty() ? in_force->note : info.note;
    parameters.push_back({{"id", info.id},
                          {"title", info.title},
                          {"value", value ? format_value(program, *value) : ""},
                          {"unit", info.unit},
                          {"origin", origin},
                          {"source", source},
                          {"note", note},
                          {"changes", changes}});
    text += "\n" + info.id + (info.title.empty() ? "" : " — " + info.title) + "\n";
    text += "  waarde: " + (value ? with_unit(program, info, *value) : std::string("(geen)")) +
            " (" + origin_text + ")\n";
    if (!source.empty()) text += "  bron: " + source_title(program, source) + "\n";
    if (!note.empty()) text += "  toelichting: " + note + "\n";
    text += changes_text;
  }
  if (options.format == "json") {
    Json out = {{"policy",
                 {{"id", policy.id},
                  {"version", policy.version},
                  {"title", policy.title},
                  {"sha256", policy.sha256}}},
                {"as_of", format_date(on)},
                {"parameters", parameters}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << text;
  }
  return kExitOk;
}

}  // namespace

void add_policy(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PolicyShowOptions>();
  CLI::App* cmd = app.add_subcommand("policy", "What a policy sets");
  cmd->require_subcommand(1);
  CLI::App* show = cmd->add_subcommand(
      "show", "Every parameter with its value on a date, where it comes from and when it changes");
  add_rules_option(show, options->rules);
  show->add_option("--policy", options->rules.policy, "Policy file");
  show->add_option("--as-of", options->as_of, "The date (YYYY-MM-DD; default: today)");
  show->add_option("--format", options->format, "text or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  show->callback([options, &exit_code] { exit_code = run_show(*options); });
}

}  // namespace koers::cli
