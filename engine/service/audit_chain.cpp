#include "service/audit_chain.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>

#include "util/sha256.h"

namespace koers::service {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kBreaksListed = 50;

bool is_text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() && !it->get_ref<const std::string&>().empty();
}

// What a line of this type must hold; empty when it does.
std::string format_problem(const Json& j, const std::string& type) {
  const auto need = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      if (!is_text(j, key)) return fmt::format("a {} line without \"{}\"", type, key);
    }
    return {};
  };
  if (type == "advice") {
    if (auto p = need({"time", "receipt", "case_sha256", "as_of", "rules_sha256", "advice_sha256"});
        !p.empty())
      return p;
    if (!j.contains("decisions") || !j["decisions"].is_object()) {
      return "an advice line without \"decisions\"";
    }
    return {};
  }
  if (type == "feedback") {
    if (auto p = need({"time", "receipt", "verdict"}); !p.empty()) return p;
    const std::string& verdict = j["verdict"].get_ref<const std::string&>();
    if (verdict != "accepted" && verdict != "overridden") {
      return "a feedback line whose verdict is neither accepted nor overridden";
    }
    return {};
  }
  if (type == "reload") return need({"time", "outcome"});
  if (type == "repair") return need({"time", "torn_sha256"});
  if (type == "withheld") {
    if (!j.contains("lines_sha256") || !j["lines_sha256"].is_array()) {
      return "a withheld line without \"lines_sha256\"";
    }
    return need({"time"});
  }
  return type.empty() ? "a line without a type"
                      : fmt::format("a line of unknown type \"{}\"", type);
}

// A shared flock for as long as a file is read: a writer (which takes it exclusively) waits, so
// a line being written is never read half.
class SharedLock {
 public:
  explicit SharedLock(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("cannot read audit log " + path);
    while (::flock(fd_, LOCK_SH) != 0 && errno == EINTR) {
    }
  }
  ~SharedLock() { ::close(fd_); }
  SharedLock(const SharedLock&) = delete;
  SharedLock& operator=(const SharedLock&) = delete;

 private:
  int fd_;
};

class Verifier {
 public:
  Verifier(ChainReport& report, bool from_the_start)
      : report_(report), from_the_start_(from_the_start) {}

  void file(const std::string& path, bool last_file) {
    SharedLock locked(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read audit log " + path);
    path_ = path;
    line_ = 0;
    lines_of_file_.clear();
    torn_.clear();
    whole_in_file_ = false;
    std::string text;
    while (std::getline(in, text)) {
      ++line_;
      ++report_.lines;
      // getline sets eof only when the last line has no newline: a line still being written or
      // cut short by a crash.
      const bool ended = !in.eof();
      line(text, ended);
    }
    if (in.bad()) throw std::runtime_error("cannot read audit log " + path);
    if (!torn_.empty()) {
      // Torn lines at the end: the writer repairs them when it next writes to this file; a
      // rotated file is not written again.
      report_.torn += torn_.size();
      report_.notes.push_back(
          {path_, torn_.front().line,
           last_file ? "a torn last line (a crash or a full disk during a write); the writer "
                       "records it with a repair line when it next writes"
                     : "a torn last line, left when the file was rotated; no repair line will "
                       "name it"});
      torn_.clear();
    }
  }

 private:
  struct Torn {
    size_t line;
    std::string sha256;
  };

  void fail(size_t line, std::string what) {
    if (report_.breaks.size() < kBreaksListed) {
      report_.breaks.push_back({path_, line, std::move(what)});
    } else {
      ++report_.breaks_not_listed;
    }
  }

  void fail_unnamed_torn() {
    for (const Torn& t : torn_) {
      fail(t.line, "a line that is not JSON, and no repair line after it names it");
    }
    torn_.clear();
  }

  void line(const std::string& text, bool ended) {
    const std::string sha256 = "sha256:" + sha256_hex(text);
    Json j = Json::parse(text, nullptr, false);
    if (!j.is_object()) {
      torn_.push_back({line_, sha256});
      return;  // the chain passes over it: the repair line vouches for the line before it
    }
    const std::string type = is_text(j, "type") ? j["type"].get<std::string>() : std::string();
    if (!torn_.empty()) {
      if (type == "repair") {
        check_repair(j);
      } else {
        fail_unnamed_torn();
      }
    } else if (type == "repair") {
      fail(line_, "a repair line that follows no torn line");
    }
    check_link(j, sha256);
    if (std::string problem = format_problem(j, type); !problem.empty()) fail(line_, problem);
    if (type == "withheld" && j.contains("lines_sha256") && j["lines_sha256"].is_array()) {
      for (const auto& named : j["lines_sha256"]) {
        if (!named.is_string() || !lines_of_file_.count("sha256:" + named.get<std::string>())) {
          fail(line_, "a withheld line that names a line not before it in this file");
          break;
        }
      }
    }
    lines_of_file_.insert(sha256);
    if (!ended) fail(line_, "the last line has no newline, but is whole JSON: the file was cut");
  }

  // A repair line names the torn line just before it, and any torn lines before that one.
  void check_repair(const Json& j) {
    std::set<std::string> named;
    if (is_text(j, "torn_sha256")) named.insert(j["torn_sha256"].get<std::string>());
    if (j.contains("earlier_torn_sha256") && j["earlier_torn_sha256"].is_array()) {
      for (const auto& h : j["earlier_torn_sha256"]) {
        if (h.is_string()) named.insert(h.get<std::string>());
      }
    }
    const bool last_named = named.count(torn_.back().sha256) > 0;
    for (const Torn& t : torn_) {
      if (named.count(t.sha256) && last_named) {
        ++report_.torn;
      } else {
        fail(t.line, "a line that is not JSON, and no repair line after it names it");
      }
    }
    torn_.clear();
  }

  // The link to the line before: the hash it carries must be that line's.
  void check_link(const Json& j, const std::string& sha256) {
    auto prev = j.find("prev_sha256");
    const bool first_of_all = last_.empty();
    if (prev == j.end()) {
      if (chain_started_) {
        fail(line_,
             "a line without a chain hash among lines that have one: inserted, or written by "
             "another program");
      } else {
        ++report_.unchained;
      }
    } else if (prev->is_null()) {
      if (first_of_all) {
        // The log's first line.
      } else if (!whole_in_file_) {
        report_.notes.push_back(
            {path_, line_,
             "the chain starts anew here (a writer that had not seen the file before this one "
             "began it): the end of the file before is not checked"});
      } else {
        fail(line_,
             "the chain starts again here: the lines before it are not the ones this log began "
             "with");
      }
      chain_started_ = true;
      ++report_.chained;
    } else if (!prev->is_string()) {
      fail(line_, "a chain hash that is not text");
    } else {
      if (first_of_all) {
        report_.begins_after = prev->get<std::string>();
        if (from_the_start_) {
          fail(line_,
               "the log should begin here, but this line follows another (lines were removed "
               "from the start, or an older file was not given)");
        }
      } else if (*prev != last_) {
        fail(line_,
             "the chain is broken: this line carries the hash of a line that is not the one "
             "before it (a line before it was removed, inserted or changed, or the files are "
             "not given oldest first)");
      }
      chain_started_ = true;
      ++report_.chained;
    }
    last_ = sha256;
    whole_in_file_ = true;
    report_.last_sha256 = sha256;
  }

  ChainReport& report_;
  const bool from_the_start_;
  std::string path_;
  size_t line_ = 0;
  std::string last_;  // "sha256:<hex>" of the last whole line, across files
  bool chain_started_ = false;
  bool whole_in_file_ = false;           // a whole line was read in this file
  std::vector<Torn> torn_;               // torn lines since the last whole line
  std::set<std::string> lines_of_file_;  // every whole line, for withheld lines
};

}  // namespace

