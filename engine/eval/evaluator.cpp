// The advice for one case: every decision settled (settle.h) with its explanation, the
// recommendations, the missing fields with the questions that ask for them, the sources cited.
// A rule's recommendations are given when it concludes and (if it sets a decision) it is the rule
// that settled it. Rules that only recommend are tried after all decisions.
#include "eval/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "data/case_loader.h"
#include "eval/case_fields_read.h"
#include "eval/charts.h"
#include "eval/context.h"
#include "eval/logic.h"
#include "eval/scalar_code.h"
#include "eval/settle.h"
#include "util/sha256.h"

namespace koers {

std::string engine_version() {
  return KOERS_VERSION;
}

namespace {

class Settler {
 public:
  Settler(const Program& program, EvalContext& cx, Advice& advice)
      : program_(program), cx_(cx), advice_(advice) {}

  void run() {
    std::vector<DecisionResult> results(program_.decisions.size());
    std::vector<uint8_t> settled(program_.decisions.size());
    if (program_.scalar_code) {  // rule conditions from the compact code (eval/scalar_code.h)
      runner_.emplace(*program_.scalar_code, cx_.params());
      runner_->reset(cx_, cx_.root(), program_.defines.size(), results, settled);
    }
    settle_.emplace(program_, cx_, runner_ ? &*runner_ : nullptr, program_.scalar_code.get(),
                    *this);
    for (int index : program_.decision_order) {
      results[static_cast<size_t>(index)] = settle(index);
      settled[static_cast<size_t>(index)] = 1;
      current_[static_cast<size_t>(index)] = &results[static_cast<size_t>(index)];
      cx_.set_decision(index, results[static_cast<size_t>(index)]);
    }
    for (int r : program_.recommendation_rules) {
      const CompiledRule& rule = program_.rules[static_cast<size_t>(r)];
      Value holds = settle_->rule_holds(static_cast<size_t>(r));
      if (logic::truth(holds) == logic::Truth::yes) {
        recommend(rule);
      } else if (holds.is_missing()) {
        // Fields an unknown decision already asks for are not asked again for each rule that
        // reads that decision; only what this rule needs beyond them is named for it.
        std::vector<std::string> own;
        for (const auto& f : holds.missing().fields) {
          if (!decision_fields_.count(f)) own.push_back(f);
        }
        note_missing(own, rule.id, "");
      }
    }
    advice_.decisions = std::move(results);
    finish_recommendations();
    finish_missing();
  }

  // ---- what settling a decision records (the probe of settle.h) ----------------------------

  void unknown(const CompiledDecision& dec, DecisionResult& r,
               std::span<const CompiledRule* const> rules) {
    // Fields another unknown decision lacks are named as they are; a decision itself is never
    // "missing" from a case. The first unknown rule needs them; the others are noted too.
    decision_fields_.insert(r.missing.begin(), r.missing.end());
    note_missing(r.missing, rules.empty() ? dec.name : rules.front()->id, r.note);
    for (size_t i = 1; i < rules.size(); ++i) note_missing(r.missing, rules[i]->id, "");
  }

  void requirement_failed(const CompiledDecision::Requirement& req, DecisionResult& r) {
    r.note = cx_.render(req.note);
  }

  void not_applicable(const CompiledDecision& dec, DecisionResult& r) {
    r.because = because(dec.not_applicable_because);
    for (int d : dec.applies_decisions) {
      const DecisionResult& other = advice_decision(d);
      for (const auto& b : other.because) r.because.push_back(b);
    }
  }

  void conflict(const CompiledDecision& dec, std::span<const Concluded> concluding,
                DecisionResult& r) {
    std::string ids;
    for (const auto& c : concluding) ids += (ids.empty() ? "" : ", ") + c.rule->id;
    advice_.errors.push_back(
        fmt::format("decision `{}` is settled `unique`, but {} rules conclude it: {}", dec.name,
                    concluding.size(), ids));
    r.note = std::string(program_.words().more_than_one_rule);
  }

  void no_rule_fits(const CompiledDecision&, size_t index, DecisionResult& r) {
    const std::set<std::string> deciding = fields_deciding(program_, static_cast<int>(index));
    r.deciding_fields.assign(deciding.begin(), deciding.end());
    r.note = std::string(program_.words().no_rule_fits);
  }

  void otherwise(const CompiledDecision& dec, DecisionResult& r) {
    r.because = because(dec.otherwise_because);
  }

  void concluded(std::span<const Concluded> concluding, DecisionResult& r) {
    for (const auto& c : concluding) {
      r.rules.push_back(c.rule->id);
      if (!c.rule->source.empty()) r.sources.push_back(c.rule->source);
      cite(c.rule->source);
      for (auto& b : because(c.rule->because)) r.because.push_back(std::move(b));
      recommend(*c.rule);
    }
  }

