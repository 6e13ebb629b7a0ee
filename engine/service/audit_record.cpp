#include "service/audit_record.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "eval/evaluator.h"
#include "service/audit_log.h"
#include "util/sha256.h"

namespace koers::service {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void add_requester(Json& j, const Requester* requester) {
  if (requester == nullptr) return;
  j["actor"] = requester->actor;
  j["address"] = requester->address_class;
  j["request_id"] = requester->request_id;
}

}  // namespace

std::string advice_audit_line(const Program& program, const Advice& advice,
                              std::string_view advice_json, std::string_view origin,
                              const Requester* requester) {
  Json j;
  j["type"] = "advice";
  j["time"] = utc_timestamp();
  j["origin"] = origin;
  add_requester(j, requester);
  j["receipt"] = advice.receipt;
  j["case_id"] = advice.case_id;
  j["case_sha256"] = advice.case_sha256;
  j["as_of"] = advice.as_of;
  const Provenance& p = advice.provenance;
  j["engine_version"] = p.engine_version;
  j["rules_sha256"] = p.rules_sha256;
  j["policy"] = {{"id", p.policy_id}, {"version", p.policy_version}, {"sha256", p.policy_sha256}};
  Json decisions = Json::object();
  std::set<std::string> fired;
  for (const auto& d : advice.decisions) {
    decisions[d.name] = outcome_word(program, d);
    fired.insert(d.rules.begin(), d.rules.end());
  }
  j["decisions"] = decisions;
  Json recommendations = Json::array();
  for (const auto& r : advice.recommendations) {
    recommendations.push_back(r.id);
    fired.insert(r.rule);
  }
  j["rules_fired"] = fired;
  j["recommendations"] = recommendations;
  j["advice_sha256"] = "sha256:" + sha256_hex(advice_json);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string feedback_audit_line(const Feedback& feedback, const std::string& case_id,
                                const Requester* requester) {
  Json j;
  j["type"] = "feedback";
  j["time"] = utc_timestamp();
  add_requester(j, requester);
  j["receipt"] = feedback.receipt;
  j["case_id"] = case_id;
  j["verdict"] = feedback.verdict;
  if (!feedback.recommendation.empty()) {
    j["recommendation"] = feedback.recommendation;
  } else {
    j["decision"] = feedback.decision;
    j["advised"] = feedback.advised;
    j["value"] = feedback.value;
  }
  j["reason"] = feedback.reason;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string reload_audit_line(const ReloadRecord& reload, const Requester& requester) {
  Json j;
  j["type"] = "reload";
  j["time"] = utc_timestamp();
  add_requester(j, &requester);
  j["outcome"] = reload.taken ? "reloaded" : "refused";
  if (!reload.taken) j["refused_because"] = reload.refused_because;
  j["previous"] = {{"rules_sha256", reload.previous_rules_sha256},
                   {"policy_sha256", reload.previous_policy_sha256}};
  j["serving"] = {{"rules_sha256", reload.rules_sha256}, {"policy_sha256", reload.policy_sha256}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

AuditContents read_audit_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read audit log " + path);
  AuditContents contents;
  std::string text;
  size_t line_number = 0;
  // Per advice and feedback line, its SHA-256, until a `withheld` line names it (the writer
  // writes that line after the failed write, so it always comes later).
  std::map<std::string, size_t> line_of_hash;
  std::set<size_t> withheld;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    Json j = Json::parse(text, nullptr, false);
    const std::string type = j.is_object() ? text_of(j, "type") : std::string();
    if (type == "advice" || type == "feedback") line_of_hash[sha256_hex(text)] = line_number;
    if (type == "withheld") {
      if (j.contains("lines_sha256") && j["lines_sha256"].is_array()) {
        for (const auto& hash : j["lines_sha256"]) {
          if (!hash.is_string()) continue;
          if (auto it = line_of_hash.find(hash.get<std::string>()); it != line_of_hash.end()) {
            withheld.insert(it->second);
          }
        }
      }
      continue;
    }
    if (type == "advice") {
      AdviceRecord r;
      r.line = line_number;
      r.time = text_of(j, "time");
      r.origin = text_of(j, "origin");
      r.receipt = text_of(j, "receipt");
      r.case_id = text_of(j, "case_id");
      r.case_sha256 = text_of(j, "case_sha256");
      r.as_of = text_of(j, "as_of");
      r.engine_version = text_of(j, "engine_version");
      r.rules_sha256 = text_of(j, "rules_sha256");
      if (j.contains("policy") && j["policy"].is_object()) {
        r.policy_id = text_of(j["policy"], "id");
        r.policy_version = text_of(j["policy"], "version");
        r.policy_sha256 = text_of(j["policy"], "sha256");
      }
      r.advice_sha256 = text_of(j, "advice_sha256");
      if (j.contains("decisions") && j["decisions"].is_object()) {
        for (const auto& [name, value] : j["decisions"].items()) {
          if (value.is_string()) r.decisions[name] = value.get<std::string>();
        }
      }
      if (r.receipt.empty() || r.case_sha256.empty()) {
        contents.unreadable_lines.push_back(line_number);
      } else {
        contents.advice.push_back(std::move(r));
      }
    } else if (type == "feedback") {
      FeedbackRecord r;
      r.line = line_number;
      r.time = text_of(j, "time");
      r.case_id = text_of(j, "case_id");
      r.feedback = {text_of(j, "receipt"),       text_of(j, "verdict"), text_of(j, "decision"),
                    text_of(j, "advised"),       text_of(j, "value"),   text_of(j, "reason"),
                    text_of(j, "recommendation")};
      contents.feedback.push_back(std::move(r));
    } else if (type != "repair" && type != "reload") {
      contents.unreadable_lines.push_back(line_number);
    }
  }
  if (!withheld.empty()) {
    std::erase_if(contents.advice, [&](const AdviceRecord& r) { return withheld.count(r.line); });
    std::erase_if(contents.feedback,
                  [&](const FeedbackRecord& r) { return withheld.count(r.line); });
    contents.withheld_lines.assign(withheld.begin(), withheld.end());
  }
  return contents;
}

}  // namespace koers::service
