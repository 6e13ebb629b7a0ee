// The advice as one JSON line (docs/advice-format.md), written straight into a string: in
// batch advice this runs once per case, so no JSON tree is built. Keys come in a fixed order.
#include "eval/evaluator.h"
#include "report/json_writer.h"
#include "report/render.h"

namespace koers {

namespace {

void value_json(JsonWriter& w, const Program& program, const Value& v) {
  struct Visitor {
    JsonWriter& w;
    const Program& program;
    void operator()(const Missing&) const { w.null(); }
    void operator()(const NoneValue&) const { w.null(); }
    void operator()(bool b) const { w.value(b); }
    void operator()(int64_t i) const { w.value(i); }
    void operator()(const std::string& s) const { w.value(s); }
    void operator()(Date d) const { w.value(format_date(d)); }
    void operator()(EnumValue e) const {
      w.value(program.schema.enums[static_cast<size_t>(e.enum_id)]
                  .members[static_cast<size_t>(e.index)]);
    }
    void operator()(const Duration& d) const { w.value(d.amount); }
    void operator()(const ListPtr& list) const {
      w.begin_array();
      for (const auto& item : *list) value_json(w, program, item);
      w.end_array();
    }
    void operator()(const RecordPtr&) const { w.null(); }
  };
  std::visit(Visitor{w, program}, v.v);
}

// One string as itself, none as null, several as a list, under the singular or plural key.
void one_or_many(JsonWriter& w, const char* one, const char* many,
                 const std::vector<std::string>& items) {
  if (items.size() == 1) {
    w.key(one);
    w.value(items.front());
  } else if (items.empty()) {
    w.key(one);
    w.null();
  } else {
    w.key(many);
    w.strings(items);
  }
}

void decision_json(JsonWriter& w, const Program& program, const DecisionResult& d) {
  w.begin_object();
  switch (d.status) {
    case DecisionResult::Status::decided:
      w.key("value");
      value_json(w, program, d.value);
      one_or_many(w, "rule", "rules", d.rules);
      one_or_many(w, "source", "sources", d.sources);
      w.key("because");
      w.strings(d.because);
      break;
    case DecisionResult::Status::unknown:
      w.key("value");
      w.null();
      w.key("status");
      w.value("unknown");
      w.key("missing");
      // Unknown for want of data names that data; unknown because no rule fits the known facts
      // names the facts its rules test, which would decide it.
      w.strings(d.missing.empty() ? d.deciding_fields : d.missing);
      if (auto possible = possible_members(program, d, false); !possible.empty()) {
        w.key("possible");  // the values it can still take, once the missing fields are known
        w.strings(possible);
      }
      if (!d.note.empty()) {
        w.key("note");
        w.value(d.note);
      }
      break;
    case DecisionResult::Status::not_applicable:
      w.key("value");
      w.null();
      w.key("status");
      w.value("not_applicable");
      w.key("because");
      w.strings(d.because);
      break;
  }
  if (!d.candidates.empty()) {
    w.key("candidates");
    w.begin_array();
    for (const auto& c : d.candidates) {
      w.begin_object();
      w.key("value");
      w.value(c.value);
      w.key("for");
      w.strings(c.for_);
      w.key("against");
      w.strings(c.against);
      w.end_object();
    }
    w.end_array();
  }
  if (!d.conditions.empty()) {
    w.key("conditions");
    w.begin_array();
    for (const auto& c : d.conditions) {
      w.begin_object();
      w.key("condition");
      w.value(c.id);
      w.key("label");
      w.value(c.label);
      w.key("status");
      w.value(c.status);
      w.key("because");
      w.strings(c.because);
      if (!c.missing.empty()) {
        w.key("missing");
        w.strings(c.missing);
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

void string_or_null(JsonWriter& w, const std::string& s) {
  if (s.empty()) {
    w.null();
  } else {
    w.value(s);
  }
}

}  // namespace

namespace {

void date_or_null(JsonWriter& w, const std::optional<Date>& d) {
  if (d) {
    w.value(format_date(*d));
  } else {
    w.null();
  }
}

// A chart as the reports draw it (docs/advice-format.md, "charts").
void chart_json(JsonWriter& w, const ChartResult& c) {
  w.begin_object();
  w.key("name");
  w.value(c.name);
  w.key("title");
  w.value(c.title);
  w.key("scale");
  w.begin_array();
  w.value(c.low);
  w.value(c.high);
  w.end_array();
  w.key("points");
  w.begin_array();
  for (const auto& p : c.points) {
    w.begin_object();
    w.key("date");
    w.value(format_date(p.date));
    w.key("value");
    w.value(p.value);
    w.end_object();
  }
  w.end_array();
  w.key("until");
  w.value(format_date(c.until));
  w.key("window_from");
  date_or_null(w, c.window_from);
  w.key("window_label");
  string_or_null(w, c.window_label);
  w.key("baseline");
  date_or_null(w, c.baseline);
  w.key("lines");
  w.begin_array();
  for (const auto& l : c.lines) {
    w.begin_object();
    w.key("label");
    w.value(l.label);
    w.key("value");
    w.value(l.value);
    w.end_object();
  }
  w.end_array();
  w.key("markers");
  w.begin_array();
  for (const auto& set : c.markers) {
    w.begin_object();
    w.key("label");
    w.value(set.label);
    w.key("marks");
    w.begin_array();
    for (const auto& m : set.marks) {
      w.begin_object();
      w.key("date");
      w.value(format_date(m.date));
      if (!m.text.empty()) {
        w.key("text");
        w.value(m.text);
      }
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("decision");
  string_or_null(w, c.decision);
  w.key("note");
  string_or_null(w, c.note);
  w.end_object();
}

}  // namespace

void append_json(std::string& out, const Program& program, const Advice& advice) {
  JsonWriter w(out);
  w.begin_object();
  w.key("koers");
  w.value(int64_t{1});
  w.key("case_id");
  w.value(advice.case_id);
  w.key("as_of");
  w.value(advice.as_of);
  if (advice.entries_after_as_of > 0) {  // dated after as_of, so not used: never silently
    w.key("entries_after_as_of");
    w.value(static_cast<int64_t>(advice.entries_after_as_of));
  }
  if (!advice.lists_read_as_empty.empty()) {  // format 1: absent lists read as none
    w.key("lists_read_as_empty");
    w.begin_array();
    for (const auto& path : advice.lists_read_as_empty) w.value(path);
    w.end_array();
  }
  w.key("receipt");
  w.value(advice.receipt);
  const Provenance& p = advice.provenance;
  w.key("provenance");
  w.begin_object();
  w.key("engine_version");
  w.value(p.engine_version);
  w.key("rules");
  w.begin_object();
  // The advice format has `path`; it names the rule set's role, never where it is kept, so the
  // advice is the same byte for byte from any checkout. The set itself is known by its sha256.
  w.key("path");
  w.value("rules");
  w.key("sha256");
  w.value(p.rules_sha256);
  if (!p.layers.empty()) {
    w.key("layers");
    w.begin_array();
    for (const auto& l : p.layers) {
      w.begin_object();
      w.key("name");
      w.value(l.name);
      w.key("sha256");
      w.value(l.sha256);
      w.end_object();
    }
    w.end_array();
    w.key("overrides");
    w.begin_array();
    for (const auto& o : p.overrides) {
      w.begin_object();
      w.key("rule");
      w.value(o.rule);
      w.key("layer");
      w.value(o.layer);
      w.key("replaces_layer");
      w.value(o.replaced_layer);
      w.key("reason");
      w.value(o.reason);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.key("policy");
  w.begin_object();
  w.key("id");
  w.value(p.policy_id);
  w.key("version");
  w.value(p.policy_version);
  w.key("sha256");
  w.value(p.policy_sha256);
  // The value of every parameter the rules read, as in force on the advice date: which settings
  // the advice was given under, and whether each came from the policy or the rules' default.
  w.key("parameters");
  w.begin_array();
  for (const auto& used : advice.parameters) {
    w.begin_object();
    w.key("id");
    w.value(program.parameters[static_cast<size_t>(used.parameter)].id);
    w.key("value");
    value_json(w, program, used.value);
    w.key("from");
    w.value(used.origin == ParameterUsed::Origin::policy         ? "policy"
            : used.origin == ParameterUsed::Origin::rule_default ? "default"
                                                                 : "none");
    if (used.valid_from) {
      w.key("valid_from");
      w.value(format_date(*used.valid_from));
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("case_sha256");
  w.value(advice.case_sha256);
  w.end_object();
  // Decisions in the order they build on each other (mpg before those that read it).
  w.key("decisions");
  w.begin_object();
  for (int index : program.decision_order) {
    const std::string& name = program.decisions[static_cast<size_t>(index)].name;
    for (const auto& d : advice.decisions) {
      if (d.name == name) {
        w.key(d.name);
        decision_json(w, program, d);
        break;
      }
    }
  }
  w.end_object();
  w.key("recommendations");
  w.begin_array();
  for (const auto& r : advice.recommendations) {
    w.begin_object();
    w.key("kind");
    w.value(r.kind);
    w.key("id");
    w.value(r.id);
    w.key("label");
    w.value(r.label);
    w.key("rule");
    w.value(r.rule);
    w.key("text");
    w.value(r.text);
    w.key("source");
    string_or_null(w, r.source);
    w.key("because");
    w.strings(r.because);
    w.end_object();
  }
  w.end_array();
  w.key("missing");
  w.begin_array();
  for (const auto& m : advice.missing) {
    w.begin_object();
    w.key("field");
    w.value(m.field);
    w.key("needed_by");
    w.strings(m.needed_by);
    if (!m.note.empty()) {
      w.key("note");
      w.value(m.note);
    }
    if (!m.question.empty()) {
      w.key("question");
      w.value(m.question);
    }
    w.end_object();
  }
  w.end_array();
  w.key("charts");
  w.begin_array();
  for (const auto& c : advice.charts) chart_json(w, c);
  w.end_array();
  w.key("sources");
  w.begin_object();
  for (const auto& s : advice.sources) {
    w.key(s.id);
    w.begin_object();
    w.key("title");
    w.value(s.title);
    w.key("url");
    string_or_null(w, s.url);
    w.key("kind");
    w.value(s.kind);
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

std::string render_json(const Program& program, const Advice& advice) {
  std::string out;
  out.reserve(2048);
  append_json(out, program, advice);
  return out;
}

}  // namespace koers
