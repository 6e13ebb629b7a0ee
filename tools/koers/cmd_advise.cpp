// koers advise: advice for each case file, as terminal text or JSON lines.
#include <spdlog/spdlog.h>

#include <pwd.h>
#include <unistd.h>
#include <algorithm>

#include <iostream>

#include "api/batch_advice.h"
#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "report/render.h"
#include "service/audit_log.h"
#include "service/audit_record.h"
#include "tools/koers/commands.h"
#include "util/random_bytes.h"

namespace koers::cli {

namespace {

std::string local_account() {
  const passwd* entry = ::getpwuid(::geteuid());
  return entry != nullptr && entry->pw_name != nullptr ? std::string("user:") + entry->pw_name
                                                       : "uid:" + std::to_string(::geteuid());
}

}  // namespace

int run_advise(const AdviseOptions& options) {
  std::optional<Date> forced_as_of;
  if (!parse_as_of(options.as_of, "advise", forced_as_of)) return kExitUnusable;
  auto loaded = load_rules_and_policy(options.rules);
  if (!loaded) return kExitUnusable;
  const Program& program = loaded->program;
  if (options.format == "jsonl" && !options.audit.empty()) {
    std::cerr << "koers advise: --audit is not available with --format jsonl (a batch run is not "
                 "advice given on a case); use --format json\n";
    return kExitUnusable;
  }
  if (options.format == "jsonl") {
    BatchOptions batch;
    batch.jobs = std::max(1, options.jobs);
    batch.forced_as_of = forced_as_of;
    batch.today = today_utc();
    batch.color = stderr_is_terminal();
    std::ios::sync_with_stdio(false);
    BatchSummary summary =
        advise_jsonl(program, loaded->policy, options.cases, batch, std::cout, std::cerr);
    std::cout.flush();
    spdlog::info("advised {} case(s), rejected {}", summary.advised, summary.rejected);
    return summary.rejected > 0 ? kExitInputRejected : kExitOk;
  }
  std::unique_ptr<service::AuditLog> audit;
  if (!options.audit.empty()) {
    try {
      std::string repair_note;
      // advise only appends: no receipt index, so a long log is not read whole.
      audit = service::AuditLog::open(options.audit, &repair_note, false);
      if (!repair_note.empty()) spdlog::warn("{}", repair_note);
    } catch (const std::exception& e) {
      std::cerr << "koers advise: " << e.what() << "\n";
      return kExitUnusable;
    }
  }
  int rc = kExitOk;
  // Who asked: the account that ran koers, on this machine.
  const service::Requester local_requester{local_account(), "local", random_hex(16)};
  bool first = true;
  for (const auto& path : options.cases) {
    Diagnostics diags;
    auto c = load_case_file(program.schema, path, diags);
    if (!c) {
      print_case_diagnostics(program.schema, diags, options.lang);
      spdlog::info("case file {} rejected with {} error(s)", path, diags.error_count());
      rc = kExitInputRejected;
      continue;
    }
    Date as_of = forced_as_of ? *forced_as_of : c->as_of.value_or(today_utc());
    Advice advice = evaluate(program, loaded->policy, *c, as_of);
    if (!advice.errors.empty()) {
      for (const auto& e : advice.errors) std::cerr << path << ": error[R501]: " << e << "\n";
      rc = kExitInputRejected;
      continue;
    }
    // Logs name a case by its id and hash, never by its content.
    spdlog::info("advised case {} (sha256 {}) as of {}", c->case_id, c->sha256.substr(0, 12),
                 advice.as_of);
    // The JSON is what is printed, or what the audit line hashes; text alone does not need it.
    const bool needs_json = audit || options.format == "json";
    const std::string json = needs_json ? render_json(program, advice) : std::string();
    if (audit) {
      // The advice is shown only once its audit line is on disk.
      std::string error;
      if (!audit->append(
              service::advice_audit_line(program, advice, json, "advise", &local_requester),
              error)) {
        std::cerr << "koers advise: " << error << "\n";
        return kExitUnusable;
      }
    }
    if (options.format == "json") {
      std::cout << json << "\n";
    } else {
      if (!first) std::cout << "\n" << std::string(72, '-') << "\n\n";
      std::cout << render_text(program, advice);
    }
    first = false;
  }
  std::cout.flush();
  return rc;
}

void add_advise(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AdviseOptions>();
  CLI::App* cmd = app.add_subcommand("advise", "Advice for one or more case files");
  add_rules_option(cmd, options->rules);
  cmd->add_option(
      "--policy", options->rules.policy,
      "Policy file (default: the one the rules name with `default policy`, else the rules' "
      "defaults)");
  cmd->add_option("--as-of", options->as_of,
                  "Advice date YYYY-MM-DD (default: the case's as_of, else today)");
  cmd->add_option("--format", options->format,
                  "Output: text (for people), json (JSON lines), or jsonl (JSON lines for many "
                  "cases: a file may hold a `---` stream of cases, a directory means its case "
                  "files)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  cmd->add_option("--jobs,-j", options->jobs,
                  "With --format jsonl: threads that load and evaluate cases (output stays in "
                  "input order)")
      ->check(CLI::Range(1, 256));
  cmd->add_option(
      "--audit", options->audit,
      "Append a line per advice to this audit log (JSON lines, README); not with jsonl");
  add_lang_option(cmd, options->lang);
  cmd->add_option("cases", options->cases, "Case files (YAML), or directories with --format jsonl")
      ->required();
  cmd->callback([options, &exit_code] { exit_code = run_advise(*options); });
}

}  // namespace koers::cli
