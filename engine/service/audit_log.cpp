#include "service/audit_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "util/sha256.h"

namespace koers::service {

namespace {

using Json = nlohmann::ordered_json;

std::string errno_text() {
  return std::strerror(errno);
}

// Reads bytes [begin, end) of the file behind `fd`.
std::string read_range(int fd, off_t begin, off_t end, const std::string& path) {
  std::string text;
  char buffer[65536];
  off_t offset = begin;
  while (offset < end) {
    const size_t want = static_cast<size_t>(std::min<off_t>(end - offset, sizeof buffer));
    const ssize_t n = ::pread(fd, buffer, want, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot read audit log " + path + ": " + errno_text());
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    offset += n;
  }
  return text;
}

// One write() of the whole buffer, then fdatasync; a short write is reported, never continued,
// because a second write could interleave with another process's line. `written` says how many
// bytes reached the file (all of them when only the sync failed).
bool write_once(int fd, const std::string& bytes, std::string& error, size_t* written = nullptr) {
  ssize_t n;
  do {
    n = ::write(fd, bytes.data(), bytes.size());
  } while (n < 0 && errno == EINTR);
  if (written != nullptr) *written = n < 0 ? 0 : static_cast<size_t>(n);
  if (n < 0) {
    error = "write failed: " + errno_text();
    return false;
  }
  if (static_cast<size_t>(n) != bytes.size()) {
    error = "short write (" + std::to_string(n) + " of " + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  // fdatasync: the data and what is needed to read it back (the file's size), not its times.
  if (::fdatasync(fd) != 0) {
    error = "fdatasync failed: " + errno_text();
    return false;
  }
  return true;
}

}  // namespace

std::string utc_timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return text;
}

namespace {

// Where the last line of the file begins (after its last newline), reading backwards from the end
// in chunks, so a large log is not read whole.
off_t last_line_start(int fd, off_t size, const std::string& path) {
  char buffer[4096];
  off_t end = size;
  while (end > 0) {
    const off_t begin = std::max<off_t>(0, end - static_cast<off_t>(sizeof buffer));
    const std::string chunk = read_range(fd, begin, end, path);
    const size_t newline = chunk.rfind('\n');
    if (newline != std::string::npos) return begin + static_cast<off_t>(newline) + 1;
    end = begin;
  }
  return 0;
}

// The text of the line that ends (with its newline) at `end`; "" when `end` is 0.
std::string line_ending_at(int fd, off_t end, const std::string& path) {
  if (end <= 0) return {};
  const off_t start = last_line_start(fd, end - 1, path);
  return read_range(fd, start, end - 1, path);
}

// Whether `text` is one whole JSON object: a line whose write completed (a torn line never is).
bool is_json_object(const std::string& text) {
  if (text.empty() || text.front() != '{' || text.back() != '}') return false;
  return Json::accept(text);
}

// `line` (one JSON object) with the hash of the line before it as its last member. The hash
// covers the whole line as written, this member included, so that the next line vouches for it.
std::string chained(const std::string& line, const std::string& previous_sha256) {
  if (line.size() < 2 || line.back() != '}') {
    throw std::logic_error("an audit line must be one JSON object");
  }
  std::string out = line;
  out.pop_back();
  if (out.size() > 1) out += ',';
  out += "\"prev_sha256\":";
  out += previous_sha256.empty() ? std::string("null") : "\"sha256:" + previous_sha256 + "\"";
  out += '}';
  return out;
}

}  // namespace

// An exclusive flock on the log for as long as it lives: writers in other processes (koers
// advise --audit, a second server) take it too, so each one reads the last line and appends
// after it without another line coming between, and the chain holds across processes.
class AuditLog::FileLock {
 public:
  FileLock(int fd, const std::string& path) : fd_(fd) {
    int rc;
    do {
      rc = ::flock(fd_, LOCK_EX);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) throw std::runtime_error("cannot lock audit log " + path + ": " + errno_text());
  }
  ~FileLock() { ::flock(fd_, LOCK_UN); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

bool AuditLog::take_tail(std::string* repair_note, std::string& error) {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    error = "fstat failed: " + errno_text();
    return false;
  }
  const off_t size = st.st_size;
  if (size == chain_end_) return true;  // nobody wrote since our last line
  if (size == 0) {
    // A new file: after a rotation its first line carries the last hash of the file before.
    chain_end_ = 0;
    return true;
  }
  const off_t line_start = last_line_start(fd_, size, path_);
  if (line_start == size) {  // ends with a newline: the last line is whole
    chain_hash_ = sha256_hex(line_ending_at(fd_, size, path_));
    chain_end_ = size;
    return true;
  }
  const std::string tail = read_range(fd_, line_start, size, path_);
  if (is_json_object(tail)) {
    // A whole line whose write stopped just before its newline: it only needs the newline.
    chain_end_ = -1;
    if (!write_once(fd_, "\n", error)) return false;
    chain_hash_ = sha256_hex(tail);
    chain_end_ = size + 1;
    return true;
  }
  // A torn last line: keep its bytes where they are (never lose evidence), end it so that the
  // next line starts fresh, and record the repair in the log itself. The chain passes over the
  // torn line: the repair line carries the hash of the last whole line and names the torn one,
  // and any torn lines just before it (a repair whose own write was cut short by a full disk).
  std::vector<std::string> earlier_torn;
  std::string previous = chain_hash_;  // no whole line in the file: what came before the file
  for (off_t end = line_start; end > 0;) {
    const off_t start = last_line_start(fd_, end - 1, path_);
    const std::string line = read_range(fd_, start, end - 1, path_);
    if (is_json_object(line)) {
      previous = sha256_hex(line);
      break;
    }
    earlier_torn.insert(earlier_torn.begin(), "sha256:" + sha256_hex(line));
    end = start;
  }
  Json repair;
  repair["type"] = "repair";
  repair["time"] = utc_timestamp();
  repair["torn_line_offset"] = line_start;
  repair["torn_bytes"] = tail.size();
  repair["torn_sha256"] = "sha256:" + sha256_hex(tail);
  if (!earlier_torn.empty()) repair["earlier_torn_sha256"] = earlier_torn;
  const std::string line = chained(repair.dump(), previous);
  chain_end_ = -1;
  if (!write_once(fd_, "\n" + line + "\n", error)) return false;
  chain_hash_ = sha256_hex(line);
  chain_end_ = size + static_cast<off_t>(line.size() + 2);
  if (repair_note != nullptr) {
    *repair_note = "audit log " + path_ + ": torn last line of " + std::to_string(tail.size()) +
                   " bytes at offset " + std::to_string(line_start) +
                   " (a crash during a write) was ended with a newline and is skipped by "
                   "readers; a repair line records it";
  }
  return true;
}

void AuditLog::settle_before_leaving() {
  // Under the file's lock: its real last line (another process may have written after us, or a
  // failed write of ours left whole or torn lines), and the note on lines whose write failed,
  // so that it stays in the file that holds them.
  std::string error;
  try {
    FileLock locked(fd_, path_);
    if (!take_tail(nullptr, error) || withheld_.empty()) return;
    const std::string line = chained(withheld_line(), chain_hash_);
    if (!write_once(fd_, line + "\n", error)) {
      chain_end_ = -1;
      return;
    }
    withheld_.clear();
    chain_hash_ = sha256_hex(line);
  } catch (const std::exception& e) {
    spdlog::warn("audit log {}: the file left after a rotation could not be read: {}", path_,
                 e.what());
  }
}

std::unique_ptr<AuditLog> AuditLog::open(const std::string& path, std::string* repair_note,
                                         bool index_receipts) {
  return open_at(path, repair_note, index_receipts, "");
}

std::unique_ptr<AuditLog> AuditLog::open_at(const std::string& path, std::string* repair_note,
                                            bool index_receipts,
                                            const std::string& previous_file_hash) {
  // O_NOFOLLOW: a link put in the log's place must not make the server append elsewhere.
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
  if (fd < 0 && errno == ELOOP) {
    throw std::runtime_error("cannot open audit log " + path +
                             ": it is a symbolic link; give the file itself");
  }
  if (fd < 0) throw std::runtime_error("cannot open audit log " + path + ": " + errno_text());
  std::unique_ptr<AuditLog> log(new AuditLog(path, fd));
  log->chain_hash_ = previous_file_hash;  // for a file that has no whole line yet
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    throw std::runtime_error("cannot use audit log " + path + ": it is not a regular file");
  }
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) throw std::runtime_error("cannot read audit log " + path + ": " + errno_text());
  off_t line_start = 0;
  if (index_receipts) {
    const std::string text = read_range(fd, 0, size, path);
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      log->index_line(text.substr(start, end - start));
    }
    line_start = static_cast<off_t>(start);
  }
  log->scanned_to_ = line_start;
  // The last line's hash, for the next line's chain; a torn last line (a crash in the middle of a
  // write) is recorded by a repair line now, so that the start-up log says so.
  FileLock locked(fd, path);
  std::string error;
  if (!log->take_tail(repair_note, error)) {
    throw std::runtime_error("cannot repair audit log " + path + ": " + error);
  }
  return log;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<std::pair<std::string, AdvisedCase>> AuditLog::advised_case_of(
    const std::string& json_line) {
  Json j = Json::parse(json_line, nullptr, false);
  // Lines of other writers may be anything: only strings where strings are expected are read.
  const auto text = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  if (!j.is_object() || text("type") != "advice" || text("receipt").empty()) return std::nullopt;
  AdvisedCase advised;
  advised.case_id = text("case_id");
  if (j.contains("decisions") && j["decisions"].is_object()) {
    for (const auto& [name, value] : j["decisions"].items()) {
      if (value.is_string()) advised.decisions[name] = value.get<std::string>();
    }
  }
  if (j.contains("recommendations") && j["recommendations"].is_array()) {
    for (const auto& id : j["recommendations"]) {
      if (id.is_string()) advised.recommendations.push_back(id.get<std::string>());
    }
  }
  return std::make_pair(text("receipt"), std::move(advised));
}

void AuditLog::index_line(const std::string& json_line) {
  if (auto receipt = advised_case_of(json_line)) {
    receipts_[receipt->first] = std::move(receipt->second);
  }
}

bool AuditLog::append(const std::string& json_line, std::string& error) {
  std::unique_lock lock(mutex_);
  if (!queued_) queued_ = std::make_shared<Batch>();
  const std::shared_ptr<Batch> mine = queued_;
  mine->lines.push_back(json_line);
  while (!mine->done) {
    if (writing_) {
      // Woken when this batch is done, or (one caller of the queued batch) when the write in
      // progress is: waking only those, not every waiting thread, keeps a busy server's cores
      // for advice instead of for threads that go back to sleep.
      mine->changed.wait(lock);
      continue;
    }
    // No write in progress: this caller writes every line queued so far, its own among them.
    writing_ = true;
    const std::shared_ptr<Batch> batch = std::move(queued_);
    queued_.reset();
    // A rotated (renamed) or deleted log is left for a new file at the same path, so that no
    // line goes to a file nobody will read; so is the log when asked (SIGUSR1, SIGHUP).
    std::string failure = reopen_if_moved();
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    off_t end = 0;
    size_t bytes = 0;  // written at `end`
    std::vector<std::pair<std::string, AdvisedCase>> receipts;
    // Nothing may leave this section by an exception: writing_ would stay set and every caller,
    // now and later, would wait for ever. Whatever goes wrong fails this batch and no other.
    try {
      if (before_write_) before_write_();
      if (failure.empty()) failure = write_batch(*batch, end, bytes);
      // Read for the receipt index before taking the lock again: others queue lines meanwhile.
      if (failure.empty()) {
        receipts.reserve(batch->lines.size());
        for (const std::string& line : batch->lines) {
          if (auto receipt = advised_case_of(line)) receipts.push_back(std::move(*receipt));
        }
      }
    } catch (const std::exception& e) {
      failure = std::string("unexpected error while writing: ") + e.what();
      receipts.clear();
    }
    const auto took = std::chrono::steady_clock::now() - started;
    lock.lock();
    failing_ = !failure.empty();
    stats_.batches++;
    stats_.sync_time += std::chrono::duration_cast<std::chrono::nanoseconds>(took);
    if (failure.empty()) {
      stats_.lines += batch->lines.size();
      stats_.sync_time_of_successes += std::chrono::duration_cast<std::chrono::nanoseconds>(took);
      stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, batch->lines.size());
      const auto bucket = [](const auto& bounds, double value) {
        return static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), value) -
                                   bounds.begin());
      };
      stats_
          .lines_per_write[bucket(Stats::kLineBounds, static_cast<double>(batch->lines.size()))]++;
      stats_.seconds_per_write[bucket(Stats::kSecondBounds,
                                      std::chrono::duration<double>(took).count())]++;
      for (auto& [receipt, advised] : receipts) receipts_[receipt] = std::move(advised);
      // When the lines began where the index ended, no other writer (another process) came
      // between, and the index is complete up to their end.
      if (end - static_cast<off_t>(bytes) == scanned_to_) scanned_to_ = end;
    } else {
      stats_.failed_batches++;
      batch->error = "audit log " + path_ + ": " + failure;
    }
    batch->done = true;
    batch->changed.notify_all();
    writing_ = false;
    // One caller of the lines queued meanwhile becomes the next writer.
    if (queued_) queued_->changed.notify_one();
  }
  if (!mine->error.empty()) {
    error = mine->error;
    return false;
  }
  return true;
}

