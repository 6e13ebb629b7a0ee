#pragma once
// The audit log: an append-only file of JSON lines, one per advice given and per professional's
// feedback (README, "Audit log"). A line is written with one write() on an O_APPEND descriptor
// and fsync'd before the caller answers, so an answered request is on disk and lines of
// concurrent writers (threads or processes) never interleave.
#include <sys/types.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace koers::service {

// What the log knows of an advice line, for validating feedback on its receipt.
struct AdvisedCase {
  std::string case_id;
  std::map<std::string, std::string> decisions;  // name -> outcome word
  std::vector<std::string> recommendations;      // ids of the recommendations given
};

class AuditLog {
 public:
  // Opens (creating) `path` for appending. A torn last line (a crash in the middle of a write)
  // is ended with a newline, so it stays in the file for inspection and readers skip it, and a
  // `repair` line records its size and hash; `repair_note` then says what was found. Throws
  // std::runtime_error when the file cannot be opened, read or repaired.
  // With `index_receipts` false (koers advise) only the end of the file is read, to find a torn
  // line, and find_receipt is not to be used.
  static std::unique_ptr<AuditLog> open(const std::string& path, std::string* repair_note,
                                        bool index_receipts = true);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `json_line` (one JSON object, no newline) and fsyncs. On failure returns false and
  // says why in `error`; the caller must not act as if the line were recorded.
  bool append(const std::string& json_line, std::string& error);

  // The advice line with this receipt, if the file holds one (indexed at open and on appends;
  // on a miss, lines appended since by other processes are read first).
  std::optional<AdvisedCase> find_receipt(const std::string& receipt);
  const std::string& path() const { return path_; }

 private:
  AuditLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  void index_line(const std::string& json_line);
  // Indexes the lines other writers (e.g. `koers advise --audit`) appended since the last scan.
  void scan_new_lines();

  std::string path_;
  int fd_ = -1;
  bool needs_newline_ = false;  // a failed write left a partial line behind
  std::mutex mutex_;
  off_t scanned_to_ = 0;  // the file is indexed up to here (the end of a complete line)
  std::map<std::string, AdvisedCase> receipts_;
};

// The current time as the log writes it: 2026-11-23T11:40:05.123Z (UTC).
std::string utc_timestamp();

}  // namespace koers::service
