#pragma once
// Checks a parsed rule set and compiles it. All problems go to `diags` (codes K2xx); the program
// is returned only when there are none.
#include <optional>
#include <vector>

#include "ast/ast.h"
#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers::check {

std::optional<Program> check_rule_set(const std::vector<ast::File>& files, Diagnostics& diags);

}  // namespace koers::check
