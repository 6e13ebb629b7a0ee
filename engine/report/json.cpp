#include <nlohmann/json.hpp>

#include "eval/evaluator.h"
#include "report/render.h"

namespace koers {

using Json = nlohmann::ordered_json;

namespace {

Json value_json(const Program& program, const Value& v) {
  struct Visitor {
    const Program& program;
    Json operator()(const Missing&) const { return nullptr; }
    Json operator()(const NoneValue&) const { return nullptr; }
    Json operator()(bool b) const { return b; }
    Json operator()(int64_t i) const { return i; }
    Json operator()(const std::string& s) const { return s; }
    Json operator()(Date d) const { return format_date(d); }
    Json operator()(EnumValue e) const {
      return program.schema.enums[static_cast<size_t>(e.enum_id)]
          .members[static_cast<size_t>(e.index)];
    }
    Json operator()(const Duration& d) const { return d.amount; }
    Json operator()(const ListPtr& list) const {
      Json out = Json::array();
      for (const auto& item : *list) out.push_back(value_json(program, item));
      return out;
    }
    Json operator()(const RecordPtr&) const { return nullptr; }
  };
  return std::visit(Visitor{program}, v.v);
}

Json decision_json(const Program& program, const DecisionResult& d) {
  Json j;
  switch (d.status) {
    case DecisionResult::Status::decided:
      j["value"] = value_json(program, d.value);
      if (d.rules.size() == 1) {
        j["rule"] = d.rules.front();
      } else if (d.rules.empty()) {
        j["rule"] = nullptr;
      } else {
        j["rules"] = d.rules;
      }
      if (d.sources.size() == 1) {
        j["source"] = d.sources.front();
      } else if (d.sources.empty()) {
        j["source"] = nullptr;
      } else {
        j["sources"] = d.sources;
      }
      j["because"] = d.because;
      break;
    case DecisionResult::Status::unknown:
      j["value"] = nullptr;
      j["status"] = "unknown";
      j["missing"] = d.missing;
      if (!d.note.empty()) j["note"] = d.note;
      break;
    case DecisionResult::Status::not_applicable:
      j["value"] = nullptr;
      j["status"] = "not_applicable";
      j["because"] = d.because;
      break;
  }
  if (!d.candidates.empty()) {
    Json list = Json::array();
    for (const auto& c : d.candidates) {
      list.push_back({{"value", c.value}, {"for", c.for_}, {"against", c.against}});
    }
    j["candidates"] = list;
  }
  if (!d.conditions.empty()) {
    Json list = Json::array();
    for (const auto& c : d.conditions) {
      Json entry = {
          {"condition", c.id}, {"label", c.label}, {"status", c.status}, {"because", c.because}};
      if (!c.missing.empty()) entry["missing"] = c.missing;
      list.push_back(entry);
    }
    j["conditions"] = list;
  }
  return j;
}

}  // namespace

std::string render_json(const Program& program, const Advice& advice) {
  Json j;
  j["koers"] = 1;
  j["case_id"] = advice.case_id;
  j["as_of"] = advice.as_of;
  j["receipt"] = advice.receipt;
  const Provenance& p = advice.provenance;
  j["provenance"] = {
      {"engine_version", p.engine_version},
      {"rules", {{"path", p.rules_path}, {"sha256", p.rules_sha256}}},
      {"policy", {{"id", p.policy_id}, {"version", p.policy_version}, {"sha256", p.policy_sha256}}},
      {"case_sha256", advice.case_sha256}};
  Json decisions = Json::object();
  // Decisions in the order they build on each other (mpg before those that read it).
  for (int index : program.decision_order) {
    for (const auto& d : advice.decisions) {
      if (d.name == program.decisions[static_cast<size_t>(index)].name) {
        decisions[d.name] = decision_json(program, d);
      }
    }
  }
  j["decisions"] = decisions;
  Json recs = Json::array();
  for (const auto& r : advice.recommendations) {
    recs.push_back({{"kind", r.kind},
                    {"id", r.id},
                    {"rule", r.rule},
                    {"text", r.text},
                    {"source", r.source.empty() ? Json(nullptr) : Json(r.source)},
                    {"because", r.because}});
  }
  j["recommendations"] = recs;
  Json missing = Json::array();
  for (const auto& m : advice.missing) {
    Json entry = {{"field", m.field}, {"needed_by", m.needed_by}};
    if (!m.note.empty()) entry["note"] = m.note;
    if (!m.question.empty()) entry["question"] = m.question;
    missing.push_back(entry);
  }
  j["missing"] = missing;
  Json sources = Json::object();
  for (const auto& s : advice.sources) {
    sources[s.id] = {
        {"title", s.title}, {"url", s.url.empty() ? Json(nullptr) : Json(s.url)}, {"kind", s.kind}};
  }
  j["sources"] = sources;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace koers
