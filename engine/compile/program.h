#pragma once
// The compiled form of a checked rule set: names resolved to slots and indexes, types known,
// evaluation order fixed. Built once, evaluated for many cases.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "compile/ops.h"
#include "messages/messages.h"
#include "schema/schema.h"
#include "value/value.h"

namespace koers {

struct CExpr {
  Op op = Op::constant;
  Type type;
  Value value;         // for constants
  int slot = -1;       // field slot, define/param/decision index
  int depth = 0;       // element, element_field: how many `where` scopes out
  int date_slot = -1;  // for series functions: the date field of the element record (-1: dates)
  std::vector<CExpr> args;
  std::unique_ptr<CExpr> filter;  // `where` condition of a count/any/all/none/latest/first
  Span span;
  std::string text;  // source text of a name or field, for traces

  CExpr() = default;
  CExpr(CExpr&&) = default;
  CExpr& operator=(CExpr&&) = default;
};

struct SourceInfo {
  std::string id;
  std::string title;
  std::string url;
  std::string kind;  // guideline | seed | organisation
  Span span;
};

// A declared recommendation: its kind and the label people read instead of its id.
struct RecommendationInfo {
  std::string kind;
  std::string id;
  std::string label;
  Span span;
};

struct ParameterInfo {
  std::string id;
  Type type;
  std::string title;
  std::string unit;
  std::optional<std::pair<int64_t, int64_t>> range;  // allowed values of an int parameter
  std::string source;
  std::string note;
  std::optional<Value> default_value;
  Span span;
};

struct CompiledTemplate {
  struct Part {
    std::string text;
    std::optional<CExpr> expr;
    // `{policy.x}` of a parameter whose source is of kind `organisation`: the text says so
    // ("(organisatie-instelling)") without the rule author typing it.
    bool organisation_setting = false;
    // `{n | kind | kinderen}`: after the number, the singular for 1 and the plural otherwise.
    std::string singular, plural;
  };
  std::vector<Part> parts;
  Span span;
};

struct CompiledBecause {
  CompiledTemplate text;
  std::optional<CExpr> condition;
};

struct CompiledRecommendation {
  std::string kind;
  std::string id;
  std::string label;  // Program::recommendation_label, settled once when the rules are checked
  CompiledTemplate text;
};

struct CompiledConclusion {
  int decision = -1;
  CExpr value;
};

struct CompiledRule {
  std::string id;
  std::string title;
  std::string source;
  int64_t priority = 0;
  std::optional<CExpr> when;
  std::vector<CExpr> unless;
  std::vector<CompiledConclusion> conclusions;
  std::vector<CompiledRecommendation> recommendations;
  std::vector<CompiledBecause> because;
  std::vector<CompiledBecause> against;
  Span span;
};

struct CompiledDefine {
  std::string name;
  Type type;
  CExpr value;
  Span span;
};

// How loud an alert decision's value is (`alert acute: urgent, ..., none: calm`), calm first.
enum class AlertSeverity : uint8_t { calm, watch, high, urgent };
inline constexpr const char* kAlertSeverityNames[] = {"calm", "watch", "high", "urgent"};

struct CompiledDecision {
  std::string name;
  std::string title;
  Type type;        // bool or enum; for collect, the list type
  Type value_type;  // bool or the enum
  ast::SettleMode settle = ast::SettleMode::first;
  std::optional<CExpr> applies_when;
  std::vector<int> applies_decisions;  // decisions referenced by `applies when`
  std::vector<CompiledBecause> not_applicable_because;
  struct Requirement {
    CExpr condition;
    std::string missing_field;
    CompiledTemplate note;
  };
  std::vector<Requirement> requirements;
  std::optional<CExpr> otherwise;
  std::vector<CompiledBecause> otherwise_because;
  std::vector<int> rules;  // concluding rules, tried by priority (high first), then id
  bool show_candidates = false;
  struct Condition {
    std::string id;
    std::string label;
    CExpr when;
    std::vector<CompiledBecause> because;
  };
  std::vector<Condition> conditions;
  // An alert decision (`alert ...`): how loud each value is, by enum member index (false, true for
  // a bool). Empty for a decision that is not an alert.
  std::vector<AlertSeverity> alert_levels;
  Span span;
  bool is_alert() const { return !alert_levels.empty(); }
};

// A kind of recommendation (`kind action "Actie" heading "Acties"`), in the order the advice
// lists the kinds: the order of the declarations, layer by layer.
struct RecommendationKind {
  std::string id;
  std::string label;    // one recommendation of this kind: "Actie"
  std::string heading;  // the heading its recommendations stand under: "Acties"
  bool urgent = false;  // its recommendations stand in the alert's banner
  Span span;
};

// A chart the reports draw (`chart ...`), its paths resolved to field slots by the checker.
struct CompiledChart {
  std::string name;
  std::string title;
  std::string note;
  std::vector<int> list_path;  // field slots from the case root to the series' list
  int value_slot = -1;         // the number drawn, in the list's entry record
  int date_slot = -1;          // the entry's date field
  int64_t low = 0;
  int64_t high = 0;
  int window_parameter = -1;  // months before the advice date; -1 for no window
  std::string window_label;
  struct Line {
    int parameter = -1;
    std::string label;
  };
  std::vector<Line> lines;
  struct Marker {
    std::vector<int> list_path;
    int date_slot = -1;  // -1: the list is a list of dates
    int text_slot = -1;  // the entry's field shown as its text; -1 for none
    std::string label;
  };
  std::vector<Marker> markers;
  int decision = -1;  // the decision it illustrates
  Span span;
};

// Where a family's history starts in its timeline (`timeline from ...`): the first of these that
// gives a date, a date field or the earliest entry of a dated list.
struct HistoryStart {
  std::string path;        // as written: "care.started"
  std::vector<int> slots;  // field slots from the case root
  bool list = false;       // the last slot is a dated list
  int date_slot = -1;      // in a list of records: the entry's date field; -1 for dates
};

class ScalarCode;

// A rule set is made of layers: the national rules first, then an organisation's own
// (`--rules` given more than once). Each is known by its name (declared in its files, else by its
// place) and its hash.
struct RuleLayer {
  std::string name;
  std::string sha256;
  std::string path;  // where it was read from: for tools (lint reads its directives), never output
};

// A rule of a later layer that takes the place of an earlier layer's rule with the same id.
struct RuleOverride {
  std::string rule;
  std::string reason;
  std::string layer;           // the layer of the overriding rule
  std::string replaced_layer;  // the layer whose rule it replaces
};

struct Program {
  Schema schema;
  std::vector<SourceInfo> sources;                  // sorted by id
  std::vector<RecommendationInfo> recommendations;  // declared ones, sorted by id
  std::vector<RecommendationKind> kinds;            // in advice order
  std::vector<CompiledChart> charts;                // in the order declared
  std::vector<HistoryStart> history_starts;         // `timeline from`, in the order given
  std::vector<ParameterInfo> parameters;            // sorted by id
  std::vector<CompiledDefine> defines;              // sorted by name
  std::vector<CompiledDecision> decisions;          // sorted by name
  std::vector<int> decision_order;                  // dependencies first
  std::vector<CompiledRule> rules;                  // sorted by id
  std::vector<int> recommendation_rules;            // rules that recommend and conclude no decision
  std::vector<int> parameters_read;                 // parameters the rules read, ascending
  std::string rules_path;
  // The policy the rule set names (`default policy "..."`), as written and as a path from the
  // working directory (joined to its layer's directory); the last layer that names one wins.
  std::string default_policy_declared;
  std::string default_policy_path;
  // The words around the rules' texts (eval/format_value, the reports): the catalogue of the
  // language the rule set names (`language "nl"`), Dutch when it names none.
  const Messages* messages = &dutch_messages();
  std::string rules_sha256;       // of every layer together; with one layer, that layer's
  std::vector<RuleLayer> layers;  // in order; one for a plain rule set
  std::vector<RuleOverride> overrides;
  // The conditions once more as compact code (eval/scalar_code.h), set by load_rule_set; null
  // for a program built otherwise (evaluation then uses the expression trees).
  std::shared_ptr<const ScalarCode> scalar_code;

  int decision_index(const std::string& name) const;
  int parameter_index(const std::string& id) const;
  const SourceInfo* source(const std::string& id) const;
  const RecommendationInfo* recommendation(const std::string& id) const;
  const RecommendationKind* kind(const std::string& id) const;
  // The place of a kind in the advice: kinds.size() for one not declared.
  size_t kind_rank(const std::string& id) const;
  // What people read for a recommendation: its declared label, else its id in words
  // ("caseload_verlagen" → "Caseload verlagen").
  std::string recommendation_label(const std::string& id) const;
  const Messages& words() const { return *messages; }
};

}  // namespace koers
