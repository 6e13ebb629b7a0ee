#include "service/audit_chain.h"

#include <fmt/format.h>

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

class Verifier {
 public:
  explicit Verifier(ChainReport& report) : report_(report) {}

  void file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read audit log " + path);
    path_ = path;
    line_ = 0;
    lines_of_file_.clear();
    torn_.reset();
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
    if (torn_) {
      // Not yet repaired: the writer repairs a torn last line when it next opens the log.
      if (torn_->at_end) {
        report_.unrepaired_tail = fmt::format("{}:{}", path_, torn_->line);
        ++report_.torn;
      } else {
        fail(torn_->line, "a line that is not JSON, and no repair line after it names it");
      }
      torn_.reset();
    }
  }

 private:
  struct Torn {
    size_t line;
    std::string sha256;
    bool at_end;
  };

  void fail(size_t line, std::string what) {
    if (report_.breaks.size() < kBreaksListed) {
      report_.breaks.push_back({path_, line, std::move(what)});
    } else {
      ++report_.breaks_not_listed;
    }
  }

  void line(const std::string& text, bool ended) {
    const std::string sha256 = "sha256:" + sha256_hex(text);
    Json j = Json::parse(text, nullptr, false);
    if (!j.is_object()) {
      if (torn_) fail(torn_->line, "a line that is not JSON, and no repair line after it names it");
      torn_ = Torn{line_, sha256, !ended};
      return;  // the chain passes over it: the repair line vouches for the line before it
    }
    const std::string type = is_text(j, "type") ? j["type"].get<std::string>() : std::string();
    if (torn_) {
      if (type == "repair" && is_text(j, "torn_sha256") && j["torn_sha256"] == torn_->sha256) {
        ++report_.torn;
      } else {
        fail(torn_->line, "a line that is not JSON, and no repair line after it names it");
      }
      torn_.reset();
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
    if (type == "advice" || type == "feedback") lines_of_file_.insert(sha256);
    if (!ended) fail(line_, "the last line has no newline, but is whole JSON: the file was cut");
  }

  // The link to the line before: the hash it carries must be that line's.
  void check_link(const Json& j, const std::string& sha256) {
    auto prev = j.find("prev_sha256");
    const bool first = report_.lines == 1;
    if (prev == j.end()) {
      if (chain_started_) {
        fail(line_,
             "a line without a chain hash among lines that have one: inserted, or written by "
             "another program");
      } else {
        ++report_.unchained;
      }
    } else if (prev->is_null()) {
      if (!first) {
        fail(line_,
             "the chain starts again here: the lines before it are not the ones this log began "
             "with");
      }
      chain_started_ = true;
      ++report_.chained;
    } else if (!prev->is_string()) {
      fail(line_, "a chain hash that is not text");
    } else {
      if (first) {
        report_.begins_after = prev->get<std::string>();
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
    report_.last_sha256 = sha256;
  }

  ChainReport& report_;
  std::string path_;
  size_t line_ = 0;
  std::string last_;  // "sha256:<hex>" of the last whole line, across files
  bool chain_started_ = false;
  std::optional<Torn> torn_;
  std::set<std::string> lines_of_file_;  // advice and feedback lines, for withheld lines
};

}  // namespace

ChainReport verify_audit_chain(const std::vector<std::string>& paths) {
  ChainReport report;
  Verifier verifier(report);
  for (const std::string& path : paths) verifier.file(path);
  return report;
}

std::string describe(const ChainReport& report) {
  std::string out;
  for (const ChainBreak& b : report.breaks)
    out += fmt::format("{}:{}: {}\n", b.file, b.line, b.what);
  if (report.breaks_not_listed > 0) {
    out += fmt::format("… and {} more\n", report.breaks_not_listed);
  }
  if (!report.unrepaired_tail.empty()) {
    out += fmt::format(
        "{}: a torn last line (a crash during a write); the writer records it with a repair line "
        "when it next opens the log\n",
        report.unrepaired_tail);
  }
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
