#include "lint/search_lint.h"

#include <fmt/format.h>

#include "util/quote.h"

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

#include "eval/evaluator.h"
#include "eval/explain.h"
#include "eval/logic.h"
#include "eval/settled_case.h"
#include "synth/search.h"

namespace koers::lint {

namespace {

using synth::CaseNode;
using synth::Found;

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out += pad + line + "\n";
  return out;
}

class SearchLint {
 public:
  SearchLint(const Program& program, const Policy& policy, const SearchOptions& options,
             const std::set<std::string>& disabled, Diagnostics& out,
             std::vector<Counterexample>& examples)
      : program_(program),
        policy_(policy),
        options_(options),
        disabled_(disabled),
        out_(out),
        examples_(examples),
        synth_(program, policy, options.as_of, options.seed),
        search_(program, policy, synth_) {
    for (const auto& text : options.seed_cases) {
      auto tree = synth_.tree_of_yaml(text);
      if (tree && synth_.load(*tree)) seeds_.push_back(std::move(*tree));
    }
  }

  SearchStats run() {
    for (const auto& d : program_.decisions) check_decision(d);
    for (int r : program_.recommendation_rules)
      check_reachable(program_.rules[static_cast<size_t>(r)]);
    return {static_cast<int>(seeds_.size()), dropped_};
  }

 private:
  const Program& program_;
  const Policy& policy_;
  const SearchOptions& options_;
  const std::set<std::string>& disabled_;
  Diagnostics& out_;
  std::vector<Counterexample>& examples_;
  synth::CaseSynth synth_;
  synth::Search search_;
  std::vector<CaseNode> seeds_;
  int dropped_ = 0;  // findings their own counterexample did not show

  Found find(const synth::Score& score) { return search_.run(score, options_.budget, seeds_); }

  bool on(const char* code) const { return !disabled_.count(code); }

  const CompiledRule& rule(int index) const { return program_.rules[static_cast<size_t>(index)]; }

  // The decision is applicable and its requirements are met (its rules get to speak).
  static double settles(SettledCase& sc, const CompiledDecision& d) {
    double sum = 0;
    int n = 0;
    if (d.applies_when) {
      sum += synth::closeness(sc, *d.applies_when, true);
      ++n;
    }
    for (const auto& r : d.requirements) {
      sum += synth::closeness(sc, r.condition, true);
      ++n;
    }
    return n == 0 ? 1.0 : sum / n;
  }

  // Both rules hold, and the decision lets its rules speak.
  static synth::Score both_hold(const CompiledRule& a, const CompiledRule& b,
                                const CompiledDecision& d) {
    return [&a, &b, &d](SettledCase& sc) {
      return (synth::rule_closeness(sc, a, true) + synth::rule_closeness(sc, b, true) +
              settles(sc, d)) /
             3.0;
    };
  }

  // The found case, made as small as the property allows and named after the finding.
  CaseNode named_case(const std::string& code, const std::string& subject, const CaseNode& tree,
                      const synth::Score* shrink_by) {
    CaseNode named = shrink_by ? search_.shrink(tree, *shrink_by) : tree;
    if (CaseNode* id = named.field("case_id")) {
      std::string slug = "lint-" + code + "-" + subject;
      for (char& ch : slug) {
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') ch = '-';
      }
      *id = CaseNode::of(slug.substr(0, 64));
    }
    return named;
  }

  // The counterexample read back as `koers test` reads it (the case file text through the case
  // loader, advised on its own date, else the one the suite file names) and evaluated by the real
  // evaluator; `shows` says whether the finding can be seen there. A finding its counterexample
  // does not show is dropped: the search's shortcut scores are never the last word.
  using Shows = std::function<bool(SettledCase&)>;
  bool confirmed(const CaseNode& named, const Shows& shows) {
    auto tree = synth_.tree_of_yaml(synth::to_yaml(named));
    auto loaded = tree ? synth_.load(*tree) : std::nullopt;
    if (!loaded) {
      ++dropped_;
      return false;
    }
    SettledCase sc(program_, policy_, *loaded, synth_.as_of_of(*loaded));
    if (shows(sc)) return true;
    ++dropped_;
    return false;
  }

