// The terminal text. The alert (the family's safety) comes first and an unknown alert is shown as
// loudly as a raised one: "unknown" must never read as "none".
#include <fmt/format.h>

#include <algorithm>

#include "eval/evaluator.h"
#include "report/advice_order.h"
#include "report/chart_render.h"
#include "report/render.h"

namespace koers {

namespace {

// ASCII letters in capitals, for the banner; other characters stay as they are.
std::string capitals(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

std::string title_of(const Program& program, const std::string& name) {
  int index = program.decision_index(name);
  if (index >= 0 && !program.decisions[static_cast<size_t>(index)].title.empty()) {
    return program.decisions[static_cast<size_t>(index)].title;
  }
  return name;
}

std::string source_line(const Advice& advice, const std::string& id) {
  for (const auto& s : advice.sources) {
    if (s.id == id) return s.url.empty() ? s.title : fmt::format("{} ({})", s.title, s.url);
  }
  return id;
}

class TextWriter {
 public:
  TextWriter(const Program& program, const Advice& advice, bool color)
      : program_(program), advice_(advice), color_(color), m_(program.words()) {}

  std::string write() {
    out_ += bold(say(m_.advice_for_on, advice_.case_id,
                     format_value(program_, Value{*parse_date(advice_.as_of)})));
    out_ += "\n\n";
    if (auto notice = after_as_of_notice(program_, advice_); !notice.empty()) {
      out_ += notice + "\n\n";
    }
    if (auto notice = format_one_notice(program_, advice_); !notice.empty())
      out_ += notice + "\n\n";
    for (const auto& d : advice_.decisions) {
      if (is_alert_decision(program_, d.name)) safety(d);
    }
    out_ += bold(std::string(m_.heading_decisions)) + "\n";
    // In the order they build on each other (mpg before strategy and progress, ...).
    for (int index : program_.decision_order) {
      for (const auto& d : advice_.decisions) {
        if (d.name == program_.decisions[static_cast<size_t>(index)].name &&
            !is_alert_decision(program_, d.name)) {
          decision(d);
          for (const auto& chart : advice_.charts) {
            if (chart.decision == d.name) out_ += chart_text(program_, chart);
          }
        }
      }
    }
    // Charts of no decision, or of an alert (whose banner stays short), after the decisions.
    for (const auto& chart : advice_.charts) {
      if (chart.decision.empty() || is_alert_decision(program_, chart.decision))
        out_ += chart_text(program_, chart);
    }
    bool heading = false;
    for (const auto& r : advice_.recommendations) {
      if (is_urgent(program_, r)) continue;  // in the safety banner already
      if (!heading) out_ += "\n" + bold(std::string(m_.heading_recommendations)) + "\n";
      heading = true;
      recommendation(r);
    }
    const std::vector<OpenQuestion> open = open_questions_in_advice_order(program_, advice_);
    if (!open.empty()) {
      out_ += "\n" + bold(std::string(m_.heading_open)) + "\n";
      for (const OpenQuestion& q : open) {
        out_ += "  - " + (q.question.empty() ? capitalized(m_.missing_data) : q.question);
        if (!q.needed_for.empty()) {
          out_ += " (" + say(m_.needed_for, word_list(q.needed_for, m_.list_and)) + ")";
        }
        out_ += "\n";
        for (const auto& note : q.notes) out_ += "      " + note + "\n";
      }
    }
    for (const auto& e : advice_.errors) out_ += "\n" + say(m_.error_line, e) + "\n";
    out_ += "\n" + say(m_.footer, advice_.provenance.engine_version) + "\n";
    technical(open);
    return out_;
  }

 private:
  // Everything a caseworker does not need to read but an auditor or maintainer does: the rules
  // behind each conclusion, the fields behind each open question, the hashes and the receipt.
  void technical(const std::vector<OpenQuestion>& open) {
    const Provenance& p = advice_.provenance;
    out_ += "\n" + bold(std::string(m_.heading_technical)) + "\n";
    out_ += fmt::format("  {}: {}, {} {}\n", m_.tech_case, advice_.case_id, m_.tech_as_of,
                        advice_.as_of);
    for (const auto& d : advice_.decisions) {
      out_ += fmt::format("  {} {} = {}", m_.tech_decision, d.name, outcome_word(program_, d));
      if (!d.rules.empty()) out_ += fmt::format(" ({} {})", m_.tech_rules, comma_list(d.rules));
      if (!d.deciding_fields.empty()) {
        out_ += fmt::format(" ({} {})", m_.tech_fields, comma_list(d.deciding_fields));
      }
      out_ += "\n";
    }
    for (const auto& r : advice_.recommendations) {
      out_ += fmt::format("  {} {} {} ({} {})\n", m_.tech_recommendation, r.kind, r.id,
                          m_.tech_rule, r.rule);
    }
    for (const auto& q : open) {
      out_ += fmt::format("  {}: {} ({} {})\n", m_.tech_missing, comma_list(q.fields), m_.tech_for,
                          comma_list(q.needed_by));
    }
    out_ += fmt::format(
        "  {} {}{}, {} {} {} (sha256 {})\n{}  {} {}\n", capitalized(m_.tech_rules_hash),
        p.rules_sha256.substr(0, 12), layers_text(p), m_.tech_policy, p.policy_id, p.policy_version,
        p.policy_sha256.substr(0, 12), overrides_text(p), m_.tech_receipt, advice_.receipt);
  }

  // " (lagen: rules 1a2b3c4d5e6f, gemeente 0f9e8d7c6b5a)" for a layered rule set.
  std::string layers_text(const Provenance& p) const {
    if (p.layers.empty()) return "";
    std::string out = fmt::format(" ({}: ", m_.tech_layers);
    for (size_t i = 0; i < p.layers.size(); ++i) {
      out += (i ? ", " : "") + p.layers[i].name + " " + p.layers[i].sha256.substr(0, 12);
    }
    return out + ")";
  }

  // The national rules an organisation replaced, each with its reason.
  std::string overrides_text(const Provenance& p) const {
    std::string out;
    for (const auto& o : p.overrides) {
      out += "  " + say(m_.tech_override, o.rule, o.replaced_layer, o.layer, o.reason) + "\n";
    }
    return out;
  }

  const Program& program_;
  const Advice& advice_;
  bool color_;
  const Messages& m_;
  std::string out_;

  std::string bold(const std::string& s) const { return color_ ? "\x1b[1m" + s + "\x1b[0m" : s; }
  std::string alarm(const std::string& s) const {
    return color_ ? "\x1b[1;41;97m" + s + "\x1b[0m" : s;
  }

  // "a, b of c": the values an unknown decision can still take.
  std::string either(const std::vector<std::string>& items) const {
    return word_list(items, m_.list_or);
  }

  // "      want: ..." and the like: a labelled line under a decision or recommendation.
  std::string labelled(std::string_view label, const std::string& text) const {
    return fmt::format("      {}: {}\n", label, text);
  }

  void reasons(const DecisionResult& d) {
    for (const auto& b : d.because) out_ += labelled(m_.because, b);
    for (const auto& s : d.sources) out_ += labelled(m_.source, source_line(advice_, s));
  }

  void safety(const DecisionResult& d) {
    std::string banner;
    const std::string title = title_of(program_, d.name);
    switch (d.status) {
      case DecisionResult::Status::unknown:
        banner = alarm(" " + capitals(title) + " " + std::string(m_.unknown_capitals) + " ") + " " +
                 capitalized(m_.cannot_determine) +
                 (d.missing.empty() ? ": " + d.note : ". " + std::string(m_.ask_first));
        for (const auto& q : questions_for(program_, advice_, d.missing))
          banner += "\n      - " + q;
        if (auto possible = possible_members(program_, d, true); !possible.empty()) {
          banner += "\n" + labelled(m_.still_possible, either(possible));
          banner.pop_back();  // the banner's own line end follows
        }
        break;
      case DecisionResult::Status::not_applicable:
        banner = title + ": " + std::string(m_.not_applicable);
        break;
      case DecisionResult::Status::decided: {
        std::string value = format_value(program_, d.value);
        // Any level the rules call louder than calm raises the banner.
        const bool raised = alert_class(program_, d) != "calm";
        banner = raised ? alarm(" " + capitals(title) + ": " + value + " ") : title + ": " + value;
        break;
      }
    }
    out_ += banner + "\n";
    reasons(d);
    // What to do now stands inside the banner, before anything else is read.
    bool heading = false;
    // Once, in the first alert's banner, when the rule set has more than one alert.
    const bool first_alert = program_.decision_index(d.name) == alert_decision_index(program_);
    for (const auto& r : advice_.recommendations) {
      if (!first_alert || !is_urgent(program_, r)) continue;
      if (!heading) out_ += "    " + bold(std::string(m_.heading_now) + ":") + "\n";
      heading = true;
      recommendation(r);
    }
    out_ += "\n";
  }

  void details(const DecisionResult& d) {
    int index = program_.decision_index(d.name);
    if (!d.candidates.empty() && index >= 0) {
      const CompiledDecision& dec = program_.decisions[static_cast<size_t>(index)];
      const EnumDef& en = program_.schema.enums[static_cast<size_t>(dec.value_type.ref)];
      out_ += fmt::format("      {}:\n", m_.weighing);
      for (const auto& c : d.candidates) {
        std::string label = en.labels[static_cast<size_t>(en.index_of(c.value))];
        out_ += fmt::format("        {}:\n", label.empty() ? c.value : label);
        for (const auto& f : c.for_) out_ += "          + " + f + "\n";
        for (const auto& a : c.against) out_ += "          - " + a + "\n";
        if (c.for_.empty() && c.against.empty()) {
          out_ += fmt::format("          {}\n", m_.nothing_for_or_against);
        }
      }
    }
    if (!d.conditions.empty()) {
      out_ += fmt::format("      {}:\n", m_.conditions);
      for (const auto& c : d.conditions) {
        const char* mark = c.status == "met" ? "[x]" : c.status == "not_met" ? "[ ]" : "[?]";
        out_ += fmt::format("        {} {}{}\n", mark, c.label,
                            c.missing.empty() ? "" : fmt::format(" ({})", m_.still_unknown_mark));
        for (const auto& b : c.because) out_ += "            " + b + "\n";
      }
    }
  }

  void decision(const DecisionResult& d) {
    const std::string title = title_of(program_, d.name);
    switch (d.status) {
      case DecisionResult::Status::decided:
        out_ += fmt::format("  {}: {}\n", title, format_value(program_, d.value));
        reasons(d);
        details(d);
        break;
      case DecisionResult::Status::unknown:
        out_ += fmt::format(
            "  {}: {}{}\n", title, m_.unknown,
            d.missing.empty()
                ? ""
                : fmt::format(" ({}, {} {})",
                              open_questions(program_, questions_open_for(program_, advice_, d)),
                              m_.see, say(m_.quoted, m_.heading_open)));
        if (auto possible = possible_members(program_, d, true); !possible.empty()) {
          out_ += labelled(m_.still_possible, either(possible));
        }
        if (!d.note.empty()) out_ += "      " + d.note + "\n";
        if (!d.deciding_fields.empty()) {
          out_ += labelled(m_.check_fields,
                           word_list(fields_in_words(program_, d.deciding_fields), m_.list_and));
        }
        details(d);
        break;
      case DecisionResult::Status::not_applicable:
        out_ += fmt::format("  {}: {}\n", title, m_.not_applicable);
        std::vector<std::string> see;
        for (const auto& b : own_reasons(program_, advice_, d, see))
          out_ += labelled(m_.because, b);
        for (const auto& name : see) out_ += labelled(m_.see, title_of(program_, name));
        break;
    }
  }

  void recommendation(const RecommendationResult& r) {
    const RecommendationKind* kind = program_.kind(r.kind);
    out_ += fmt::format("  [{}] {}\n      {}\n", kind ? kind->label : r.kind, r.label, r.text);
    for (const auto& b : r.because) out_ += labelled(m_.because, b);
    if (!r.source.empty()) out_ += labelled(m_.source, source_line(advice_, r.source));
  }
};

}  // namespace

std::string render_text(const Program& program, const Advice& advice, bool color) {
  return TextWriter(program, advice, color).write();
}

}  // namespace koers
