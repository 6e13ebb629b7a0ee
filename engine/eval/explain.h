#pragma once
// Why a rule fired or did not, condition by condition with the values used; why a decision came
// out as it did, rule by rule. For maintainers and for caseworkers who ask "why not?".
#include <optional>
#include <string>

#include "compile/program.h"
#include "policy/policy.h"
#include "value/value.h"

namespace koers {

// nullopt when the program has no such rule / decision.
std::optional<std::string> explain_rule(const Program& program, const Policy& policy, const Case& c,
                                        Date as_of, const std::string& rule_id);
std::optional<std::string> explain_decision(const Program& program, const Policy& policy,
                                            const Case& c, Date as_of, const std::string& name);

// An expression as the rule language writes it (for traces and explanations).
std::string print_expr(const Program& program, const CExpr& e);

}  // namespace koers
