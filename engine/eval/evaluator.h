#pragma once
// Evaluation: Program x Case x Policy x as_of -> Advice. Pure and deterministic: the same inputs
// give the same advice, whatever the order of rule files or YAML keys.
#include "compile/program.h"
#include "eval/advice.h"
#include "policy/policy.h"
#include "value/value.h"

namespace koers {

std::string engine_version();

// `c` must be validated against program.schema. Dated entries after `as_of` are left out here.
Advice evaluate(const Program& program, const Policy& policy, const Case& c, Date as_of);

// Formats a value for a text a caseworker reads (Dutch: dates as "1 november 2026", yes/no as
// "ja"/"nee", enum members by their label).
std::string format_value(const Program& program, const Value& v);

// A value as suites, diffs and expectations write it: true/false, an enum member, [a, b].
std::string value_word(const Program& program, const Value& v);
// A decision's outcome in those words, or `unknown` / `not_applicable`.
std::string outcome_word(const Program& program, const DecisionResult& d);

// The members an unknown decision can still take, in the enum's order; empty when not narrowed.
// `labels`: the Dutch labels (a member without one by its name) instead of the member names.
std::vector<std::string> possible_members(const Program& program, const DecisionResult& d,
                                          bool labels);

}  // namespace koers