  // A suite file with the found case and what the engine now advises for it.
  void add_example(const std::string& code, const std::string& subject, const std::string& why,
                   const CaseNode& named, const std::vector<std::string>& decisions,
                   const std::string& extra = {}) {
    auto loaded = synth_.load(named);
    if (!loaded) return;
    const Date as_of = synth_.as_of_of(*loaded);
    Advice advice = evaluate(program_, policy_, *loaded, as_of);
    std::string expect;
    for (const auto& name : decisions) {
      for (const auto& d : advice.decisions) {
        if (d.name == name)
          expect += (expect.empty() ? "" : ", ") + name + ": " + outcome_word(program_, d);
      }
    }
    std::string errors;
    for (const auto& e : advice.errors) errors += (errors.empty() ? "" : ", ") + double_quoted(e);
    // A case without its own date is advised on the search's: the test says so, or `koers test`
    // would advise it on the day it runs.
    const std::string test_as_of =
        loaded->as_of ? "" : fmt::format("    as_of: {}\n", format_date(as_of));
    std::string yaml = fmt::format(
        "# koers lint {}: {}\n"
        "# Generated by `koers lint --counterexamples`: the expectation is what the rules advise\n"
        "# now. Review it, fix the rules or the expectation, then add it to a suite.\n"
        "tests:\n  - name: \"{} {}\"\n{}    case:\n{}    expect:\n      decisions: {{{}}}\n{}",
        code, why, code, subject, test_as_of, indent(synth::to_yaml(named), "      "), expect,
        extra + (errors.empty() ? "" : "      evaluation_errors: [" + errors + "]\n"));
    examples_.push_back({code, subject, yaml});
  }

  static bool is_yes(const Value& v) { return logic::truth(v) == logic::Truth::yes; }

  static const DecisionResult* result_of(SettledCase& sc, const std::string& name) {
    for (const auto& d : sc.advice().decisions) {
      if (d.name == name) return &d;
    }
    return nullptr;
  }

  static bool settled_by(const DecisionResult* d, const std::string& rule_id) {
    return d && std::find(d->rules.begin(), d->rules.end(), rule_id) != d->rules.end();
  }

  void check_decision(const CompiledDecision& d) {
    for (size_t k = 0; k < d.rules.size(); ++k) {
      const CompiledRule& r = rule(d.rules[k]);
      if (d.settle == ast::SettleMode::first) {
        check_settles_first(d, k);
      } else {
        check_reachable(r);
      }
    }
    if (d.settle == ast::SettleMode::unique && on("L109")) check_overlaps(d);
    // A decision no rule concludes is L105 already.
    if (d.settle != ast::SettleMode::collect && !d.otherwise && !d.rules.empty() && on("L110")) {
      check_gap(d);
    }
    if (d.is_alert() && d.settle == ast::SettleMode::first && on("L111")) check_safety(d);
  }

  // L108: no case makes the rule hold.
  bool check_reachable(const CompiledRule& r) {
    const synth::Score fires = [&](SettledCase& sc) { return synth::rule_closeness(sc, r, true); };
    Found f = find(fires);
    if (f.score >= 1.0) return true;
    if (on("L108")) {
      // The closest case, with what the rule would give as absent: it still does not fire.
      CaseNode named = named_case("L108", r.id, f.tree, &fires);
      if (!confirmed(named, [&](SettledCase& sc) { return !is_yes(sc.holds(r)); })) return false;
      out_.warning("L108", r.span,
                   fmt::format("no case makes rule `{}` fire ({} cases tried); its conditions may "
                               "contradict each other",
                               r.id, f.tries),
                   "the counterexample is the closest case found: see which condition still fails");
      std::vector<std::string> decisions;
      for (const auto& c : r.conclusions) {
        decisions.push_back(program_.decisions[static_cast<size_t>(c.decision)].name);
      }
      std::string absent;
      for (const auto& rec : r.recommendations) absent += (absent.empty() ? "" : ", ") + rec.id;
      add_example("L108", r.id, "de regel gaat in geen enkele gevonden casus af (dichtstbijzijnde)",
                  named, decisions,
                  absent.empty() ? "" : "      recommendations: {absent: [" + absent + "]}\n");
    }
    return false;
  }

