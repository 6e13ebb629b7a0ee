#include "service/replay.h"

#include <fmt/format.h>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "util/sha256.h"
#include "value/date.h"

namespace koers::service {

namespace {

std::string short_hash(const std::string& hash) {
  const size_t start = hash.rfind(':') == std::string::npos ? 0 : hash.rfind(':') + 1;
  return hash.substr(start, 12);
}

// Why a receipt differs: the parts it covers that are not the same now.
void explain_receipt(const AdviceRecord& logged, const Advice& now, std::string& out) {
  const Provenance& p = now.provenance;
  if (logged.engine_version != p.engine_version) {
    out += fmt::format("    engine version: logged {}, now {}\n", logged.engine_version,
                       p.engine_version);
  }
  if (logged.rules_sha256 != p.rules_sha256) {
    out += fmt::format("    rules sha256: logged {}, now {}\n", short_hash(logged.rules_sha256),
                       short_hash(p.rules_sha256));
  }
  if (logged.policy_sha256 != p.policy_sha256) {
    out += fmt::format("    policy sha256: logged {} ({} {}), now {} ({} {})\n",
                       short_hash(logged.policy_sha256), logged.policy_id, logged.policy_version,
                       short_hash(p.policy_sha256), p.policy_id, p.policy_version);
  }
}

}  // namespace

ReplayResult replay(const Program& program, const Policy& policy, const AuditContents& audit,
                    const CaseIndex& cases) {
  ReplayResult result;
  for (const auto& logged : audit.advice) {
    const std::string label =
        fmt::format("line {}: case {} as of {}", logged.line, logged.case_id, logged.as_of);
    auto found = cases.path_by_sha256.find(logged.case_sha256);
    const auto as_of = parse_date(logged.as_of);
    if (found == cases.path_by_sha256.end() || !as_of) {
      ++result.not_found;
      result.report += fmt::format("{}: NOT FOUND (no case with sha256 {})\n", label,
                                   short_hash(logged.case_sha256));
      continue;
    }
    Diagnostics diags;
    auto c = load_case_file(program.schema, found->second, diags);
    if (!c) {  // indexed a moment ago; changed since
      ++result.not_found;
      result.report += fmt::format("{}: NOT FOUND ({} no longer loads)\n", label, found->second);
      continue;
    }
    const Advice now = evaluate(program, policy, *c, *as_of);
    const std::string json = render_json(program, now);
    std::string why;
    if (now.receipt != logged.receipt) {
      why += fmt::format("  receipt: logged {}, now {}\n", short_hash(logged.receipt),
                         short_hash(now.receipt));
      explain_receipt(logged, now, why);
    }
    std::map<std::string, std::string> decisions;
    for (const auto& d : now.decisions) decisions[d.name] = outcome_word(program, d);
    for (const auto& [name, value] : logged.decisions) {
      auto it = decisions.find(name);
      const std::string current = it == decisions.end() ? "(no such decision)" : it->second;
      if (current != value) {
        why += fmt::format("  decision {}: logged {}, now {}\n", name, value, current);
      }
    }
    for (const auto& [name, value] : decisions) {
      if (!logged.decisions.count(name)) {
        why += fmt::format("  decision {}: not logged, now {}\n", name, value);
      }
    }
    const std::string advice_sha256 = "sha256:" + sha256_hex(json);
    if (advice_sha256 != logged.advice_sha256) {
      why += fmt::format("  advice bytes: logged sha256 {}, now {}\n",
                         short_hash(logged.advice_sha256), short_hash(advice_sha256));
    }
    if (why.empty()) {
      ++result.confirmed;
      result.report += fmt::format("{}: confirmed ({})\n", label, found->second);
    } else {
      ++result.mismatched;
      result.report += fmt::format("{}: MISMATCH ({})\n{}", label, found->second, why);
    }
  }
  result.report += fmt::format("{} confirmed, {} mismatched, {} not found", result.confirmed,
                               result.mismatched, result.not_found);
  if (!audit.unreadable_lines.empty()) {
    result.report += fmt::format("; {} unreadable line(s) skipped", audit.unreadable_lines.size());
  }
  result.report += "\n";
  return result;
}

}  // namespace koers::service
