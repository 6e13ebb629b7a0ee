#include "report/advice_order.h"

#include <algorithm>
#include <set>

#include "data/case_errors_nl.h"
#include "eval/evaluator.h"
#include "value/date.h"

namespace koers {

namespace {

bool reads_decision(const Program& program, const CExpr& e, int decision,
                    std::set<int>& seen_defines) {
  if (e.op == Op::decision && e.slot == decision) return true;
  if (e.op == Op::define && seen_defines.insert(e.slot).second &&
      reads_decision(program, program.defines[static_cast<size_t>(e.slot)].value, decision,
                     seen_defines)) {
    return true;
  }
  for (const auto& a : e.args) {
    if (reads_decision(program, a, decision, seen_defines)) return true;
  }
  return e.filter && reads_decision(program, *e.filter, decision, seen_defines);
}

}  // namespace

std::string outcome_in_words(const Program& program, const DecisionResult& decision) {
  switch (decision.status) {
    case DecisionResult::Status::unknown:
      return std::string(program.words().unknown);
    case DecisionResult::Status::not_applicable:
      return std::string(program.words().not_applicable);
    case DecisionResult::Status::decided:
      break;
  }
  return format_value(program, decision.value);
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string word_list(const std::vector<std::string>& items, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? last : std::string_view(", ");
    out += items[i];
  }
  return out;
}

bool is_alert_decision(const Program& program, const std::string& name) {
  const int index = program.decision_index(name);
  return index >= 0 && program.decisions[static_cast<size_t>(index)].is_alert();
}

int alert_decision_index(const Program& program) {
  for (size_t i = 0; i < program.decisions.size(); ++i) {
    if (program.decisions[i].is_alert()) return static_cast<int>(i);
  }
  return -1;
}

std::string alert_class(const Program& program, const DecisionResult& decision) {
  if (decision.status == DecisionResult::Status::unknown) return "unknown";
  const int index = program.decision_index(decision.name);
  if (index < 0 || decision.status != DecisionResult::Status::decided) return "calm";
  const auto& levels = program.decisions[static_cast<size_t>(index)].alert_levels;
  int64_t at = -1;
  if (const auto* e = std::get_if<EnumValue>(&decision.value.v)) at = e->index;
  if (const auto* b = std::get_if<bool>(&decision.value.v)) at = *b ? 1 : 0;
  if (at < 0 || static_cast<size_t>(at) >= levels.size()) return "calm";
  return kAlertSeverityNames[static_cast<size_t>(levels[static_cast<size_t>(at)])];
}

bool is_urgent(const Program& program, const RecommendationResult& recommendation) {
  // Without an alert there is no banner to stand in: every recommendation is listed as usual.
  if (alert_decision_index(program) < 0) return false;
  if (const RecommendationKind* kind = program.kind(recommendation.kind); kind && kind->urgent)
    return true;
  for (const auto& rule : program.rules) {
    if (rule.id != recommendation.rule || !rule.when) continue;
    for (size_t d = 0; d < program.decisions.size(); ++d) {
      std::set<int> seen;
      if (program.decisions[d].is_alert() &&
          reads_decision(program, *rule.when, static_cast<int>(d), seen))
        return true;
    }
  }
  return false;
}

std::vector<const MissingField*> missing_in_advice_order(const Program& program,
                                                         const Advice& advice) {
  std::vector<const MissingField*> out;
  std::set<std::string> placed;
  auto place = [&](const std::vector<std::string>& fields) {
    for (const auto& field : fields) {
      if (!placed.insert(field).second) continue;
      for (const auto& m : advice.missing) {
        if (m.field == field) out.push_back(&m);
      }
    }
  };
  auto place_decision = [&](const DecisionResult& d) {
    place(d.missing);
    for (const auto& c : d.conditions) place(c.missing);
  };
  for (const auto& d : advice.decisions) {
    if (is_alert_decision(program, d.name)) place_decision(d);
  }
  for (int index : program.decision_order) {
    for (const auto& d : advice.decisions) {
      if (d.name == program.decisions[static_cast<size_t>(index)].name) place_decision(d);
    }
  }
  for (const auto& m : advice.missing) {
    if (placed.insert(m.field).second) out.push_back(&m);
  }
  return out;
}

std::vector<std::string> needed_for_labels(const Program& program,
                                           const std::vector<std::string>& needed_by) {
  // Ranked as the advice shows them: safety, the other decisions in their order, then the
  // recommendations (and rules that give neither) in the order named.
  std::vector<std::pair<size_t, std::string>> ranked;
  auto add = [&](size_t rank, const std::string& label) {
    if (label.empty()) return;
    for (const auto& r : ranked) {
      if (r.second == label) return;
    }
    ranked.emplace_back(rank, label);
  };
  auto add_decision = [&](int index) {
    const CompiledDecision& d = program.decisions[static_cast<size_t>(index)];
    size_t rank = 0;
    if (!d.is_alert()) {
      const auto at =
          std::find(program.decision_order.begin(), program.decision_order.end(), index);
      rank = 1 + static_cast<size_t>(at - program.decision_order.begin());
    }
    add(rank, d.title.empty() ? d.name : d.title);
  };
  const size_t later = program.decisions.size() + 2;
  for (const auto& name : needed_by) {
    if (const int index = program.decision_index(name); index >= 0) {
      add_decision(index);
      continue;
    }
    for (const auto& rule : program.rules) {
      if (rule.id != name) continue;
      for (const auto& c : rule.conclusions) {
        if (c.decision >= 0) add_decision(c.decision);
      }
      for (const auto& r : rule.recommendations) add(later, r.label);
      if (rule.conclusions.empty() && rule.recommendations.empty()) add(later, rule.title);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& r : ranked) out.push_back(std::move(r.second));
  return out;
}

std::vector<std::string> fields_in_words(const Program& program,
                                         const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    // By its place and title, as the case form shows it; else its question.
    std::string words = field_in_dutch(program.schema, path);
    if (words.empty()) {
      const FieldDef* field = program.schema.field_at(path);
      words = field != nullptr ? field->question : std::string();
    }
    words = words.empty() ? std::string(program.words().field_without_question)
                          : say(program.words().quoted, words);
    if (std::find(out.begin(), out.end(), words) == out.end()) out.push_back(words);
  }
  return out;
}

std::vector<OpenQuestion> open_questions_in_advice_order(const Program& program,
                                                         const Advice& advice) {
  std::vector<OpenQuestion> out;
  auto merge = [](std::vector<std::string>& into, const std::vector<std::string>& items) {
    for (const auto& item : items) {
      if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
    }
  };
  for (const MissingField* m : missing_in_advice_order(program, advice)) {
    auto same = std::find_if(out.begin(), out.end(), [&](const OpenQuestion& q) {
      return !m->question.empty() && q.question == m->question;  // same question, one entry
    });
    if (same == out.end()) {
      // A field the schema has no question for is asked by its title: "Wat is „Huidige hulp:
      // Gekozen strategie”?".
      std::string asked = m->question;
      if (asked.empty()) {
        const std::string title = field_in_dutch(program.schema, m->field);
        if (!title.empty()) asked = say(program.words().what_is, title);
      }
      out.push_back({asked, {}, {}, {}, {}});
      same = out.end() - 1;
    }
    same->fields.push_back(m->field);
    merge(same->needed_by, m->needed_by);
    merge(same->needed_for, needed_for_labels(program, m->needed_by));
    if (!m->note.empty()) merge(same->notes, {m->note});
  }
  return out;
}

std::vector<std::string> own_reasons(const Program& program, const Advice& advice,
                                     const DecisionResult& decision,
                                     std::vector<std::string>& see) {
  const int index = program.decision_index(decision.name);
  if (index < 0 || decision.status != DecisionResult::Status::not_applicable)
    return decision.because;
  std::set<std::string> repeated;
  for (int other : program.decisions[static_cast<size_t>(index)].applies_decisions) {
    const CompiledDecision& dec = program.decisions[static_cast<size_t>(other)];
    for (const auto& d : advice.decisions) {
      if (d.name != dec.name) continue;
      repeated.insert(d.because.begin(), d.because.end());
      if (!d.because.empty()) see.push_back(dec.name);
    }
  }
  std::vector<std::string> out;
  for (const auto& b : decision.because) {
    if (!repeated.count(b)) out.push_back(b);
  }
  return out;
}

std::string after_as_of_notice(const Program& program, const Advice& advice) {
  const size_t n = advice.entries_after_as_of;
  if (n == 0) return {};
  const auto as_of = parse_date(advice.as_of);
  const std::string day = as_of ? format_value(program, Value{*as_of}) : advice.as_of;
  const Messages& m = program.words();
  return say(n == 1 ? m.after_as_of_one : m.after_as_of_many, n, day);
}

std::string format_one_notice(const Program& program, const Advice& advice) {
  const size_t n = advice.lists_read_as_empty.size();
  if (n == 0) return {};
  const Messages& m = program.words();
  return say(n == 1 ? m.format_one_one : m.format_one_many, n);
}

std::vector<std::string> questions_for(const Program& program, const Advice& advice,
                                       const std::vector<std::string>& fields) {
  std::vector<std::string> out;
  for (const auto& field : fields) {
    std::string question(program.words().missing_data);
    for (const auto& m : advice.missing) {
      if (m.field == field && !m.question.empty()) question = m.question;
    }
    if (std::find(out.begin(), out.end(), question) == out.end()) out.push_back(question);
  }
  return out;
}

std::string open_questions(const Program& program, size_t count) {
  return say(count == 1 ? program.words().open_one : program.words().open_many, count);
}

size_t questions_open_for(const Program& program, const Advice& advice,
                          const DecisionResult& decision) {
  // Counted as the list shows them: fields asked by the same question are one entry.
  std::set<std::string> asked;
  for (const auto& m : advice.missing) {
    if (std::find(m.needed_by.begin(), m.needed_by.end(), decision.name) != m.needed_by.end()) {
      asked.insert(m.question.empty() ? m.field : m.question);
    }
  }
  return std::max(asked.size(), questions_for(program, advice, decision.missing).size());
}

}  // namespace koers