ChainReport verify_audit_chain(const std::vector<std::string>& paths, bool from_the_start) {
  ChainReport report;
  Verifier verifier(report, from_the_start);
  std::vector<std::string> last_of_file;
  for (size_t i = 0; i < paths.size(); ++i) {
    verifier.file(paths[i], i + 1 == paths.size());
    last_of_file.push_back(report.last_sha256);
  }
  // The first file follows a line found at the end of a later one: the order is wrong (a chain
  // that starts anew in a later file would otherwise pass for a rotation).
  for (size_t i = 1; i < paths.size() && !report.begins_after.empty(); ++i) {
    if (last_of_file[i] == report.begins_after && last_of_file[i] != last_of_file[i - 1]) {
      report.breaks.insert(report.breaks.begin(),
                           {paths.front(), 1,
                            "the files are not given oldest first: this file follows " + paths[i] +
                                ", given after it"});
      break;
    }
  }
  return report;
}

std::string describe(const ChainReport& report) {
  std::string out;
  for (const ChainBreak& b : report.breaks)
    out += fmt::format("{}:{}: {}\n", b.file, b.line, b.what);
  if (report.breaks_not_listed > 0) {
    out += fmt::format("… and {} more\n", report.breaks_not_listed);
  }
  for (const ChainNote& n : report.notes)
    out += fmt::format("{}:{}: note: {}\n", n.file, n.line, n.what);
  const size_t broken = report.breaks.size() + report.breaks_not_listed;
  if (broken == 0) {
    out += fmt::format("chain intact: {} lines, {} chained", report.lines, report.chained);
  } else {
    out += fmt::format("chain BROKEN: {} problem{} in {} lines, {} chained", broken,
                       broken == 1 ? "" : "s", report.lines, report.chained);
  }
  if (report.torn > 0) out += fmt::format(", {} torn", report.torn);
  out += "\n";
  if (report.unchained > 0) {
    out += fmt::format(
        "{} line{} at the start carry no chain hash (written before the chain existed): they "
        "are not protected\n",
        report.unchained, report.unchained == 1 ? "" : "s");
  }
  if (!report.begins_after.empty()) {
    out += fmt::format(
        "the first line follows a line with hash {} in an older file: give the older files too, "
        "oldest first, to check that link\n",
        report.begins_after);
  }
  if (!report.last_sha256.empty()) {
    out += fmt::format(
        "last line: {}\n(keep this hash outside the log: a log rewritten from some line to its "
        "end is only caught against a hash kept elsewhere)\n",
        report.last_sha256);
  }
  return out;
}

}  // namespace koers::service
