#include "service/advice_service.h"

#include <sys/stat.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "data/case_errors_nl.h"
#include "data/yaml_to_json.h"
#include "eval/evaluator.h"
#include "report/advice_order.h"
#include "report/render.h"
#include "report/timeline.h"
#include "schema/schema_json.h"
#include "service/audit_record.h"
#include "util/atomic_file.h"
#include "value/date.h"

namespace koers::service {

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr size_t kMaxReasonLength = 2000;

Response json_response(int status, const Json& body) {
  return {status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

Response error_response(int status, const std::string& error, const std::string& message) {
  return json_response(status, {{"error", error}, {"message", message}});
}

// Diagnostics as JSON: [{severity, code, message, file, line, col, hint, text}], `text` rendered
// with the source line and a caret, as on the terminal.
// With `schema`, each case-file error also carries its plain Dutch message (`message_nl`, and
// `text_nl` with place and caret) for the page.
Json diagnostics_array(const Diagnostics& diags, const Schema* schema = nullptr) {
  Json list = Json::array();
  for (const auto& d : diags.sorted()) {
    Json entry;
    entry["severity"] = d.severity == Severity::error     ? "error"
                        : d.severity == Severity::warning ? "warning"
                                                          : "note";
    entry["code"] = d.code;
    entry["message"] = d.message;
    entry["file"] = d.span.known() ? d.span.path() : d.path_for_display;
    entry["line"] = d.span.line;
    entry["col"] = d.span.col;
    if (!d.hint.empty()) entry["hint"] = d.hint;
    entry["text"] = render(d, false);
    if (schema != nullptr) {
      Diagnostic dutch = d;
      dutch.message = dutch_case_message(*schema, d);
      dutch.hint.clear();
      entry["message_nl"] = dutch.message;
      entry["text_nl"] = render(dutch, false);
    }
    list.push_back(entry);
  }
  return list;
}

// A file of the server as a client may see it: its name within `base` (the rule set's directory),
// else its name alone. Answers name no directory of the server.
std::string shown_path(const std::string& path, const std::string& base) {
  if (path.empty()) return path;
  const fs::path relative = fs::path(path).lexically_relative(base);
  if (!base.empty() && !relative.empty() && *relative.begin() != "..") return relative.string();
  fs::path name = fs::path(path).lexically_normal();
  if (!name.has_filename()) name = name.parent_path();  // a directory given as "rules/"
  return name.filename().string();
}

// The reload's diagnostics with every file shown by shown_path, in `file` and in the rendered text.
Json diagnostics_without_server_paths(const Diagnostics& diags, const std::string& base) {
  Json list = diagnostics_array(diags);
  for (auto& entry : list) {
    const std::string file = entry["file"].get<std::string>();
    if (file.empty()) continue;
    const std::string shown = shown_path(file, base);
    std::string text = entry["text"].get<std::string>();
    for (size_t at = text.find(file); at != std::string::npos; at = text.find(file, at)) {
      text.replace(at, file.size(), shown);
      at += shown.size();
    }
    entry["file"] = shown;
    entry["text"] = text;
  }
  return list;
}

// A value as JSON for GET /v1/rules: numbers and booleans as such, the rest in suite words.
Json value_json(const Program& program, const Value& v) {
  if (const int64_t* i = std::get_if<int64_t>(&v.v)) return *i;
  if (const bool* b = std::get_if<bool>(&v.v)) return *b;
  if (const Duration* d = std::get_if<Duration>(&v.v)) return d->amount;
  if (const Date* d = std::get_if<Date>(&v.v)) return format_date(*d);
  if (std::holds_alternative<Missing>(v.v) || std::holds_alternative<NoneValue>(v.v)) {
    return nullptr;
  }
  return value_word(program, v);
}

std::vector<std::string> decision_values(const Program& program, const CompiledDecision& d) {
  if (d.value_type.kind == TypeKind::boolean) return {"true", "false"};
  if (d.value_type.kind == TypeKind::enumeration) {
    return program.schema.enums[static_cast<size_t>(d.value_type.ref)].members;
  }
  return {};
}

std::string trim(std::string s) {
  const char* space = " \t";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

// The professional's value for `decision` in the words the advice uses (`[a, b]` for a collect
// decision, members in the enum's order), or "" when it is no value of the decision.
std::string normalise_value(const Program& program, const CompiledDecision& decision,
                            const std::string& value) {
  const std::vector<std::string> members = decision_values(program, decision);
  if (!decision.type.is_list()) {
    return std::find(members.begin(), members.end(), value) != members.end() ? value : "";
  }
  std::string inner = trim(value);
  if (inner.size() < 2 || inner.front() != '[' || inner.back() != ']') return "";
  inner = inner.substr(1, inner.size() - 2);
  std::vector<bool> chosen(members.size(), false);
  size_t start = 0;
  while (!trim(inner).empty() && start <= inner.size()) {
    size_t comma = inner.find(',', start);
    std::string item =
        trim(inner.substr(start, comma == std::string::npos ? comma : comma - start));
    auto it = std::find(members.begin(), members.end(), item);
    if (it == members.end()) return "";
    chosen[static_cast<size_t>(it - members.begin())] = true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (chosen[i]) out += (out.size() > 1 ? ", " : "") + members[i];
  }
  return out + "]";
}

}  // namespace

AdviceService::AdviceService(SnapshotLoader loader, ServiceOptions options)
    : loader_(std::move(loader)),
      options_(std::move(options)),
      compute_gate_(options_.compute_slots > 0 ? std::make_unique<FifoGate>(options_.compute_slots)
                                               : nullptr) {}

std::string AdviceService::unexpected_rules(const RuleSnapshot& loaded) const {
  std::string expected = options_.expect_rules_sha256;
  if (expected.starts_with("sha256:")) expected.erase(0, 7);
  for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (expected.empty() || loaded.program.rules_sha256 == expected) return {};
  return "the rule set has SHA-256 " + loaded.program.rules_sha256 +
         ", not the one expected by --expect-rules-hash (" + expected + ")";
}

bool AdviceService::load(Diagnostics& diags) {
  auto loaded = loader_(diags);
  if (!loaded) return false;
  if (std::string problem = unexpected_rules(*loaded); !problem.empty()) {
    diags.error("K002", {}, problem);
    return false;
  }
  loaded->loaded_at = utc_timestamp();
  snapshot_.store(std::make_shared<const RuleSnapshot>(std::move(*loaded)));
  return true;
}

Response AdviceService::advise(const std::string& body, const std::string& as_of_text,
                               AdviceFormat format, const Requester& requester) {
  std::optional<Date> forced_as_of;
  if (!as_of_text.empty()) {
    forced_as_of = parse_date(as_of_text);
    if (!forced_as_of) {
      return error_response(400, "bad_as_of", "as_of needs a date as YYYY-MM-DD");
    }
  }
  const SnapshotPtr snap = snapshot();  // this request's rules, whatever a reload does meanwhile
  std::optional<Case> c;
  std::optional<Advice> advice;
  std::string json;
  std::optional<Date> as_of;
  {
    // The CPU-bound part, a few requests at a time (see util/fifo_gate.h); the audit's fsync
    // below waits outside the gate.
    FifoGate::Pass pass(compute_gate_.get());
    Diagnostics diags;
    c = load_case(snap->program.schema, std::make_shared<SourceFile>("case", body), diags,
                  options_.case_limits);
    if (!c) {
      spdlog::info("case rejected with {} error(s)", diags.error_count());
      const size_t n = diags.error_count();
      // The plain Dutch explanations (message_nl, text_nl) only where the rule set's words are
      // Dutch: on a page in another language the technical English ones are shown instead.
      const bool dutch = snap->program.words().language == "nl";
      Json j = {
          {"error", "case_rejected"},
          {"message", "the case file has " + std::to_string(n) + (n == 1 ? " error" : " errors")},
          {"diagnostics", diagnostics_array(diags, dutch ? &snap->program.schema : nullptr)}};
      if (dutch) {
        j["message_nl"] =
            "Het casusbestand heeft " + std::to_string(n) + (n == 1 ? " fout." : " fouten.");
      }
      return json_response(422, j);
    }
    as_of = forced_as_of ? *forced_as_of : c->as_of.value_or(today_utc());
    advice = evaluate(snap->program, snap->policy, *c, *as_of);
    if (!advice->errors.empty()) {
      spdlog::warn("case {} (sha256 {}): {} conflicting decision(s)", c->case_id,
                   c->sha256.substr(0, 12), advice->errors.size());
      return json_response(422, {{"error", "advice_conflict"},
                                 {"message", "two rules concluded a unique decision (R501)"},
                                 {"errors", advice->errors}});
    }
    json = render_json(snap->program, *advice);
  }
  // The case is on disk before the audit line that names it, so every logged advice can be
  // replayed; when it cannot be kept, the advice is withheld like one that cannot be logged.
  if (!options_.record_dir.empty()) {
    if (std::string error = record_case(c->sha256, body); !error.empty()) {
      spdlog::error("advice for case {} withheld: the case cannot be recorded: {}", c->case_id,
                    error);
      return error_response(500, "record_failed", "the case could not be recorded");
    }
  }
  if (options_.audit != nullptr) {
    // No advice leaves the server unless its audit line is on disk.
    std::string error;
    if (!record_line(advice_audit_line(snap->program, *advice, json, "serve", &requester), error)) {
      spdlog::error("advice for case {} withheld: {}", c->case_id, error);
      return error_response(500, "audit_failed", "the advice could not be recorded: " + error);
    }
  }
  spdlog::info("advised case {} (sha256 {}) as of {}", c->case_id, c->sha256.substr(0, 12),
               advice->as_of);
  if (format == AdviceFormat::json) return {200, "application/json", json};
  FifoGate::Pass pass(compute_gate_.get());
  if (format == AdviceFormat::timeline) {
    return {200, "text/html; charset=utf-8",
            render_timeline_html(advice_timeline(snap->program, snap->policy, *c, *as_of))};
  }
  return {200, "text/html; charset=utf-8",
          format == AdviceFormat::print ? render_print_html(snap->program, *advice)
                                        : render_html(snap->program, *advice)};
}

std::string AdviceService::record_case(const std::string& case_sha256,
                                       const std::string& body) const {
  const fs::path target = fs::path(options_.record_dir) / (case_sha256 + ".yaml");
  struct stat st {};
  // Content-addressed: the same case is stored once. Only a complete file ever has this name
  // (it is renamed into place after its fsync).
  if (::lstat(target.c_str(), &st) == 0) {
    return S_ISREG(st.st_mode) ? std::string() : "its name is taken by something not a file";
  }
  // Family data: 0600, written whole or not at all, flushed with its directory entry.
  ReplaceOptions replace;
  replace.new_file_mode = 0600;
  auto written = replace_file_atomically(target, body, replace);
  return written.ok ? std::string() : written.error;
}

Response AdviceService::describe_schema() const {
  const auto snap = snapshot();
  const Schema& schema = snap->program.schema;
  std::vector<SchemaSeries> series;
  for (const auto& chart : snap->program.charts) {
    // The list's path by name, and its entry record's date and value fields.
    std::string list;
    const RecordDef* record = &schema.root_record();
    for (int slot : chart.list_path) {
      const FieldDef& field = record->fields[static_cast<size_t>(slot)];
      list += (list.empty() ? "" : ".") + field.name;
      const Type& type = field.type.is_list() ? *field.type.element : field.type;
      if (type.kind == TypeKind::record) record = &schema.records[static_cast<size_t>(type.ref)];
    }
    series.push_back({list, record->fields[static_cast<size_t>(chart.value_slot)].name,
                      record->fields[static_cast<size_t>(chart.date_slot)].name, chart.low,
                      chart.high});
  }
  return {200, "application/json", schema_json(schema, series)};
}

Response AdviceService::read_case(const std::string& body) {
  // CPU-bound on untrusted text: a few at a time, like advice, within a case file's limits.
  FifoGate::Pass pass(compute_gate_.get());
  YamlToJsonLimits limits;
  limits.max_depth = options_.case_limits.max_depth;
  limits.max_text_length = options_.case_limits.max_text_length;
  YamlToJsonResult read = yaml_to_json(body, limits);
  if (!read.json) {
    spdlog::info("case file for the form not readable ({} bytes)", body.size());
    return json_response(422, {{"error", "case_unreadable"},
                               {"message", read.error},
                               {"line", read.line},
                               {"column", read.column}});
  }
  return {200, "application/json", "{\"case\":" + *read.json + "}"};
}

Response AdviceService::describe_rules() const {
  const SnapshotPtr snap = snapshot();
  const Program& program = snap->program;
  const Policy& policy = snap->policy;
  Json j;
  j["engine_version"] = engine_version();
  j["loaded_at"] = snap->loaded_at;
  j["rules_sha256"] = program.rules_sha256;
  if (program.layers.size() > 1) {
    // The national rules and an organisation's layer: each by name and hash, and what it replaced.
    Json layers = Json::array();
    for (const auto& l : program.layers) layers.push_back({{"name", l.name}, {"sha256", l.sha256}});
    j["layers"] = layers;
    Json overrides = Json::array();
    for (const auto& o : program.overrides) {
      overrides.push_back({{"rule", o.rule},
                           {"layer", o.layer},
                           {"replaces_layer", o.replaced_layer},
                           {"reason", o.reason}});
    }
    j["overrides"] = overrides;
  }
  j["policy"] = {{"id", policy.id},
                 {"version", policy.version},
                 {"title", policy.title},
                 {"sha256", policy.sha256}};
  Json decisions = Json::array();
  for (const auto& d : program.decisions) {
    decisions.push_back({{"name", d.name},
                         {"title", d.title},
                         {"collect", d.type.is_list()},
                         {"values", decision_values(program, d)}});
  }
  j["decisions"] = decisions;
  Json rules = Json::array();
  for (const auto& r : program.rules) {
    Json concluded = Json::array();
    for (const auto& c : r.conclusions) {
      concluded.push_back(program.decisions[static_cast<size_t>(c.decision)].name);
    }
    Json entry = {{"id", r.id}, {"title", r.title}, {"source", r.source}};
    entry["decision"] = concluded.size() == 1 ? concluded[0] : Json(nullptr);
    if (concluded.size() > 1) entry["decisions"] = concluded;
    rules.push_back(entry);
  }
  j["rules"] = rules;
  Json sources = Json::array();
  for (const auto& s : program.sources) {
    sources.push_back({{"id", s.id},
                       {"title", s.title},
                       {"url", s.url.empty() ? Json(nullptr) : Json(s.url)},
                       {"kind", s.kind}});
  }
  j["sources"] = sources;
  Json parameters = Json::array();
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    const ParameterInfo& p = program.parameters[i];
    Json values = Json::array();
    if (i < policy.values.size()) {
      for (const auto& v : policy.values[i]) {
        values.push_back(
            {{"valid_from", v.valid_from ? Json(format_date(*v.valid_from)) : Json(nullptr)},
             {"value", value_json(program, v.value)},
             {"source", v.source}});
      }
    }
    parameters.push_back(
        {{"id", p.id},
         {"title", p.title},
         {"unit", p.unit},
         {"source", p.source},
         {"default", p.default_value ? value_json(program, *p.default_value) : Json(nullptr)},
         {"values", values}});
  }
  j["parameters"] = parameters;
  return json_response(200, j);
}

Response AdviceService::reload(const Requester& requester) {
  std::lock_guard lock(reload_mutex_);
  Diagnostics diags;
  auto loaded = loader_(diags);
  if (loaded) {
    if (std::string problem = unexpected_rules(*loaded); !problem.empty()) {
      diags.error("K002", {}, problem);
      loaded.reset();
    }
  }
  const SnapshotPtr old = snapshot();
  // A deployment that lost the safety rules (a missing veiligheid.koers) would serve advice that
  // never warns: the decision the running rules mark as their alert must stay.
  if (loaded && alert_decision_index(old->program) >= 0 &&
      alert_decision_index(loaded->program) < 0) {
    diags.error("K003", {},
                "the new rule set has no alert decision (`alert`), which the rules being served "
                "have; a rule set without its alert is not taken");
    loaded.reset();
  }
  ReloadRecord record;
  record.previous_rules_sha256 = old->program.rules_sha256;
  record.previous_policy_sha256 = old->policy.sha256;
  if (!loaded) {
    note_reload(false);
    spdlog::error("reload failed with {} error(s); still serving rules sha256 {}",
                  diags.error_count(), old->program.rules_sha256.substr(0, 12));
    for (const auto& d : diags.sorted()) spdlog::error("reload: {}", render_headline(d));
    record.refused_because = std::to_string(diags.error_count()) +
                             (diags.error_count() == 1 ? " error" : " errors") + ", first " +
                             (diags.sorted().empty() ? std::string("?") : diags.sorted()[0].code);
    record.rules_sha256 = old->program.rules_sha256;
    record.policy_sha256 = old->policy.sha256;
    audit_reload(record, requester);
    return json_response(
        422,
        {{"error", "reload_failed"},
         {"message",
          "the rules or policy cannot be used; the server keeps "
          "serving the rules it had"},
         {"serving",
          {{"rules_sha256", old->program.rules_sha256}, {"policy_sha256", old->policy.sha256}}},
         {"diagnostics", diagnostics_without_server_paths(diags, old->program.rules_path)}});
  }
  loaded->loaded_at = utc_timestamp();
  auto fresh = std::make_shared<const RuleSnapshot>(std::move(*loaded));
  // The audit line comes first: no advice from the new rules precedes the line that says who
  // put them there. A log that cannot be written refuses the reload.
  record.taken = true;
  record.rules_sha256 = fresh->program.rules_sha256;
  record.policy_sha256 = fresh->policy.sha256;
  if (!audit_reload(record, requester)) {
    note_reload(false);
    return error_response(500, "audit_failed",
                          "the reload could not be recorded; the server keeps serving the rules "
                          "it had");
  }
  snapshot_.store(fresh);
  note_reload(true);
  spdlog::info("reloaded: rules sha256 {} -> {}, policy sha256 {} -> {}",
               old->program.rules_sha256.substr(0, 12), fresh->program.rules_sha256.substr(0, 12),
               old->policy.sha256.substr(0, 12), fresh->policy.sha256.substr(0, 12));
  return json_response(
      200, {{"reloaded", true},
            {"previous",
             {{"rules_sha256", old->program.rules_sha256}, {"policy_sha256", old->policy.sha256}}},
            {"serving",
             {{"rules_sha256", fresh->program.rules_sha256},
              {"policy_id", fresh->policy.id},
              {"policy_version", fresh->policy.version},
              {"policy_sha256", fresh->policy.sha256}}}});
}

bool AdviceService::record_line(const std::string& line, std::string& error) {
  return options_.audit->append(line, error);
}

void AdviceService::note_reload(bool taken) {
  (taken ? reloads_taken_ : reloads_refused_).fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(health_mutex_);
  reload_failing_ = !taken;
}

AdviceService::Readiness AdviceService::readiness() const {
  Readiness r;
  std::string why;
  // The log itself knows whether its last write failed, and checks again whether a line could
  // be written now (service/audit_log.h): ready again by itself once there is room.
  const bool audit_ready = options_.audit == nullptr || options_.audit->ready(why);
  if (!audit_ready) r.problems.push_back("audit_unwritable");
  if (audit_ready != audit_was_ready_.exchange(audit_ready)) {
    if (audit_ready) {
      spdlog::info("ready again: the audit log can be written");
    } else {
      spdlog::warn("not ready: the audit log cannot be written: {}", why);
    }
  }
  std::lock_guard lock(health_mutex_);
  if (reload_failing_) r.problems.push_back("reload_failed");
  return r;
}

bool AdviceService::audit_reload(const ReloadRecord& record, const Requester& requester) {
  if (options_.audit == nullptr) return true;
  std::string error;
  if (record_line(reload_audit_line(record, requester), error)) return true;
  spdlog::error("reload not recorded in the audit log: {}", error);
  return false;
}

Response AdviceService::recommendation_feedback(Feedback f, const AdvisedCase& advised,
                                                const Requester& requester) {
  if (!f.decision.empty() || !f.value.empty()) {
    return error_response(422, "bad_feedback",
                          "feedback names a `decision` or a `recommendation`, not both; a "
                          "recommendation has no `value`");
  }
  if (std::find(advised.recommendations.begin(), advised.recommendations.end(), f.recommendation) ==
      advised.recommendations.end()) {
    return error_response(422, "bad_feedback",
                          "`recommendation` must name a recommendation of that advice");
  }
  if (f.verdict == "overridden" && f.reason.empty()) {
    return error_response(422, "bad_feedback", "not following a recommendation needs a `reason`");
  }
  std::string error;
  if (!record_line(feedback_audit_line(f, advised.case_id, &requester), error)) {
    spdlog::error("feedback on case {} not recorded: {}", advised.case_id, error);
    return error_response(500, "audit_failed", "the feedback could not be recorded: " + error);
  }
  spdlog::info("feedback on case {}: recommendation {} {}", advised.case_id, f.recommendation,
               f.verdict);
  return json_response(201, {{"recorded", true},
                             {"receipt", f.receipt},
                             {"recommendation", f.recommendation},
                             {"verdict", f.verdict}});
}

Response AdviceService::feedback(const std::string& body, const Requester& requester) {
  if (options_.audit == nullptr) {
    return error_response(503, "no_audit_log",
                          "feedback is recorded in the audit log; start the server with --audit");
  }
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_object()) return error_response(400, "bad_json", "the body must be a JSON object");
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Feedback f{text("receipt"), text("verdict"), text("decision"),      "",
             text("value"),   text("reason"),  text("recommendation")};
  if (f.receipt.empty()) return error_response(422, "bad_feedback", "`receipt` is required");
  if (f.verdict != "accepted" && f.verdict != "overridden") {
    return error_response(422, "bad_feedback", "`verdict` must be `accepted` or `overridden`");
  }
  if (f.reason.size() > kMaxReasonLength) {
    return error_response(422, "bad_feedback", "`reason` is longer than 2000 characters");
  }
  auto advised = options_.audit->find_receipt(f.receipt);
  if (!advised) {
    return error_response(404, "unknown_receipt",
                          "no advice with this receipt is in the audit log");
  }
  if (!f.recommendation.empty()) return recommendation_feedback(f, *advised, requester);
  auto decision = advised->decisions.find(f.decision);
  if (decision == advised->decisions.end()) {
    return error_response(422, "bad_feedback", "`decision` must name a decision of that advice");
  }
  f.advised = decision->second;
  const SnapshotPtr snap = snapshot();
  const int index = snap->program.decision_index(f.decision);
  if (f.verdict == "accepted") {
    if (!f.value.empty() && f.value != f.advised) {
      return error_response(422, "bad_feedback", "an accepted advice keeps the advised value");
    }
    f.value = f.advised;
  } else {
    const std::string value =
        index < 0 ? std::string()
                  : normalise_value(snap->program,
                                    snap->program.decisions[static_cast<size_t>(index)], f.value);
    if (value.empty()) {
      return error_response(422, "bad_feedback",
                            "`value` must be one of the values of that decision");
    }
    if (value == f.advised) {
      return error_response(422, "bad_feedback",
                            "an override needs a value other than the advised one");
    }
    if (f.reason.empty()) {
      return error_response(422, "bad_feedback", "an override needs a `reason`");
    }
    f.value = value;
  }
  std::string error;
  if (!record_line(feedback_audit_line(f, advised->case_id, &requester), error)) {
    spdlog::error("feedback on case {} not recorded: {}", advised->case_id, error);
    return error_response(500, "audit_failed", "the feedback could not be recorded: " + error);
  }
  spdlog::info("feedback on case {}: {} {}", advised->case_id, f.decision, f.verdict);
  return json_response(201, {{"recorded", true},
                             {"receipt", f.receipt},
                             {"case_id", advised->case_id},
                             {"decision", f.decision},
                             {"verdict", f.verdict},
                             {"advised", f.advised},
                             {"value", f.value}});
}

}  // namespace koers::service
