#pragma once
// The rule language's operators and functions, declared once: how each is written, how many
// arguments it takes, whether a `where` may follow its list, and which family it belongs to. The
// checker resolves names through this table, the printer writes expressions back from it, and the
// compiler asks it which operators the compact code evaluates itself. Evaluation never reads it:
// the evaluators switch on `Op` (a jump table), so the table costs nothing per case.
//
// Adding an operator: add it to `Op` (at the end of its family), give it a row in `kOps` in the
// same place (a static_assert checks the order), a type rule in the checker (check_expr.cpp) and a
// body in each evaluator. docs/architecture.md walks through it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace koers {

enum class Op : uint8_t {  // one byte: ScalarCode packs it
  constant,                // value
  as_of,                   // the advice date
  root_field,              // slot of the case record
  field,                   // args[0] (a record, or a list: projection) . slot
  element,                 // the list element in scope of a `where` (depth = how many scopes out)
  element_field,           // a field of that element: depth, slot
  define,                  // index
  param,                   // index
  decision,                // index
  list,                    // args...
  neg,
  not_,
  and_,
  or_,
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  not_in,
  is_known,
  is_missing,
  is_none,
  months,
  days,
  years,  // duration from an int
  date_plus,
  date_minus,
  count,
  filter,
  distinct,
  any,
  all,
  none,
  min,
  max,
  sum,
  latest,
  first,
  at_or_before,
  within,
  months_between,
  days_between,
  years_between,
  item,  // item(xs, i): the entry at index i; negative from the end; none when out of range
};

// How an operator is written (and so printed).
enum class OpForm : uint8_t {
  leaf,     // a name, a constant, `as_of`, `it`
  list,     // [a, b]
  prefix,   // -x, not x
  infix,    // a + b, a and b, a in b
  postfix,  // x is known, 3 months
  call,     // count(xs where c), item(xs, i)
};

// The families that tools reason about (explanations show both sides of a comparison; the unit
// check compares the units of both operands).
enum class OpFamily : uint8_t {
  value,       // leaves and lists
  logic,       // not, and, or
  arithmetic,  // -x, + - * /
  comparison,  // == != < <= > >=
  membership,  // in, not in
  presence,    // is known, is missing, is none
  period,      // n months/days/years
  date_arithmetic,
  list_function,  // count, filter, distinct, any, all, none, item, min, max, sum
  series,         // latest, first, at_or_before, within: over a dated list
  between,        // months_between, days_between, years_between
};

// Whether a call's list (its first argument) may be followed by `where condition`.
enum class Where : uint8_t {
  never,
  optional,
  required,               // filter
  required_unless_bools,  // any/all/none: a list of conditions needs none
};

struct OpInfo {
  Op op;
  // As written: "count", "==", "not in", "is missing", "months"; "" for leaves.
  std::string_view word;
  OpForm form;
  OpFamily family;
  uint8_t arity;  // arguments (for calls: as written, the `where` not counted); lists: any
  Where where;    // calls only
  bool scalar;    // the compact code (eval/scalar_code.cpp) evaluates it without falling back
};

namespace ops_detail {
using F = OpForm;
using Fam = OpFamily;
using W = Where;
}  // namespace ops_detail

