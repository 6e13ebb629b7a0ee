#pragma once
// Checks a parsed rule set and compiles it. All problems go to `diags` (codes K2xx); the program
// is returned only when there are none.
#include <optional>
#include <vector>

#include "ast/ast.h"
#include "compile/program.h"
#include "diag/diagnostic.h"

namespace koers::check {

struct CheckOptions {
  // A rule must cite its source (K227): advice without a source cannot be checked by the
  // professional who reads it. Only tests of unrelated checker features switch this off.
  bool rules_need_a_source = true;
};

std::optional<Program> check_rule_set(const std::vector<ast::File>& files, Diagnostics& diags,
                                      const CheckOptions& options = {});

}  // namespace koers::check
