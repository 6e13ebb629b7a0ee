#pragma once
// Coverage in guideline terms, over the cases of the regression suites: did every rule fire in
// some case and not fire in another; did every condition of a rule's `when` (its and/or terms)
// take both values, and did it decide the rule's outcome both as true and as false (MC/DC: with
// the other conditions as they were in that case, flipping this one flips the rule); which
// recommendations and decision values no case reaches.
#include <map>
#include <string>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"
#include "policy/policy.h"

namespace koers::suite {

struct TermCoverage {
  std::string text;  // the condition as written
  int yes = 0;
  int no = 0;
  int unknown = 0;
  int decided_true = 0;   // cases where it was true and flipping it alone flips the `when`
  int decided_false = 0;  // likewise, false
  bool mcdc() const { return decided_true > 0 && decided_false > 0; }
};

struct RuleCoverage {
  std::string id;
  int fired = 0;
  int not_fired = 0;
  int unknown = 0;
  std::vector<TermCoverage> terms;
};

class Coverage {
 public:
  explicit Coverage(const Program& program);

  void record(const Policy& policy, const Case& c, Date as_of);

  // Rules that fired in some case and did not in another, in percent of all rules.
  double rule_percent() const;
  // Conditions (of rules with two or more) that decided the outcome both ways, in percent.
  double mcdc_percent() const;
  std::string text() const;
  std::string json() const;

 private:
  const Program& program_;
  int cases_ = 0;
  std::vector<RuleCoverage> rules_;
  std::map<std::string, int> recommendations_;  // id -> cases; every id a rule can give
  std::map<std::string, std::map<std::string, int>> decisions_;  // decision -> outcome -> cases
};

}  // namespace koers::suite
