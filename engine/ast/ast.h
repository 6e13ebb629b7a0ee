#pragma once
// Koers' own AST: plain, owned nodes with source spans. Built by the syntax layer from the parse
// tree; read by the checker, the compiler and (later) the formatter. No behaviour beyond helpers.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/source_file.h"

namespace koers::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  int_literal,   // int_value
  text_literal,  // text (plain, no interpolation)
  date_literal,  // text "YYYY-MM-DD"
  bool_literal,  // bool_value
  as_of,         // the advice date
  name,          // text: a define, a root field, `policy`, `decision`, an enum literal, or `it`
  member,        // args[0] . text
  call,          // text(args...), with `filter` for `xs where cond`
  list,          // [args...]
  unary,         // op: "-" or "not"; args[0]
  binary,        // op: arithmetic, comparison, "and", "or"; args[0], args[1]
  in,            // args[0] in args[1]; negated for `not in`
  presence,      // args[0] is [not] known|missing|none; op holds "known"|"missing"|"none"
  duration,      // args[0] months|days|years; op holds the unit
};

struct Expr {
  ExprKind kind;
  Span span;
  std::string text;  // name, member, call name, text literal
  std::string op;
  int64_t int_value = 0;
  bool bool_value = false;
  bool negated = false;
  std::vector<ExprPtr> args;
  // For call arguments written `xs where cond`: the filter of the argument with the same index
  // (null when the argument has none).
  std::vector<ExprPtr> filters;
};

// A text with `{expression}` parts, as in `because "De OBVL-K steeg {verschil} punten"`.
struct Template {
  Span span;
  std::string raw;  // without quotes, escapes resolved
  struct Part {
    std::string text;  // literal text, when expr is null
    ExprPtr expr;
    // `{n | kind | kinderen}`: the number followed by the word that agrees with it.
    std::string singular, plural;
  };
  std::vector<Part> parts;
};

struct Because {
  Template text;
  ExprPtr condition;  // `because "..." if cond`; null when unconditional
};

struct TypeRef {
  Span span;
  std::string name;                  // bool, int, text, date, or an enum/record name
  std::unique_ptr<TypeRef> element;  // set for `list of T` (name is then "list")
  bool is_list() const { return element != nullptr; }
};

struct Literal {
  Span span;
  enum class Kind { integer, text, date, boolean, name } kind = Kind::integer;
  int64_t int_value = 0;
  bool bool_value = false;
  std::string text;  // text, date, or enum member name
};

struct EnumMember {
  Span span;
  std::string name;
  std::string label;
};

struct EnumDecl {
  Span span;
  std::string name;
  std::vector<EnumMember> members;
};

struct FieldDecl {
  Span span;
  std::string name;
  TypeRef type;
  bool required = false;
  bool nullable = false;
  std::optional<Literal> default_value;
  std::optional<std::pair<int64_t, int64_t>> range;
  std::optional<int64_t> length;
  bool unique = false;
  std::string unique_by;  // key field of a list of records
  std::string unique_in;  // `unique in file`: no two such values anywhere in one case file
  bool dated = false;
  std::string dated_by;    // date field of a list of records; empty for a list of dates
  std::string not_before;  // sibling date field this one may not precede
  std::string sum_of;      // sibling list field whose sum this must equal
  std::string pattern;     // characters allowed, as a regular expression
  std::string question;    // how to ask a caseworker for this field when it is missing
  std::string title;       // its Dutch label in the case form ("Geboortedatum", "Ouders")
  std::string item_title;  // a list's: the name of one entry ("Ouder"), for "Ouder 2 verwijderen"
  Span option_span;        // span of the options, for errors about them
};

struct RecordDecl {
  Span span;
  std::string name;
  std::vector<FieldDecl> fields;
  struct OneOf {
    Span span;
    std::vector<std::string> fields;
  };
  std::vector<OneOf> one_of;
};

struct SourceDecl {
  Span span;
  std::string id;
  std::string title;
  std::string url;
  std::string kind;
  Span kind_span;
};

struct ParameterDecl {
  Span span;
  std::string id;  // dotted
  TypeRef type;
  std::string title;
  std::string unit;
  std::optional<std::pair<int64_t, int64_t>> range;  // of an int parameter
  Span range_span;
  std::optional<Literal> default_value;
  std::string source;
  Span source_span;
  std::string note;
  std::vector<std::pair<std::string, Span>> duplicates;  // a part given more than once
};

struct DefineDecl {
  Span span;
  std::string name;
  TypeRef type;
  ExprPtr value;
};

enum class SettleMode { first, unique, collect };

