#pragma once
// Replaying an audit log (`koers replay`): each advice line is given again from its case (found by
// hash), the logged as_of and the rules and policy at hand, and must come out the same: the same
// receipt (engine version, rules, policy, case, as_of), the same decision values and the same
// advice bytes (their SHA-256).
#include <string>

#include "compile/program.h"
#include "policy/policy.h"
#include "service/audit_record.h"
#include "service/case_index.h"

namespace koers::service {

struct ReplayResult {
  size_t confirmed = 0;
  size_t mismatched = 0;
  size_t not_found = 0;  // the case with the logged hash is not among the given cases
  std::string report;    // one line per advice, then the details of every mismatch
  bool ok() const { return mismatched == 0 && not_found == 0; }
};

ReplayResult replay(const Program& program, const Policy& policy, const AuditContents& audit,
                    const CaseIndex& cases);

}  // namespace koers::service
