#pragma once
// The lines of the audit log (README, "Audit log"): what is written for an advice and for a
// professional's feedback, and how they are read back by `koers replay` and `koers feedback`.
// A line names a case by its case_id and hash only: case content never enters the log.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers::service {

// `advice_json` is the advice exactly as it was sent (render_json); its SHA-256 lets a replay
// confirm every byte. `origin` says who gave the advice: "serve" or "advise".
std::string advice_audit_line(const Program& program, const Advice& advice,
                              std::string_view advice_json, std::string_view origin);

struct Feedback {
  std::string receipt;
  std::string verdict;  // accepted | overridden
  std::string decision;
  std::string advised;  // the decision's outcome in the advice
  std::string value;    // the professional's choice (for `accepted`, the advised value)
  std::string reason;
};
std::string feedback_audit_line(const Feedback& feedback, const std::string& case_id);

struct AdviceRecord {
  size_t line = 0;  // 1-based line number in the log
  std::string time, origin, receipt, case_id, case_sha256, as_of;
  std::string engine_version, rules_sha256, policy_id, policy_version, policy_sha256;
  std::string advice_sha256;
  std::map<std::string, std::string> decisions;  // name -> outcome word
};

struct FeedbackRecord {
  size_t line = 0;
  std::string time, case_id;
  Feedback feedback;
};

struct AuditContents {
  std::vector<AdviceRecord> advice;
  std::vector<FeedbackRecord> feedback;
  std::vector<size_t> unreadable_lines;  // torn or foreign lines, skipped
};

// Reads a whole audit log. Throws std::runtime_error when the file cannot be read.
AuditContents read_audit_file(const std::string& path);

}  // namespace koers::service