 private:
  const Program& program_;
  EvalContext& cx_;
  Advice& advice_;
  std::vector<RecommendationResult> recommendations_;
  std::map<std::string, std::pair<std::set<std::string>, std::string>> missing_;
  std::set<std::string> cited_;
  std::set<std::string> decision_fields_;  // fields some unknown decision is missing
  std::optional<ScalarRunner> runner_;
  std::optional<Settle<Settler>> settle_;

  Value condition(const CompiledRule& rule) {
    return settle_->rule_holds(static_cast<size_t>(&rule - program_.rules.data()));
  }

  std::vector<std::string> because(const std::vector<CompiledBecause>& list) {
    std::vector<std::string> out;
    for (const auto& b : list) {
      if (b.condition && logic::truth(cx_.eval(*b.condition)) != logic::Truth::yes) continue;
      out.push_back(cx_.render(b.text));
    }
    return out;
  }

  void note_missing(const std::vector<std::string>& fields, const std::string& needed_by,
                    const std::string& note) {
    for (const auto& f : fields) {
      auto& entry = missing_[f];
      entry.first.insert(needed_by);
      if (!note.empty() && entry.second.empty()) entry.second = note;
    }
  }

  void cite(const std::string& source) {
    if (!source.empty()) cited_.insert(source);
  }

  DecisionResult settle(int index) {
    const CompiledDecision& dec = program_.decisions[static_cast<size_t>(index)];
    DecisionResult r;
    r.name = dec.name;
    settle_->decision(static_cast<size_t>(index), r);
    if (r.status != DecisionResult::Status::not_applicable) {
      if (dec.show_candidates) add_candidates(dec, r);
      for (const auto& c : dec.conditions) {
        DecisionResult::Condition out;
        out.id = c.id;
        out.label = c.label;
        Value holds = cx_.eval(c.when);
        switch (logic::truth(holds)) {
          case logic::Truth::yes:
            out.status = "met";
            break;
          case logic::Truth::no:
            out.status = "not_met";
            break;
          case logic::Truth::unknown:
            out.status = "unknown";
            out.missing = holds.missing().fields;
            // Every field a condition shows as unknown is also asked for.
            note_missing(out.missing, dec.name, "");
            break;
        }
        out.because = because(c.because);
        r.conditions.push_back(std::move(out));
      }
    }
    return r;
  }

  // For each value of the enum: the reasons of the rules for it that hold, and for those that do
  // not hold their `against` texts; a value whose rule holds but lost to a rule of higher
  // priority says so.
  void add_candidates(const CompiledDecision& dec, DecisionResult& r) {
    const EnumDef& en = program_.schema.enums[static_cast<size_t>(dec.value_type.ref)];
    for (size_t m = 0; m < en.members.size(); ++m) {
      DecisionResult::Candidate cand;
      cand.value = en.members[m];
      for (int ri : dec.rules) {
        const CompiledRule& rule = program_.rules[static_cast<size_t>(ri)];
        const CExpr* value_expr = nullptr;
        for (const auto& c : rule.conclusions) {
          if (&program_.decisions[static_cast<size_t>(c.decision)] == &dec) value_expr = &c.value;
        }
        if (value_expr == nullptr || value_expr->op != Op::constant) continue;
        const auto* ev = std::get_if<EnumValue>(&value_expr->value.v);
        if (ev == nullptr || ev->index != static_cast<int>(m)) continue;
        Value holds = condition(rule);
        switch (logic::truth(holds)) {
          case logic::Truth::yes: {
            for (auto& b : because(rule.because)) cand.for_.push_back(std::move(b));
            bool won = std::find(r.rules.begin(), r.rules.end(), rule.id) != r.rules.end();
            if (!won && r.status == DecisionResult::Status::decided) {
              cand.against.push_back(
                  say(program_.words().takes_precedence, format_value(program_, r.value)));
            }
            break;
          }
          case logic::Truth::no:
            for (auto& b : because(rule.against)) cand.against.push_back(std::move(b));
            break;
          case logic::Truth::unknown:
            cand.against.push_back(not_yet_judged(holds.missing().fields));
            break;
        }
      }
      r.candidates.push_back(std::move(cand));
    }
  }

  const DecisionResult& advice_decision(int index) {
    // Settled decisions are stored by `run` before later ones are settled.
    static const DecisionResult empty;
    (void)index;
    return current_[static_cast<size_t>(index)] ? *current_[static_cast<size_t>(index)] : empty;
  }

  void recommend(const CompiledRule& rule) {
    for (const auto& rec : rule.recommendations) {
      RecommendationResult out;
      out.kind = rec.kind;
      out.id = rec.id;
      out.label = rec.label;
      out.rule = rule.id;
      out.text = cx_.render(rec.text);
      out.source = rule.source;
      out.because = because(rule.because);
      out.priority = rule.priority;
      cite(rule.source);
      recommendations_.push_back(std::move(out));
    }
  }