std::string AuditLog::write_batch(const Batch& batch, off_t& end, size_t& bytes) {
  // Only the writing caller (writing_ set) gets here, so the chain, withheld_ and the
  // descriptor's offset are its own while the lock is released.
  FileLock locked(fd_, path_);
  std::string error;
  // Another process may have written since our last line (or a failed write of ours left a
  // torn line): the chain continues from the line now last in the file.
  if (!take_tail(nullptr, error)) return error;
  const off_t start = chain_end_;
  // The lines are chained and joined here, once, by the one thread that writes them.
  std::vector<std::string> lines;
  lines.reserve(batch.lines.size() + 1);
  std::string prev = chain_hash_;
  const auto add = [&](const std::string& line) {
    lines.push_back(chained(line, prev));
    prev = sha256_hex(lines.back());
  };
  if (!withheld_.empty()) add(withheld_line());
  const size_t head_lines = lines.size();
  for (const std::string& line : batch.lines) add(line);
  std::string out;
  for (const std::string& line : lines) {
    out += line;
    out += '\n';
  }
  size_t written = 0;
  chain_end_ = -1;  // until the write is known whole
  if (!write_once(fd_, out, error, &written)) {
    // Lines that reached the file are followed by a line that names them as withheld, in this
    // write's place or, when the disk is full, before the next lines: readers (replay, feedback
    // export) must not count an advice nobody was given. A torn line is repaired before then.
    size_t line_end = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      line_end += lines[i].size() + 1;
      // A line that lost only its newline is whole: the next write ends it (take_tail).
      if (line_end - 1 > written) break;
      if (i < head_lines) {
        withheld_.clear();  // the earlier note is in the file
      } else {
        withheld_.push_back(sha256_hex(lines[i]));
      }
    }
    return error;
  }
  withheld_.clear();
  chain_hash_ = prev;
  chain_end_ = start + static_cast<off_t>(out.size());
  end = chain_end_;
  bytes = out.size();
  return {};
}

