// The operator table (compile/ops.h) is the one place that says how each operator is written: the
// checker reads names through it and the printer writes expressions back from it. Every operator
// is written once here in its printed form; checking and printing it must give the same text back
// (so printer and checker agree), and every operator of the table must be among them (so a new
// operator cannot go untested).
#define BOOST_TEST_MODULE ops
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "compile/ops.h"
#include "eval/explain.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

struct Written {
  const char* type;
  const char* text;  // as the printer writes it: operands of infix operators in parentheses
};

// One expression per form of every operator, over the shipped schema.
const std::vector<Written> kExpressions = {
    {"int", "-koers"},
    {"bool", "not family.explicit_help_request"},
    {"bool", "family.explicit_help_request and ((koers == 1) or (koers != 2))"},
    {"int", "((koers + 1) * (koers - 1)) / 2"},
    {"bool", "(koers < 2) and (koers <= 2)"},
    {"bool", "(koers > 0) or (koers >= 1)"},
    {"bool", "koers in [1, 2]"},
    {"bool", "koers not in [3]"},
    {"bool", "family.explicit_help_request is known"},
    {"bool", "family.explicit_help_request is missing"},
    {"bool", "family.explicit_help_request is none"},
    {"date", "as_of + 3 months"},
    {"date", "as_of - 10 days"},
    {"date", "as_of + 1 years"},
    {"int", "count(problems)"},
    {"int", "count(problems where urgent)"},
    {"int", "count(care.explanatory_talks where it > (as_of - 3 months))"},
    {"list of problem", "filter(problems where urgent)"},
    {"list of problem_domain", "distinct(problems.domain)"},
    {"bool", "any(problems where urgent)"},
    {"bool", "all(problems where urgent)"},
    {"bool", "none(problems where urgent)"},
    {"int", "min([koers, 2])"},
    {"int", "max([koers, 2])"},
    {"int", "sum([koers, 2])"},
    {"help_episode", "latest(help_history)"},
    {"help_episode", "first(help_history where lasting_effect)"},
    {"help_episode", "at_or_before(help_history, as_of)"},
    {"list of help_episode", "within(help_history, as_of - 12 months, as_of)"},
    {"int", "months_between(as_of, care.started)"},
    {"int", "days_between(as_of, care.started)"},
    {"int", "years_between(as_of, care.started)"},
    {"problem", "item(problems, -1)"},
    {"int", "policy.p.limit + e0"},
    {"bool", "decision.d"},
};

std::string rules_with_every_expression() {
  std::string rules = "parameter p.limit: int { default 3 }\n";
  rules += "decision d: bool { settle first otherwise false }\n";
  for (size_t i = 0; i < kExpressions.size(); ++i) {
    rules += "define e" + std::to_string(i) + ": " + kExpressions[i].type + " = " +
             kExpressions[i].text + "\n";
  }
  return rules;
}

void ops_in(const CExpr& e, std::set<Op>& seen) {
  seen.insert(e.op);
  for (const auto& a : e.args) ops_in(a, seen);
  if (e.filter) ops_in(*e.filter, seen);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_is_in_the_order_of_the_enum_and_names_each_function_once) {
  for (size_t i = 0; i < kOps.size(); ++i) BOOST_TEST(static_cast<size_t>(kOps[i].op) == i);
  BOOST_TEST((call_named("count")->op == Op::count));
  BOOST_TEST(call_named("within")->arity == 3);
  BOOST_TEST(call_named("counts") == nullptr);
  BOOST_TEST((infix_named("+", OpFamily::arithmetic)->op == Op::add));
  BOOST_TEST((infix_named("+", OpFamily::date_arithmetic)->op == Op::date_plus));
  BOOST_TEST(infix_named("+", OpFamily::comparison) == nullptr);
  BOOST_TEST((postfix_named("is missing")->op == Op::is_missing));
  BOOST_TEST(postfix_named("weeks") == nullptr);
  // The names a user is offered after a misspelt function: every call, alphabetically.
  BOOST_TEST(kFunctionNames.size() == 17u);
  BOOST_TEST(kFunctionNames.front() == "all");
  BOOST_TEST(kFunctionNames.back() == "years_between");
  BOOST_TEST(is_comparison(Op::le));
  BOOST_TEST(!is_comparison(Op::in));
  BOOST_TEST(compares_two_sides(Op::not_in));
}

BOOST_AUTO_TEST_CASE(every_operator_prints_back_as_written_and_none_is_left_out) {
  const Program program = koers::testing::program_with(rules_with_every_expression());
  std::set<Op> seen;
  for (size_t i = 0; i < kExpressions.size(); ++i) {
    const std::string name = "e" + std::to_string(i);
    const CompiledDefine* define = nullptr;
    for (const auto& d : program.defines) {
      if (d.name == name) define = &d;
    }
    BOOST_TEST_REQUIRE(define != nullptr, name);
    BOOST_TEST(print_expr(program, define->value) == kExpressions[i].text);
    ops_in(define->value, seen);
  }
  for (const auto& info : kOps) {
    BOOST_TEST(seen.count(info.op) == 1u, "no expression here uses `" << info.word << "` (op "
                                                                      << static_cast<int>(info.op)
                                                                      << ")");
  }
}

// The checker's messages name functions and arities from the table.
BOOST_AUTO_TEST_CASE(the_checker_names_functions_and_arities_from_the_table) {
  Diagnostics diags;
  auto program =
      koers::testing::load_with_schema({{"t.koers",
                                         "define a: int = cuont(problems)\n"
                                         "define b: bool = within(help_history, as_of)\n"
                                         "define c: list of problem = filter(problems)\n"
                                         "define d: int = min(problems where urgent)\n"}},
                                       diags);
  const std::string all = koers::testing::describe(diags);
  BOOST_TEST(all.find("unknown function `cuont`") != std::string::npos, all);
  BOOST_TEST(all.find("did you mean `count`?") != std::string::npos, all);
  BOOST_TEST(all.find("`within` takes 3 arguments, found 2") != std::string::npos, all);
  BOOST_TEST(all.find("`filter` needs a condition: `filter(xs where ...)`") != std::string::npos,
             all);
  BOOST_TEST(all.find("`where` is not allowed in this argument of `min`") != std::string::npos,
             all);
}
