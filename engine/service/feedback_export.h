#pragma once
// Turning professionals' overrides into candidate regression tests (`koers feedback export`): one
// suite file (tests/README.md) per override, with the case inline and the professional's value as
// the expectation, marked for a maintainer's review. Such a test fails on the rules that gave the
// advice: that disagreement is what the maintainer reviews.
#include <string>
#include <vector>

#include "service/audit_record.h"
#include "service/case_index.h"

namespace koers::service {

struct SuiteCandidate {
  std::string file_name;  // <case_id>-<decision>-<receipt prefix>.suite.yaml
  std::string text;
};

struct ExportResult {
  std::vector<SuiteCandidate> suites;
  std::vector<std::string> problems;  // overrides that could not be exported, and why
};

ExportResult export_overrides(const AuditContents& audit, const CaseIndex& cases);

}  // namespace koers::service