  // L107: under `first`, the rule holds in some case but never settles the decision.
  void check_settles_first(const CompiledDecision& d, size_t k) {
    const CompiledRule& r = rule(d.rules[k]);
    // After a rule that always holds, the plain lint already says this one is never tried.
    for (size_t h = 0; h < k; ++h) {
      const CompiledRule& higher = rule(d.rules[h]);
      const bool* always = higher.when ? std::get_if<bool>(&higher.when->value.v) : nullptr;
      if (higher.unless.empty() && always && higher.when->op == Op::constant && *always) return;
    }
    auto alone = [&](SettledCase& sc) {
      double sum = synth::rule_closeness(sc, r, true) * 2 + settles(sc, d) * 2;
      for (size_t h = 0; h < k; ++h) sum += synth::rule_closeness(sc, rule(d.rules[h]), false);
      return sum / static_cast<double>(k + 4);
    };
    Found f = find(alone);
    if (f.score >= 1.0) return;
    if (!check_reachable(r) || !on("L107")) return;
    const synth::Score holds_score = [&](SettledCase& sc) {
      return (synth::rule_closeness(sc, r, true) + settles(sc, d)) / 2.0;
    };
    Found holds = find(holds_score);
    if (holds.score < 1.0) return;
    CaseNode named = named_case("L107", r.id, holds.tree, &holds_score);
    const auto shows = [&](SettledCase& sc) {
      const DecisionResult* result = result_of(sc, d.name);
      return is_yes(sc.holds(r)) && result && result->status == DecisionResult::Status::decided &&
             !settled_by(result, r.id);
    };
    if (!confirmed(named, shows)) return;
    out_.warning("L107", r.span,
                 fmt::format("rule `{}` never settles `{}`: in every case found where it holds, a "
                             "rule of higher priority holds too ({} cases tried)",
                             r.id, d.name, f.tries + holds.tries),
                 "raise its priority, narrow the rule above it, or remove it");
    add_example("L107", r.id, "de regel geldt, maar een regel met hogere prioriteit beslist", named,
                {d.name});
  }

  // L109: two rules of a `unique` decision hold in one case.
  void check_overlaps(const CompiledDecision& d) {
    for (size_t a = 0; a < d.rules.size(); ++a) {
      for (size_t b = a + 1; b < d.rules.size(); ++b) {
        const CompiledRule& ra = rule(d.rules[a]);
        const CompiledRule& rb = rule(d.rules[b]);
        const synth::Score both = both_hold(ra, rb, d);
        Found f = find(both);
        if (f.score < 1.0) continue;
        CaseNode named = named_case("L109", ra.id + "+" + rb.id, f.tree, &both);
        const auto shows = [&](SettledCase& sc) {
          const DecisionResult* result = result_of(sc, d.name);
          return is_yes(sc.holds(ra)) && is_yes(sc.holds(rb)) && result &&
                 result->status != DecisionResult::Status::decided;
        };
        if (!confirmed(named, shows)) continue;
        out_.warning("L109", rb.span,
                     fmt::format("rules `{}` and `{}` both hold in some case, and `{}` is settled "
                                 "`unique`: such a case gets no advice for it (R501)",
                                 ra.id, rb.id, d.name),
                     "make the conditions exclusive, or settle the decision `first` by priority");
        add_example("L109", ra.id + "+" + rb.id,
                    fmt::format("{} en {} gelden allebei", ra.id, rb.id), named, {d.name});
      }
    }
  }

