#pragma once
// The audit log: an append-only file of JSON lines, one per advice given and per professional's
// feedback (README, "Audit log"). Lines are written with one write() on an O_APPEND descriptor
// and made durable with fdatasync before any caller answers, so an answered request is on disk
// and lines of concurrent writers (threads or processes) never interleave.
//
// Group commit: the lines of concurrent callers are written together, one write() and one
// fdatasync for all of them. The first caller to find no write in progress writes every line
// waiting at that moment; callers arriving meanwhile wait for the next write, which one of them
// makes. Each caller returns only once its own line is durable (or has failed), so a request is
// never answered early, and a disk that takes 5 ms to sync no longer limits the server to 200
// advices a second.
#include <sys/types.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
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

  // Appends `json_line` (one JSON object, no newline) and waits until it is durable, written
  // and synced together with the lines of concurrent callers. On failure returns false and says
  // why in `error`; the caller must not act as if the line were recorded.
  bool append(const std::string& json_line, std::string& error);

  // Asks that the log be opened again at its path before the next line (SIGUSR1, SIGHUP, after
  // an outside rotation). A renamed, deleted or replaced file is noticed without asking.
  void reopen_soon() { reopen_asked_ = true; }

  // Whether a line could be written now, without writing one (for readiness after a failed
  // write): the file is still there, the disk has room and syncing works. False says why.
  bool writable(std::string& why);
  // False while the last write failed and a line could still not be written now (writable);
  // true again once one could, without waiting for the next line. For readiness.
  bool ready(std::string& why);

  // What the log has written since it was opened, for /metrics.
  struct Stats {
    uint64_t lines = 0;    // lines made durable
    uint64_t batches = 0;  // writes (each with one fdatasync), failed ones included
    uint64_t failed_batches = 0;
    uint64_t largest_batch = 0;                          // lines in the largest write
    std::chrono::nanoseconds sync_time{0};               // spent in write() and fdatasync together
    std::chrono::nanoseconds sync_time_of_successes{0};  // the same, of the writes that succeeded
    size_t waiting = 0;                                  // lines queued for the next write now
    uint64_t reopened = 0;  // times the file was opened again (rotation, SIGUSR1)
    // Histograms of the writes that succeeded: lines per write, and seconds per write (write()
    // and fdatasync together). Counts per bucket (not cumulative); the last is +Inf.
    static constexpr std::array<double, 9> kLineBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    static constexpr std::array<double, 11> kSecondBounds = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
    std::array<uint64_t, kLineBounds.size() + 1> lines_per_write{};
    std::array<uint64_t, kSecondBounds.size() + 1> seconds_per_write{};
  };
  Stats stats();

  // For tests: called by the writing thread after it took its lines and before it writes them,
  // with the lock released (a test holds the write there to let other lines queue up).
  void set_before_write_for_testing(std::function<void()> hook) { before_write_ = std::move(hook); }

  // The advice line with this receipt, if the file holds one (indexed at open and on appends;
  // on a miss, lines appended since by other processes are read first).
  std::optional<AdvisedCase> find_receipt(const std::string& receipt);
  const std::string& path() const { return path_; }

 private:
  AuditLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  // open(), with the hash the file's first line carries when the file has no whole line yet (the
  // last hash of the file before it, after a rotation).
  static std::unique_ptr<AuditLog> open_at(const std::string& path, std::string* repair_note,
                                           bool index_receipts,
                                           const std::string& previous_file_hash);
  // Before leaving a rotated file: reads its real last line for the chain, and writes a pending
  // `withheld` line into it (the lines it names are there).
  void settle_before_leaving();
  void index_line(const std::string& json_line);
  // What the receipt index keeps of an advice line: its receipt and case; nullopt for any other.
  static std::optional<std::pair<std::string, AdvisedCase>> advised_case_of(
      const std::string& json_line);
  // Indexes the lines other writers (e.g. `koers advise --audit`) appended since the last scan.
  void scan_new_lines();

  // Lines waiting to be written together, and the outcome every caller waits for.
  struct Batch {
    std::vector<std::string> lines;  // in the order they came, without newlines
    bool done = false;
    std::condition_variable changed;  // done, or (for the queued batch) the writer is free
    std::string error;                // empty: durable
  };
  // Whether the file at path_ is no longer the one written (renamed, deleted, replaced).
  bool moved() const;
  // With the lock held and no write in progress: opens path_ again when asked or moved; returns
  // why it could not.
  std::string reopen_if_moved();
  // writable() with the lock held.
  bool probe(std::string& why);
  class FileLock;
  // With the file locked: makes chain_hash_ the hash of the file's last line, reading it when
  // the file changed since our last write, and first ends and records a torn last line with a
  // repair line (saying so in `repair_note`). False when that write failed.
  bool take_tail(std::string* repair_note, std::string& error);
  // The line that names withheld_ as lines whose write failed.
  std::string withheld_line() const;
  // Writes `batch` (one write, one fdatasync) without the lock; returns the error, if any, and
  // otherwise sets `end` to the offset after it and `bytes` to how many it wrote.
  std::string write_batch(const Batch& batch, off_t& end, size_t& bytes);

  std::string path_;
  int fd_ = -1;
  // The chain (README, "Audit log"): each line carries the SHA-256 of the line before it.
  // chain_hash_ is the hash of the last line of the file when it was chain_end_ bytes long;
  // -1: not known (a failed write), read from the file before the next line (writer only).
  std::string chain_hash_;
  off_t chain_end_ = -1;
  std::mutex mutex_;
  std::shared_ptr<Batch> queued_;  // collecting lines for the next write
  bool writing_ = false;           // a caller is writing a batch now
  Stats stats_;
  std::atomic<bool> reopen_asked_ = false;
  bool failing_ = false;  // the last write failed
  // SHA-256 of lines that reached the file in a failed write, not yet named in a `withheld`
  // line (writer only).
  std::vector<std::string> withheld_;
  std::function<void()> before_write_;
  off_t scanned_to_ = 0;  // the file is indexed up to here (the end of a complete line)
  std::map<std::string, AdvisedCase> receipts_;
};

// The current time as the log writes it: 2026-11-23T11:40:05.123Z (UTC).
std::string utc_timestamp();

}  // namespace koers::service