struct DecisionDecl {
  Span span;
  std::string name;
  TypeRef type;
  std::string title;
  std::optional<SettleMode> settle;
  Span settle_span;
  ExprPtr applies_when;
  std::vector<Because> not_applicable_because;
  struct Requirement {
    Span span;
    ExprPtr condition;
    std::string missing_field;
    Span missing_field_span;
    Template note;
  };
  std::vector<Requirement> requirements;
  ExprPtr otherwise;
  std::vector<Because> otherwise_because;
  int otherwise_count = 0;  // more than one `otherwise` is an error the checker reports
  // `candidates`: the advice lists every value with the facts for and against it.
  bool show_candidates = false;
  // `condition id "label" when ...`: named conditions shown as met / not met / unknown.
  struct Condition {
    Span span;
    std::string id;
    std::string label;
    ExprPtr when;
    std::vector<Because> because;
  };
  std::vector<Condition> conditions;
  // `alert value: severity, ...`: the decision is an alert; empty when it is not.
  struct AlertLevel {
    Literal value;
    std::string severity;
    Span severity_span;
  };
  std::vector<AlertLevel> alert;
  Span alert_span;
};

struct Conclusion {
  Span span;
  std::string decision;
  ExprPtr value;
};

struct Recommendation {
  Span span;
  std::string kind;
  Span kind_span;
  std::string id;
  Span id_span;
  Template text;
};

struct RuleDecl {
  Span span;
  std::string id;  // dotted
  std::string title;
  std::string source;
  Span source_span;
  std::optional<int64_t> priority;
  Span priority_span;
  ExprPtr when;
  int when_count = 0;
  std::vector<ExprPtr> unless;
  std::vector<Conclusion> conclusions;
  std::vector<Recommendation> recommendations;
  std::vector<Because> because;
  std::vector<Because> against;  // shown for a candidate value when the rule does not hold
  // Properties given twice (title, source, priority) are reported by the checker with these spans.
  std::vector<std::pair<std::string, Span>> duplicates;
  // `rule x overrides "reason" {`: takes the place of rule x of an earlier layer (api/rule_set.h).
  std::optional<std::string> overrides_reason;
  Span overrides_span;
};

// `recommendation support caseload_verlagen "Caseload verlagen"`: a recommendation the rules may
// give, its kind and its label for people.
struct RecommendationDecl {
  Span span;  // the id
  std::string kind;
  Span kind_span;
  std::string id;
  std::string label;
};

// `kind action "Actie" heading "Acties" urgent`: a kind of recommendation, its label, the heading
// its recommendations stand under, and whether they belong in the alert's banner.
struct KindDecl {
  Span span;  // the id
  std::string id;
  std::string label;
  std::string heading;
  bool urgent = false;
};

// `chart verloop { ... }`: a chart of a dated list's numbers over time
// (engine/check/check_charts.cpp).
struct ChartDecl {
  Span span;  // the name
  std::string name;
  std::string title;
  std::string note;
  std::string series;  // `list.path.field`
  Span series_span;
  std::optional<std::pair<int64_t, int64_t>> range;
  Span range_span;
  std::string window;  // `policy.<id>`, in months
  std::string window_label;
  Span window_span;
  struct Line {
    Span span;
    std::string parameter;  // `policy.<id>`
    std::string label;
  };
  std::vector<Line> lines;
  struct Marker {
    Span span;
    std::string list;
    std::string label;
    std::string by;  // the entry's field shown as its text; "" for none
    Span by_span;
  };
  std::vector<Marker> markers;
  std::string decision;
  Span decision_span;
};

// `default policy "../policies/landelijk.yaml"`: the policy used when none is given.
struct DefaultPolicyDecl {
  Span span;  // the path
  std::string path;
};

// `timeline from care.started, measurements.obvlk`: where a family's history starts.
struct TimelineDecl {
  Span span;
  std::vector<std::pair<std::string, Span>> from;
};

// `language "nl"`: the catalogue of the product's words in the advice (messages/messages.h).
struct LanguageDecl {
  Span span;  // the code
  std::string code;
};

// `layer "Regio Noord"`: the name of the layer this file belongs to (api/rule_set.h).
struct LayerDecl {
  Span span;
  std::string name;
};

// One parsed .koers file.
struct File {
  SourceFilePtr source;
  std::vector<EnumDecl> enums;
  std::vector<RecordDecl> records;
  std::vector<SourceDecl> sources;
  std::vector<ParameterDecl> parameters;
  std::vector<DefineDecl> defines;
  std::vector<DecisionDecl> decisions;
  std::vector<RuleDecl> rules;
  std::vector<RecommendationDecl> recommendations;
  std::vector<KindDecl> kinds;
  std::vector<ChartDecl> charts;
  std::vector<DefaultPolicyDecl> default_policies;
  std::vector<TimelineDecl> timelines;
  std::vector<LayerDecl> layers;
  std::vector<LanguageDecl> languages;
};

}  // namespace koers::ast