std::string AuditLog::withheld_line() const {
  Json j;
  j["type"] = "withheld";
  j["time"] = utc_timestamp();
  j["reason"] =
      "these lines reached the file, but their write failed: what they record was not given";
  j["lines_sha256"] = withheld_;
  return j.dump();
}

bool AuditLog::ready(std::string& why) {
  std::lock_guard lock(mutex_);
  if (!failing_) return true;
  // Under the lock, so that the descriptor is not swapped by a reopen meanwhile; this runs only
  // while the log is failing, when there is little to hold up.
  if (!probe(why)) return false;
  failing_ = false;
  return true;
}

bool AuditLog::writable(std::string& why) {
  std::lock_guard lock(mutex_);
  return probe(why);
}

bool AuditLog::probe(std::string& why) {
  if (!writing_) {
    // A log that was deleted or rotated away is taken up again here too, or a server that
    // stopped getting requests when it became unready would never be ready again.
    why = reopen_if_moved();
    if (!why.empty()) return false;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    why = "fstat failed: " + errno_text();
    return false;
  }
  if (st.st_nlink == 0) {
    why = "the file was deleted";
    return false;
  }
  struct statvfs fs {};
  if (::fstatvfs(fd_, &fs) != 0) {
    why = "fstatvfs failed: " + errno_text();
    return false;
  }
  // Room for a few thousand advice lines: less, and the next lines may not fit.
  constexpr unsigned long long kRoomNeeded = 4ull << 20;
  const unsigned long long room =
      static_cast<unsigned long long>(fs.f_bavail) * static_cast<unsigned long long>(fs.f_frsize);
  if (room < kRoomNeeded) {
    why = "the file system has " + std::to_string(room / 1024) + " KiB free";
    return false;
  }
  // A file-size limit (RLIMIT_FSIZE) fails writes as a full disk does.
  constexpr rlim_t kLineRoom = 16 << 10;
  if (rlimit limit{}; ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
                      static_cast<rlim_t>(st.st_size) + kLineRoom > limit.rlim_cur) {
    why = "the file has reached the process's file-size limit";
    return false;
  }
  if (::fdatasync(fd_) != 0) {
    why = "fdatasync failed: " + errno_text();
    return false;
  }
  return true;
}

