#pragma once
// What names mean while checking: the schema, parameters, defines and decisions, and the
// dependencies found while checking expressions (for define cycles and decision order).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers::check {

struct Symbols {
  const Schema* schema = nullptr;
  std::map<std::string, int> defines;  // name -> index into Program::defines
  std::map<std::string, int> parameters;
  std::map<std::string, int> decisions;
  std::vector<Type> define_types;
  std::vector<Type> parameter_types;
  std::vector<Type> decision_types;     // the type `decision.x` has in expressions
  std::map<int, int> record_date_slot;  // record id -> its date field (from `dated by`)
};

// What one checked expression refers to.
struct Dependencies {
  std::set<int> defines;
  std::set<int> decisions;
};

// Resolves a type written in the rule language.
Type resolve_type(const ast::TypeRef& ref, const Schema& schema, Diagnostics& diags);

// Checks one expression and compiles it. `expected` (may be any) lets bare names resolve as
// enum members, as in `family.network == weak` or `then strategy = refresh`.
CExpr check_expr(const ast::Expr& expr, const Symbols& symbols, Diagnostics& diags,
                 Dependencies& deps, const Type& expected = Type::any());

// True when a value of type `actual` may stand where `wanted` is expected (any matches all).
bool assignable(const Type& wanted, const Type& actual);

CompiledTemplate check_template(const ast::Template& tpl, const Symbols& symbols,
                                Diagnostics& diags, Dependencies& deps);

}  // namespace koers::check
