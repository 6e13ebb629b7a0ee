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

// Who asked, as an audit line names them: the identity as the proxy or token gave it (or its
// pseudonym under --pseudonymise-actors; "" without authentication), the class of the address
// asked from (loopback, private, public, unix; never the address) and the request's id, which
// the response carries as X-Request-Id.
struct Requester {
  std::string actor;
  std::string address_class;
  std::string request_id;
};

// `advice_json` is the advice exactly as it was sent (render_json); its SHA-256 lets a replay
// confirm every byte. `origin` says who gave the advice: "serve" or "advise".
// `requester` is null for `koers advise`, which nobody asked over the network.
std::string advice_audit_line(const Program& program, const Advice& advice,
                              std::string_view advice_json, std::string_view origin,
                              const Requester* requester = nullptr);

struct Feedback {
  std::string receipt;
  std::string verdict;  // accepted | overridden
  std::string decision;
  std::string advised;  // the decision's outcome in the advice
  std::string value;    // the professional's choice (for `accepted`, the advised value)
  std::string reason;
  // Feedback on a recommendation instead of a decision: its id; `decision`, `advised` and `value`
  // are then empty (taking a recommendation over or not has no value of its own).
  std::string recommendation;
};
std::string feedback_audit_line(const Feedback& feedback, const std::string& case_id,
                                const Requester* requester = nullptr);

// A reload of rules and policy, taken or refused: who asked (for SIGHUP the actor is
// "signal:SIGHUP"), what was served before and what is served now.
struct ReloadRecord {
  bool taken = false;
  std::string refused_because;  // when not taken
  std::string previous_rules_sha256, previous_policy_sha256;
  std::string rules_sha256, policy_sha256;  // served after the reload
};
std::string reload_audit_line(const ReloadRecord& reload, const Requester& requester);

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
  // Lines that reached the file although their write failed, so that their advice or feedback
  // was withheld from whoever asked: a later `withheld` line names them by their SHA-256. They
  // are in neither list above.
  std::vector<size_t> withheld_lines;
};

// Reads a whole audit log. Throws std::runtime_error when the file cannot be read.
AuditContents read_audit_file(const std::string& path);

}  // namespace koers::service