// clang-format off
inline constexpr std::array<OpInfo, static_cast<size_t>(Op::item) + 1> kOps = [] {
  using namespace ops_detail;
  return std::array<OpInfo, static_cast<size_t>(Op::item) + 1>{{
    // op                 word              form        family              arity where        scalar
    {Op::constant,        "",               F::leaf,    Fam::value,           0, W::never,     true},
    {Op::as_of,           "as_of",          F::leaf,    Fam::value,           0, W::never,     true},
    {Op::root_field,      "",               F::leaf,    Fam::value,           0, W::never,     true},
    {Op::field,           ".",              F::leaf,    Fam::value,           1, W::never,     true},
    {Op::element,         "it",             F::leaf,    Fam::value,           0, W::never,     false},
    {Op::element_field,   "",               F::leaf,    Fam::value,           0, W::never,     false},
    {Op::define,          "",               F::leaf,    Fam::value,           0, W::never,     true},
    {Op::param,           "",               F::leaf,    Fam::value,           0, W::never,     true},
    {Op::decision,        "",               F::leaf,    Fam::value,           0, W::never,     true},
    {Op::list,            "",               F::list,    Fam::value,           0, W::never,     false},
    {Op::neg,             "-",              F::prefix,  Fam::arithmetic,      1, W::never,     true},
    {Op::not_,            "not",            F::prefix,  Fam::logic,           1, W::never,     true},
    {Op::and_,            "and",            F::infix,   Fam::logic,           2, W::never,     true},
    {Op::or_,             "or",             F::infix,   Fam::logic,           2, W::never,     true},
    {Op::add,             "+",              F::infix,   Fam::arithmetic,      2, W::never,     true},
    {Op::sub,             "-",              F::infix,   Fam::arithmetic,      2, W::never,     true},
    {Op::mul,             "*",              F::infix,   Fam::arithmetic,      2, W::never,     true},
    {Op::div,             "/",              F::infix,   Fam::arithmetic,      2, W::never,     true},
    {Op::eq,              "==",             F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::ne,              "!=",             F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::lt,              "<",              F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::le,              "<=",             F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::gt,              ">",              F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::ge,              ">=",             F::infix,   Fam::comparison,      2, W::never,     true},
    {Op::in,              "in",             F::infix,   Fam::membership,      2, W::never,     false},
    {Op::not_in,          "not in",         F::infix,   Fam::membership,      2, W::never,     false},
    {Op::is_known,        "is known",       F::postfix, Fam::presence,        1, W::never,     true},
    {Op::is_missing,      "is missing",     F::postfix, Fam::presence,        1, W::never,     true},
    {Op::is_none,         "is none",        F::postfix, Fam::presence,        1, W::never,     true},
    {Op::months,          "months",         F::postfix, Fam::period,          1, W::never,     false},
    {Op::days,            "days",           F::postfix, Fam::period,          1, W::never,     false},
    {Op::years,           "years",          F::postfix, Fam::period,          1, W::never,     false},
    {Op::date_plus,       "+",              F::infix,   Fam::date_arithmetic, 2, W::never,     false},
    {Op::date_minus,      "-",              F::infix,   Fam::date_arithmetic, 2, W::never,     false},
    {Op::count,           "count",          F::call,    Fam::list_function,   1, W::optional,  true},
    {Op::filter,          "filter",         F::call,    Fam::list_function,   1, W::required,  false},
    {Op::distinct,        "distinct",       F::call,    Fam::list_function,   1, W::never,     false},
    {Op::any,             "any",            F::call,    Fam::list_function,   1, W::required_unless_bools, false},
    {Op::all,             "all",            F::call,    Fam::list_function,   1, W::required_unless_bools, false},
    {Op::none,            "none",           F::call,    Fam::list_function,   1, W::required_unless_bools, false},
    {Op::min,             "min",            F::call,    Fam::list_function,   1, W::never,     true},
    {Op::max,             "max",            F::call,    Fam::list_function,   1, W::never,     true},
    {Op::sum,             "sum",            F::call,    Fam::list_function,   1, W::never,     false},
    {Op::latest,          "latest",         F::call,    Fam::series,          1, W::optional,  false},
    {Op::first,           "first",          F::call,    Fam::series,          1, W::optional,  false},
    {Op::at_or_before,    "at_or_before",   F::call,    Fam::series,          2, W::optional,  false},
    {Op::within,          "within",         F::call,    Fam::series,          3, W::optional,  false},
    {Op::months_between,  "months_between", F::call,    Fam::between,         2, W::never,     false},
    {Op::days_between,    "days_between",   F::call,    Fam::between,         2, W::never,     false},
    {Op::years_between,   "years_between",  F::call,    Fam::between,         2, W::never,     false},
    {Op::item,            "item",           F::call,    Fam::list_function,   2, W::never,     true},
  }};
}();
// clang-format on

constexpr const OpInfo& op_info(Op op) {
  return kOps[static_cast<size_t>(op)];
}

namespace ops_detail {
consteval bool rows_in_enum_order() {
  for (size_t i = 0; i < kOps.size(); ++i) {
    if (static_cast<size_t>(kOps[i].op) != i) return false;
  }
  return true;
}
consteval bool calls_are_named_once() {
  for (const auto& a : kOps) {
    for (const auto& b : kOps) {
      if (&a != &b && a.form == OpForm::call && b.form == OpForm::call && a.word == b.word) {
        return false;
      }
    }
  }
  return true;
}
}  // namespace ops_detail
static_assert(ops_detail::rows_in_enum_order(), "kOps must list the operators in the order of Op");
static_assert(ops_detail::calls_are_named_once(), "two functions with one name");

// The function called `name`, or nullptr.
constexpr const OpInfo* call_named(std::string_view name) {
  for (const auto& info : kOps) {
    if (info.form == OpForm::call && info.word == name) return &info;
  }
  return nullptr;
}

// The infix operator written `word` in a family ("+" is `add` among arithmetic and `date_plus`
// among date arithmetic), or nullptr.
constexpr const OpInfo* infix_named(std::string_view word, OpFamily family) {
  for (const auto& info : kOps) {
    if (info.form == OpForm::infix && info.family == family && info.word == word) return &info;
  }
  return nullptr;
}

// The postfix operator written `word` ("is known", "months"), or nullptr.
constexpr const OpInfo* postfix_named(std::string_view word) {
  for (const auto& info : kOps) {
    if (info.form == OpForm::postfix && info.word == word) return &info;
  }
  return nullptr;
}

// The names of every function, in the order the checker lists them to a user (alphabetical).
inline constexpr auto kFunctionNames = [] {
  constexpr size_t count = [] {
    size_t n = 0;
    for (const auto& info : kOps) n += info.form == OpForm::call ? 1 : 0;
    return n;
  }();
  std::array<std::string_view, count> names{};
  size_t n = 0;
  for (const auto& info : kOps) {
    if (info.form == OpForm::call) names[n++] = info.word;
  }
  for (size_t i = 1; i < names.size(); ++i) {  // insertion sort: constexpr, 17 names
    for (size_t j = i; j > 0 && names[j] < names[j - 1]; --j) {
      const auto t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  }
  return names;
}();

constexpr bool is_comparison(Op op) {
  return op_info(op).family == OpFamily::comparison;
}
// A comparison or `in`/`not in`: an expression with two sides an explanation shows the values of.
constexpr bool compares_two_sides(Op op) {
  return is_comparison(op) || op_info(op).family == OpFamily::membership;
}

}  // namespace koers
