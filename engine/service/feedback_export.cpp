#include "service/feedback_export.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace koers::service {

namespace {

std::string one_line(std::string text) {
  for (char& ch : text) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  return text;
}

// A YAML scalar in double quotes (JSON's string syntax is valid YAML).
std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string file_safe(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    out += plain ? ch : '_';
  }
  return out;
}

std::string hex_of(const std::string& receipt) {
  const size_t colon = receipt.find(':');
  return colon == std::string::npos ? receipt : receipt.substr(colon + 1);
}

// The case file's lines under `case:` in a suite, six spaces in; document markers dropped.
std::string indented_case(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string out, line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "---" || line == "..." || line.rfind("%YAML", 0) == 0) continue;
    out += line.empty() ? "\n" : "      " + line + "\n";
  }
  return out;
}

}  // namespace

ExportResult export_overrides(const AuditContents& audit, const CaseIndex& cases) {
  ExportResult result;
  std::map<std::string, const AdviceRecord*> advice_by_receipt;
  for (const auto& a : audit.advice) advice_by_receipt.emplace(a.receipt, &a);
  for (const auto& record : audit.feedback) {
    const Feedback& f = record.feedback;
    if (f.verdict != "overridden") continue;
    // A recommendation not followed is the team's call for this family, not a different outcome
    // a regression test could expect; its reason stays in the audit log for the maintainers.
    if (!f.recommendation.empty()) continue;
    auto advice = advice_by_receipt.find(f.receipt);
    if (advice == advice_by_receipt.end()) {
      result.problems.push_back(
          fmt::format("line {}: no advice line with receipt {}", record.line, f.receipt));
      continue;
    }
    const AdviceRecord& a = *advice->second;
    auto found = cases.path_by_sha256.find(a.case_sha256);
    if (found == cases.path_by_sha256.end()) {
      result.problems.push_back(fmt::format("line {}: case {} (sha256 {}) is not among the cases",
                                            record.line, a.case_id, a.case_sha256.substr(0, 12)));
      continue;
    }
    std::string text;
    text += "# review: required\n";
    text +=
        "# A candidate regression test from a professional's override (koers feedback export).\n";
    text += fmt::format("# Advice {} of {} (audit line {}), rules sha256 {}, policy {} {}.\n",
                        f.receipt, a.time, a.line, a.rules_sha256.substr(0, 12), a.policy_id,
                        a.policy_version);
    text += fmt::format("# Koers advised {}: {}; the professional chose {} ({}), because:\n",
                        f.decision, f.advised, f.value, record.time);
    text += "#   " + one_line(f.reason) + "\n";
    text += "# A maintainer decides: change the rules so that this test passes and move it to\n";
    text += "# tests/cases/, or keep the advice and delete this file.\n";
    text += "tests:\n";
    text += fmt::format("  - name: {}\n",
                        quoted(fmt::format("{}: {} overridden to {} (receipt {})", a.case_id,
                                           f.decision, f.value, hex_of(f.receipt).substr(0, 12))));
    text += fmt::format("    as_of: {}\n", a.as_of);
    text += "    case:\n" + indented_case(found->second);
    text += "    expect:\n      decisions:\n";
    text += fmt::format("        {}: {}\n", f.decision, f.value);
    result.suites.push_back({fmt::format("{}-{}-{}.suite.yaml", file_safe(a.case_id),
                                         file_safe(f.decision), hex_of(f.receipt).substr(0, 12)),
                             std::move(text)});
  }
  return result;
}

}  // namespace koers::service