  // L110: every fact known, the decision applicable, and no rule concludes it.
  void check_gap(const CompiledDecision& d) {
    const synth::Score gap = [&](SettledCase& sc) {
      double sum = settles(sc, d) * 2;
      for (int r : d.rules) sum += synth::rule_closeness(sc, rule(r), false);
      return sum / static_cast<double>(d.rules.size() + 2);
    };
    Found f = find(gap);
    if (f.score < 1.0) return;
    CaseNode named = named_case("L110", d.name, f.tree, &gap);
    // Every fact it needs known, yet no rule concludes it: unknown with nothing left to ask.
    const auto shows = [&](SettledCase& sc) {
      const DecisionResult* result = result_of(sc, d.name);
      if (!result || result->status != DecisionResult::Status::unknown) return false;
      for (int r : d.rules) {
        if (sc.holds(rule(r)).is_missing()) return false;
      }
      return true;
    };
    if (!confirmed(named, shows)) return;
    out_.warning(
        "L110", d.span,
        fmt::format("decision `{}` has a gap: in some case with every fact it needs known, "
                    "no rule concludes it and it has no `otherwise`",
                    d.name),
        "add a rule or an `otherwise`, or declare the gap intended: "
        "`# koers-lint: allow L110 " +
            d.name + " \"reason\"`");
    add_example("L110", d.name, fmt::format("geen regel beslist `{}`", d.name), named, {d.name});
  }

  // L111: a higher-priority rule sets a milder safety level while a stricter rule holds too.
  // Safety levels are the enum's members, from mildest to strictest.
  void check_safety(const CompiledDecision& d) {
    auto level = [&](const CompiledRule& r) -> int {
      for (const auto& c : r.conclusions) {
        if (c.decision != program_.decision_index(d.name) || c.value.op != Op::constant) continue;
        // How loud the alert value is that the rule concludes (`alert ...`), calm lowest.
        int64_t at = -1;
        if (const EnumValue* e = std::get_if<EnumValue>(&c.value.value.v)) at = e->index;
        if (const bool* b = std::get_if<bool>(&c.value.value.v)) at = *b ? 1 : 0;
        if (at >= 0 && static_cast<size_t>(at) < d.alert_levels.size())
          return static_cast<int>(d.alert_levels[static_cast<size_t>(at)]);
      }
      return -1;
    };
    for (size_t h = 0; h < d.rules.size(); ++h) {
      for (size_t l = h + 1; l < d.rules.size(); ++l) {
        const CompiledRule& high = rule(d.rules[h]);
        const CompiledRule& low = rule(d.rules[l]);
        if (level(high) < 0 || level(low) <= level(high)) continue;
        const synth::Score both = both_hold(high, low, d);
        Found f = find(both);
        if (f.score < 1.0) continue;
        CaseNode named = named_case("L111", low.id, f.tree, &both);
        const auto shows = [&](SettledCase& sc) {
          const DecisionResult* result = result_of(sc, d.name);
          return is_yes(sc.holds(low)) && settled_by(result, high.id);
        };
        if (!confirmed(named, shows)) continue;
        out_.warning("L111", low.span,
                     fmt::format("alert rule `{}` is overridden: `{}` (priority {}) settles a "
                                 "milder level of `{}` in a case where both hold",
                                 low.id, high.id, high.priority, d.name),
                     "give the stricter alert rule the higher priority");
        add_example("L111", low.id, fmt::format("{} wint van het strengere {}", high.id, low.id),
                    named, {d.name});
      }
    }
  }
};

}  // namespace

SearchStats search_lint(const Program& program, const Policy& policy, const SearchOptions& options,
                        const std::set<std::string>& disabled, Diagnostics& out,
                        std::vector<Counterexample>& examples) {
  return SearchLint(program, policy, options, disabled, out, examples).run();
}

}  // namespace koers::lint
