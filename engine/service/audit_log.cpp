#include "service/audit_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

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

// One write() of the whole buffer; a short write is reported, never continued, because a second
// write could interleave with another process's line.
bool write_once(int fd, const std::string& bytes, std::string& error) {
  ssize_t n;
  do {
    n = ::write(fd, bytes.data(), bytes.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    error = "write failed: " + errno_text();
    return false;
  }
  if (static_cast<size_t>(n) != bytes.size()) {
    error = "short write (" + std::to_string(n) + " of " + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  if (::fsync(fd) != 0) {
    error = "fsync failed: " + errno_text();
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

}  // namespace

std::unique_ptr<AuditLog> AuditLog::open(const std::string& path, std::string* repair_note,
                                         bool index_receipts) {
  // O_NOFOLLOW: a link put in the log's place must not make the server append elsewhere.
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
  if (fd < 0 && errno == ELOOP) {
    throw std::runtime_error("cannot open audit log " + path +
                             ": it is a symbolic link; give the file itself");
  }
  if (fd < 0) throw std::runtime_error("cannot open audit log " + path + ": " + errno_text());
  std::unique_ptr<AuditLog> log(new AuditLog(path, fd));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    throw std::runtime_error("cannot use audit log " + path + ": it is not a regular file");
  }
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) throw std::runtime_error("cannot read audit log " + path + ": " + errno_text());
  off_t line_start = size;
  if (index_receipts) {
    const std::string text = read_range(fd, 0, size, path);
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      log->index_line(text.substr(start, end - start));
    }
    line_start = static_cast<off_t>(start);
  } else if (size > 0 && read_range(fd, size - 1, size, path) != "\n") {
    line_start = last_line_start(fd, size, path);
  }
  log->scanned_to_ = line_start;
  if (line_start < size) {
    // A torn last line: keep its bytes where they are (never lose evidence), end it so that the
    // next line starts fresh, and record the repair in the log itself.
    const std::string torn = read_range(fd, line_start, size, path);
    Json repair;
    repair["type"] = "repair";
    repair["time"] = utc_timestamp();
    repair["torn_line_offset"] = line_start;
    repair["torn_bytes"] = torn.size();
    repair["torn_sha256"] = "sha256:" + sha256_hex(torn);
    std::string error;
    if (!write_once(fd, "\n" + repair.dump() + "\n", error)) {
      throw std::runtime_error("cannot repair audit log " + path + ": " + error);
    }
    log->scanned_to_ = ::lseek(fd, 0, SEEK_END);
    if (repair_note != nullptr) {
      *repair_note = "audit log " + path + ": torn last line of " + std::to_string(torn.size()) +
                     " bytes at offset " + std::to_string(line_start) +
                     " (a crash during a write) was ended with a newline and is skipped by "
                     "readers; a repair line records it";
    }
  }
  return log;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AuditLog::index_line(const std::string& json_line) {
  Json j = Json::parse(json_line, nullptr, false);
  if (!j.is_object() || j.value("type", "") != "advice" || !j.contains("receipt")) return;
  AdvisedCase advised;
  advised.case_id = j.value("case_id", "");
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
  receipts_[j["receipt"].get<std::string>()] = std::move(advised);
}

bool AuditLog::append(const std::string& json_line, std::string& error) {
  std::lock_guard lock(mutex_);
  std::string bytes = (needs_newline_ ? "\n" : "") + json_line + "\n";
  if (!write_once(fd_, bytes, error)) {
    needs_newline_ = true;
    error = "audit log " + path_ + ": " + error;
    return false;
  }
  needs_newline_ = false;
  index_line(json_line);
  // With O_APPEND the offset is now the end of our line; when the line began where the index
  // ended, no other writer came between and the index is complete up to here.
  const off_t end = ::lseek(fd_, 0, SEEK_CUR);
  if (end - static_cast<off_t>(bytes.size()) == scanned_to_) scanned_to_ = end;
  return true;
}

void AuditLog::scan_new_lines() {
  std::string text;
  try {
    text = read_range(fd_, scanned_to_, ::lseek(fd_, 0, SEEK_END), path_);
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
