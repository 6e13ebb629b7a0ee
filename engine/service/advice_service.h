#pragma once
// What `koers serve` does, independent of the HTTP library: cases in, advice out (JSON or the
// HTML report), the rule set described, reloads, feedback. Every answer is a status, a content
// type and a body; cmd_serve.cpp only routes requests here.
//
// Rules and policy are held as one immutable snapshot behind an atomic shared_ptr: a request takes
// the snapshot once and uses it to the end, so a reload never changes the rules under a request
// and never makes one wait.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "compile/program.h"
#include "data/case_loader.h"
#include "diag/diagnostic.h"
#include "policy/policy.h"
#include "service/audit_log.h"
#include "service/audit_record.h"
#include "util/fifo_gate.h"

namespace koers::service {

struct RuleSnapshot {
  Program program;
  Policy policy;
  std::string loaded_at;  // UTC
};
using SnapshotPtr = std::shared_ptr<const RuleSnapshot>;
// Loads rules and policy from wherever the server was told to; problems go to the diagnostics.
using SnapshotLoader = std::function<std::optional<RuleSnapshot>(Diagnostics&)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

struct ServiceOptions {
  AuditLog* audit = nullptr;  // not owned; null: no audit log (feedback is then refused)
  // When set, each accepted case is stored as <case sha256>.yaml (mode 0600), on disk before its
  // audit line; the directory is checked by the caller (0700, see cmd_serve.cpp).
  std::string record_dir;
  CaseLimits case_limits;
  // How many requests may load, evaluate and render at once (util/fifo_gate.h); 0: no limit.
  size_t compute_slots = 0;
  // --expect-rules-hash: a rule set with any other SHA-256 (hex, with or without "sha256:") is
  // refused, at the start and on every reload. "" accepts any.
  std::string expect_rules_sha256;
};

// json: the advice (/v1/advice); html: the report page (/v1/report); print: its print view
// (/v1/report?view=print); timeline: an HTML fragment
// with the advice at each month's end of the case's history (/v1/timeline).
enum class AdviceFormat { json, html, print, timeline };

class AdviceService {
 public:
  AdviceService(SnapshotLoader loader, ServiceOptions options);

  // The first load; false (diagnostics filled) when the rules or policy cannot be used or are
  // not the expected ones.
  bool load(Diagnostics& diags);
  SnapshotPtr snapshot() const { return snapshot_.load(); }

  // POST /v1/advice, /v1/report and /v1/timeline: `body` is a case file (YAML or JSON); `as_of` is
  // "" or YYYY-MM-DD and overrides the case's as_of.
  Response advise(const std::string& body, const std::string& as_of, AdviceFormat format,
                  const Requester& requester = {});
  // GET /v1/rules.
  Response describe_rules() const;
  // GET /v1/schema: the case schema the page builds its form from (schema/schema_json.h).
  Response describe_schema() const;
  // POST /v1/case/read: a case file as the JSON object the form edits; 422 with a Dutch message
  // and its line when it is not readable YAML. Nothing is stored or logged but the size.
  Response read_case(const std::string& body);
  // POST /v1/reload and SIGHUP: 200 with the new hashes, or 422 with the diagnostics while the
  // old snapshot keeps serving. Either way the audit log (if any) names who asked.
  Response reload(const Requester& requester);
  // POST /v1/feedback.
  Response feedback(const std::string& body, const Requester& requester = {});

  // Whether the server gives advice as it should (GET /healthz, /readyz): not while its audit
  // log cannot be written, so that every advice would be withheld (checked again on each call,
  // so readiness comes back by itself once the disk has room again), nor while the last reload
  // failed (the server then serves older rules than the operator put in place).
  struct Readiness {
    std::vector<std::string> problems;  // codes: audit_unwritable, reload_failed
    bool ready() const { return problems.empty(); }
  };
  Readiness readiness() const;
  // SIGUSR1 and SIGHUP: the audit log is opened again at its path before its next line.
  void reopen_audit_log() {
    if (options_.audit != nullptr) options_.audit->reopen_soon();
  }
  // What the audit log has written (for /metrics); nullopt without one.
  std::optional<AuditLog::Stats> audit_stats() const {
    if (options_.audit == nullptr) return std::nullopt;
    return options_.audit->stats();
  }
  // Reloads since the start, for /metrics.
  struct ReloadCounts {
    uint64_t taken = 0, refused = 0;
  };
  ReloadCounts reload_counts() const {
    return {reloads_taken_.load(std::memory_order_relaxed),
            reloads_refused_.load(std::memory_order_relaxed)};
  }
  // Requests waiting for a compute slot now (0 without --compute-slots).
  size_t compute_queue() const { return compute_gate_ ? compute_gate_->waiting() : 0; }

 private:
  // Appends a line to the audit log.
  bool record_line(const std::string& line, std::string& error);
  void note_reload(bool taken);
  // POST /v1/feedback on a recommendation (taken over, or not with a reason).
  Response recommendation_feedback(Feedback f, const AdvisedCase& advised,
                                   const Requester& requester);
  // Why a loaded rule set may not be served (--expect-rules-hash), or "".
  std::string unexpected_rules(const RuleSnapshot& loaded) const;
  // Appends the reload's audit line; false when there is a log and it cannot be written.
  bool audit_reload(const ReloadRecord& record, const Requester& requester);
  // "" when the case is on disk, else why not.
  std::string record_case(const std::string& case_sha256, const std::string& body) const;

  SnapshotLoader loader_;
  ServiceOptions options_;
  std::unique_ptr<FifoGate> compute_gate_;  // null when compute_slots is 0
  std::atomic<SnapshotPtr> snapshot_;
  std::mutex reload_mutex_;  // one reload at a time; requests never take it
  mutable std::mutex health_mutex_;
  bool reload_failing_ = false;  // the last reload was refused
  std::atomic<uint64_t> reloads_taken_ = 0, reloads_refused_ = 0;
  mutable std::atomic<bool> audit_was_ready_ = true;  // for logging a change only
};

}  // namespace koers::service