  void finish_recommendations() {
    // Kinds in the order the rule set declares them.
    auto rank = [&](const std::string& kind) { return program_.kind_rank(kind); };
    std::stable_sort(recommendations_.begin(), recommendations_.end(),
                     [&](const RecommendationResult& a, const RecommendationResult& b) {
                       if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
                       if (a.priority != b.priority) return a.priority > b.priority;
                       if (a.id != b.id) return a.id < b.id;
                       return a.rule < b.rule;
                     });
    // The same recommendation from two rules is given once, by the first in advice order.
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& r : recommendations_) {
      if (seen.insert({r.kind, r.id}).second) advice_.recommendations.push_back(std::move(r));
    }
  }

  // "Nog niet te beoordelen: eerst na te vragen: „Vraagt het gezin …?” en „…?”." A candidate's
  // fields need not be among the decision's missing ones, so they are asked here, by question.
  std::string not_yet_judged(const std::vector<std::string>& fields) const {
    std::vector<std::string> asked;
    for (const auto& field : fields) {
      const FieldDef* fd = program_.schema.field_at(field);
      const Messages& words = program_.words();
      std::string q = fd != nullptr && !fd->question.empty() ? say(words.quoted, fd->question)
                                                             : std::string(words.missing_data);
      if (std::find(asked.begin(), asked.end(), q) == asked.end()) asked.push_back(std::move(q));
    }
    std::string list;
    for (size_t i = 0; i < asked.size(); ++i) {
      if (i > 0) list += i + 1 == asked.size() ? program_.words().list_and : std::string_view(", ");
      list += asked[i];
    }
    return say(program_.words().not_yet_judged, list);
  }

  void finish_missing() {
    for (auto& [field, entry] : missing_) {
      MissingField m;
      m.field = field;
      m.needed_by.assign(entry.first.begin(), entry.first.end());
      m.note = entry.second;
      if (const FieldDef* fd = program_.schema.field_at(field)) m.question = fd->question;
      advice_.missing.push_back(std::move(m));
    }
    for (const auto& id : cited_) {
      if (const SourceInfo* s = program_.source(id)) {
        advice_.sources.push_back({s->id, s->title, s->url, s->kind});
      }
    }
  }

 public:
  std::vector<const DecisionResult*> current_;
};

}  // namespace

Advice evaluate(const Program& program, const Policy& policy, const Case& c, Date as_of) {
  // Nothing dated after as_of (the usual case: advice as of today): the case as it is, unwalked.
  // Entries dated after as_of are not used, and the advice says how many (never silently).
  size_t after_as_of = 0;
  RecordPtr visible = c.dated_until && *c.dated_until <= as_of
                          ? c.root
                          : root_as_of(program.schema, c.root, as_of, after_as_of);
  Advice advice;
  advice.entries_after_as_of = after_as_of;
  advice.lists_read_as_empty = c.lists_read_as_empty;
  advice.case_id = c.case_id;
  advice.file = c.file;
  advice.as_of = format_date(as_of);
  advice.case_sha256 = c.sha256;
  advice.provenance = Provenance{
      engine_version(), program.rules_sha256, policy.id, policy.version, policy.sha256, {}, {}};
  if (program.layers.size() > 1) {
    for (const auto& l : program.layers) advice.provenance.layers.push_back({l.name, l.sha256});
    for (const auto& o : program.overrides) {
      advice.provenance.overrides.push_back({o.rule, o.reason, o.layer, o.replaced_layer});
    }
  }
  advice.receipt = "sha256:" + sha256_hex(fmt::format("koers-receipt-1\n{}\n{}\n{}\n{}\n{}\n",
                                                      engine_version(), program.rules_sha256,
                                                      policy.sha256, c.sha256, advice.as_of));
  std::vector<Value> params = parameters_on(program, policy, as_of);
  advice.parameters.reserve(program.parameters_read.size());
  for (int index : program.parameters_read) {
    ParameterUsed used;
    used.parameter = index;
    used.value = params[static_cast<size_t>(index)];
    const PolicyValue* entry = policy.from_rule_defaults
                                   ? nullptr
                                   : value_in_force(policy, static_cast<size_t>(index), as_of);
    if (entry != nullptr) {
      used.origin = ParameterUsed::Origin::policy;
      used.valid_from = entry->valid_from;
    } else if (program.parameters[static_cast<size_t>(index)].default_value) {
      used.origin = ParameterUsed::Origin::rule_default;
    }
    advice.parameters.push_back(std::move(used));
  }
  // The context borrows the parameters, which the charts read afterwards too.
  EvalContext cx(program, *visible, params, as_of, /*shared_params=*/true);
  Settler settler(program, cx, advice);
  // The settler keeps pointers to settled decisions so `not_applicable` can quote their reasons.
  settler.current_.assign(program.decisions.size(), nullptr);
  settler.run();
  if (!program.charts.empty()) {
    advice.charts = evaluate_charts(program, *visible, params, as_of, advice.decisions);
  }
  return advice;
}

}  // namespace koers