bool AuditLog::moved() const {
  struct stat at_path {};
  struct stat written {};
  // lstat: a symbolic link put in the log's place counts as a different file (and the reopen
  // refuses it, O_NOFOLLOW).
  if (::lstat(path_.c_str(), &at_path) != 0 || ::fstat(fd_, &written) != 0) return true;
  return at_path.st_ino != written.st_ino || at_path.st_dev != written.st_dev;
}

std::string AuditLog::reopen_if_moved() {
  if (!reopen_asked_.exchange(false) && !moved()) return {};
  settle_before_leaving();
  std::unique_ptr<AuditLog> fresh;
  std::string repair_note;
  try {
    // A new, empty file continues the chain of the old one: its first line carries the old
    // file's last hash. A file that already has lines continues from its own last line.
    fresh = open_at(path_, &repair_note, /*index_receipts=*/true, chain_hash_);
  } catch (const std::exception& e) {
    // Until it can be opened, lines fail (their advice is withheld) and readiness says so; the
    // next write tries again.
    reopen_asked_ = true;
    return std::string("cannot reopen after a rotation: ") + e.what();
  }
  std::swap(fd_, fresh->fd_);  // `fresh` closes the old file
  for (auto& [receipt, advised] : fresh->receipts_) receipts_[receipt] = std::move(advised);
  scanned_to_ = fresh->scanned_to_;
  chain_hash_ = fresh->chain_hash_;
  chain_end_ = fresh->chain_end_;
  stats_.reopened++;
  spdlog::info("audit log {} reopened{}", path_, repair_note.empty() ? "" : ": " + repair_note);
  return {};
}

AuditLog::Stats AuditLog::stats() {
  std::lock_guard lock(mutex_);
  Stats s = stats_;
  s.waiting = queued_ ? queued_->lines.size() : 0;
  return s;
}

void AuditLog::scan_new_lines() {
  std::string text;
  try {
    // fstat, not lseek: the descriptor's offset belongs to the writer.
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return;
    text = read_range(fd_, scanned_to_, st.st_size, path_);
  } catch (const std::exception&) {
    return;  // the index stays as it was; the caller answers "unknown receipt"
  }
  size_t line_start = 0;
  for (size_t end; (end = text.find('\n', line_start)) != std::string::npos; line_start = end + 1) {
    index_line(text.substr(line_start, end - line_start));
  }
  scanned_to_ += static_cast<off_t>(line_start);
}

std::optional<AdvisedCase> AuditLog::find_receipt(const std::string& receipt) {
  std::lock_guard lock(mutex_);
  auto it = receipts_.find(receipt);
  if (it == receipts_.end()) {
    scan_new_lines();
    it = receipts_.find(receipt);
    if (it == receipts_.end()) return std::nullopt;
  }
  return it->second;
}

}  // namespace koers::service
