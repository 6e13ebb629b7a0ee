#pragma once
// Shared helpers for the unit tests that need a whole program: the shipped case schema
// (rules/schema.koers, read from KOERS_SOURCE_DIR or the working directory) plus small rule texts
// of the test's own, inline YAML cases, and evaluation with the rules' default policy.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "diag/diagnostic.h"
#include "eval/advice.h"
#include "eval/evaluator.h"
#include "policy/policy.h"
#include "value/date.h"

namespace koers::testing {

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The repository root: KOERS_SOURCE_DIR when set (CTest sets it), else the working directory.
inline std::string source_dir() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string(".");
}

inline const std::string& schema_text() {
  static const std::string text = read_text_file(source_dir() + "/rules/schema.koers");
  return text;
}

// One line per diagnostic: `file:line:col: error[CODE]: message` plus its hint, for failure output.
inline std::string describe(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) {
    out += render_headline(d);
    if (!d.hint.empty()) out += " (hint: " + d.hint + ")";
    out += "\n";
  }
  return out;
}

// The kinds of recommendation the small rule sets of unit tests give, as a rule set declares them.
inline constexpr const char* kTestKinds =
    "kind escalation \"Escalatie\" urgent\n"
    "kind action \"Actie\" heading \"Acties\"\n"
    "kind intervention \"Interventie\" heading \"Interventies\"\n"
    "kind support \"Ondersteuning\"\n";

// The schema plus the given rule files (name, text); diagnostics go to `diags`. The small rule
// sets of unit tests cite no sources, so K227 is off here; test_check_errors and every rule set the
// command line loads keep it on.
inline std::optional<Program> load_with_schema(
    const std::vector<std::pair<std::string, std::string>>& rule_files, Diagnostics& diags,
    bool rules_need_a_source = false) {
  std::vector<std::pair<std::string, std::string>> files = {{"schema.koers", schema_text()},
                                                            {"soorten.koers", kTestKinds}};
  for (const auto& f : rule_files) files.push_back(f);
  return load_rule_set_from_texts(files, diags, "rules",
                                  check::CheckOptions{.rules_need_a_source = rules_need_a_source});
}

// The schema plus one rule file `t.koers`; throws with every diagnostic when it does not load.
inline Program program_with(const std::string& rules) {
  Diagnostics diags;
  auto program = load_with_schema({{"t.koers", rules}}, diags);
  if (!program || diags.has_errors()) {
    throw std::runtime_error("the test rules do not load:\n" + describe(diags));
  }
  return std::move(*program);
}

// A case from YAML text; throws with every diagnostic when it does not load.
inline Case case_from(const Program& program, const std::string& yaml) {
  Diagnostics diags;
  auto c = load_case(program.schema, std::make_shared<SourceFile>("case.yaml", yaml), diags);
  if (!c || diags.has_errors()) {
    throw std::runtime_error("the test case does not load:\n" + describe(diags));
  }
  return std::move(*c);
}

// The decision of that name in an advice; throws when there is none.
inline const DecisionResult& decision_named(const Advice& advice, const std::string& name) {
  for (const auto& d : advice.decisions) {
    if (d.name == name) return d;
  }
  throw std::logic_error("the advice has no decision " + name);
}

inline Date date_of(const std::string& text) {
  auto d = parse_date(text);
  if (!d) throw std::runtime_error("not a date: " + text);
  return *d;
}

// The date the shipped examples describe. They carry no `as_of`, so that a caseworker trying one
// gets advice as of today, as with a real case file; tests fix the date to keep their expectations.
inline const char* const kExampleDate = "2026-11-01";

inline Policy defaults_of(const Program& program) {
  Diagnostics diags;
  auto policy = default_policy(program, diags);
  if (!policy) throw std::runtime_error("no default policy:\n" + describe(diags));
  return std::move(*policy);
}

// Evaluates `yaml` against `program` with the rules' defaults as policy.
inline Advice advise(const Program& program, const std::string& yaml,
                     const std::string& as_of = "2026-11-01") {
  Case c = case_from(program, yaml);
  return evaluate(program, defaults_of(program), c, date_of(as_of));
}

inline const DecisionResult& decision(const Advice& advice, const std::string& name) {
  for (const auto& d : advice.decisions) {
    if (d.name == name) return d;
  }
  throw std::runtime_error("no decision " + name + " in the advice");
}

// The smallest valid case: the two required fields, plus whatever YAML follows.
inline std::string minimal_case(const std::string& more = "") {
  return "koers: 1\ncase_id: test-1\n" + more;
}

// The shipped rules and national policy, loaded once per test program (a test fails when they
// cannot be loaded).
struct ShippedRuleSet {
  Program program;
  Policy policy;
};

inline const ShippedRuleSet& shipped_rule_set() {
  static const ShippedRuleSet shipped = [] {
    Diagnostics diags;
    auto program = load_rule_set(source_dir() + "/rules", diags);
    if (!program) throw std::runtime_error("the shipped rules: " + describe(diags));
    auto policy = load_policy_file(*program, source_dir() + "/policies/landelijk.yaml", diags);
    if (!policy) throw std::runtime_error("the shipped policy: " + describe(diags));
    return ShippedRuleSet{std::move(*program), std::move(*policy)};
  }();
  return shipped;
}

}  // namespace koers::testing
