#pragma once
// Koers as a library: load a rule set (with its layers) and the policy its advice is given under,
// read a case file, advise on a date and render the advice as JSON, text or HTML: byte for byte
// what `koers advise` and `koers report` give. Nothing of the engine's internals is in this
// header: a host program links `koers::koers` (CMake) or `pkg-config koers` and includes only it.
//
//   std::vector<koers::api::Problem> problems;
//   auto rules = koers::api::RuleSet::load(
//       {.rule_layers = {"/usr/share/koers/rules"}, .policy_file = ""}, problems);
//   auto c = rules->read_case(yaml_text, "gezin.yaml", problems);
//   std::cout << rules->advise(*c, "2026-11-01").render(koers::api::Format::json);
//
// Errors: what is wrong with the input (rules, policy, case file) is returned as `Problem`s with
// nullopt; misuse of the API (an advice date that is no date, a case read by another rule set,
// rendering an advice that failed) throws std::invalid_argument or std::logic_error.
//
// A RuleSet, CaseFile and Advice share their immutable state: copying is cheap, a moved-from
// object is a copy (never empty), and every const function may be called from many threads at
// once. Only the factories make them: there is no empty object to misuse.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koers::api {

// What is wrong with a rule file, a policy or a case file, and where.
struct Problem {
  std::string file;
  int line = 0;          // 1-based; 0 when the problem has no place (a file that cannot be read)
  int column = 0;        // 1-based
  std::string severity;  // "error" or "warning"
  std::string code;      // K1xx syntax, K2xx rules, P4xx policy, C3xx case file, ...
  std::string message;
  std::string hint;  // what to do about it; may be empty
  // As the koers command prints it: file:line:col, the message, the line with a caret under the
  // spot, and the hint.
  std::string rendered;
};

struct LoadOptions {
  // Rule set directories (or single .koers files): the national rules first, then an
  // organisation's own on top of them.
  std::vector<std::string> rule_layers;
  // A policy file (YAML). Empty: the policy the rules name (`default policy "..."`), else the
  // rules' own default values.
  std::string policy_file;
};

enum class Format {
  json,   // the advice format (docs/advice-format.md); what `koers advise --format json` prints
  text,   // the terminal text of `koers advise`
  html,   // the self-contained report of `koers report`
  print,  // the one- or two-page print view of `koers report --print`
};

class CaseFile;
class Advice;

// A loaded, checked rule set with its policy.
class RuleSet {
 public:
  RuleSet(const RuleSet&) = default;  // no move: a moved-from RuleSet stays usable
  RuleSet& operator=(const RuleSet&) = default;

  // nullopt when the rules or the policy have errors; every problem (warnings too) is appended
  // to `problems`.
  static std::optional<RuleSet> load(const LoadOptions& options, std::vector<Problem>& problems);

  // A case file's text (YAML or JSON), checked against the rule set's schema. `name` is how
  // problems name it. nullopt when the file has errors: never half a case.
  std::optional<CaseFile> read_case(std::string_view text, std::string_view name,
                                    std::vector<Problem>& problems) const;

  // The advice on `as_of` ("YYYY-MM-DD"); empty: the case's own `as_of`, else today (UTC).
  // Throws std::invalid_argument when `as_of` is not a date or the case was read by another
  // rule set (its fields are that rule set's).
  Advice advise(const CaseFile& case_file, std::string_view as_of = {}) const;

  std::string rules_sha256() const;   // of every layer, in order
  std::string policy_sha256() const;  // of the policy file; of the defaults without one
  std::string language() const;       // of the product's words in the advice: "nl", "en"

 private:
  friend class Advice;
  friend class CaseFile;
  struct State;
  explicit RuleSet(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

class CaseFile {
 public:
  CaseFile(const CaseFile&) = default;
  CaseFile& operator=(const CaseFile&) = default;

  std::string id() const;      // the case's pseudonym (`case_id`): what logs may name
  std::string sha256() const;  // of the file's bytes

 private:
  friend class RuleSet;
  struct State;
  explicit CaseFile(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

class Advice {
 public:
  Advice(const Advice&) = default;
  Advice& operator=(const Advice&) = default;

  // False when the rules could not be evaluated on this case (an error of the rules, such as a
  // decision settled `unique` that two rules conclude); `errors()` says what.
  bool ok() const;
  std::vector<std::string> errors() const;
  std::string as_of() const;    // "YYYY-MM-DD"
  std::string receipt() const;  // "sha256:...": the same rules, policy, case and date give the same
  // The advice as `koers advise` / `koers report` print it: the JSON without a final newline
  // (the command adds one), the text and HTML ending with one. Throws std::logic_error when the
  // advice failed (`!ok()`): the command prints no such advice either.
  std::string render(Format format) const;

 private:
  friend class RuleSet;
  struct State;
  explicit Advice(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

// The engine's version, as every advice names it.
std::string version();

}  // namespace koers::api
