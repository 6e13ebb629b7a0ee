#include "synth/search.h"

#include <algorithm>
#include <cmath>

#include "eval/logic.h"

namespace koers::synth {

namespace {

using logic::Truth;

// A number to measure how far apart two values are: integers, dates (days), durations.
std::optional<double> magnitude(const Value& v) {
  if (const int64_t* i = std::get_if<int64_t>(&v.v)) return static_cast<double>(*i);
  if (const Date* d = std::get_if<Date>(&v.v)) return static_cast<double>(d->days);
  if (const Duration* d = std::get_if<Duration>(&v.v)) {
    return static_cast<double>(d->amount) * (d->unit == Duration::Unit::months ? 30.0 : 1.0);
  }
  return std::nullopt;
}

constexpr double kUnknown = 0.3;  // better than certainly wrong, worse than nearly right

}  // namespace

double closeness(SettledCase& sc, const CExpr& e, bool want) {
  switch (e.op) {
    case Op::and_:
    case Op::or_: {
      // and, wanted true: every part must hold (mean); wanted false: one part failing is enough.
      const bool all_needed = (e.op == Op::and_) == want;
      double acc = all_needed ? 0.0 : -1.0;
      for (const auto& a : e.args) {
        double c = closeness(sc, a, want);
        acc = all_needed ? acc + c : std::max(acc, c);
      }
      return all_needed ? acc / static_cast<double>(std::max<size_t>(e.args.size(), 1)) : acc;
    }
    case Op::not_:
      return closeness(sc, e.args[0], !want);
    default:
      break;
  }
  const Truth t = logic::truth(sc.eval(e));
  if (t == Truth::unknown) return kUnknown;
  if ((t == Truth::yes) == want) return 1.0;
  if (is_comparison(e.op) && e.args.size() == 2) {
    auto a = magnitude(sc.eval(e.args[0]));
    auto b = magnitude(sc.eval(e.args[1]));
    if (a && b) return 0.9 / (2.0 + std::log1p(std::fabs(*a - *b)));
  }
  return 0.0;
}

double rule_closeness(SettledCase& sc, const CompiledRule& rule, bool want) {
  double when = rule.when ? closeness(sc, *rule.when, want) : (want ? 1.0 : 0.0);
  if (rule.unless.empty()) return when;
  if (want) {
    double sum = when;
    for (const auto& u : rule.unless) sum += closeness(sc, u, false);
    return sum / static_cast<double>(rule.unless.size() + 1);
  }
  double best = when;
  for (const auto& u : rule.unless) best = std::max(best, closeness(sc, u, true));
  return best;
}

double Search::score_of(const CaseNode& c, const Score& score) {
  auto loaded = synth_.load(c);
  if (!loaded) return 0.0;
  SettledCase sc(program_, policy_, *loaded, synth_.as_of_of(*loaded));
  return score(sc);
}

CaseNode Search::shrink(const CaseNode& c, const Score& score, int budget) {
  CaseNode current = c;
  const double floor = score_of(c, score);
  bool smaller = true;
  while (smaller && budget > 0) {
    smaller = false;
    for (auto& candidate : synth_.reductions(current)) {
      if (--budget < 0) break;
      if (score_of(candidate, score) >= floor) {
        current = std::move(candidate);
        smaller = true;
        break;
      }
    }
  }
  return current;
}

Found Search::run(const Score& score, int budget, const std::vector<CaseNode>& seeds) {
  Found best;
  best.score = -1;
  int tries = 0;
  // The seeds closest to the property first: a search from a realistic case that nearly has it
  // is far shorter than one from a random case.
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t i = 0; i < seeds.size() && tries < budget; ++i, ++tries) {
    ranked.emplace_back(score_of(seeds[i], score), i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (!ranked.empty() && ranked.front().first >= 1.0) {
    return {seeds[ranked.front().second], ranked.front().first, tries};
  }
  constexpr size_t kSeedStarts = 4;
  size_t next_seed = 0;
  constexpr int kClimb = 150;  // changes tried from one start before restarting
  while (tries < budget) {
    CaseNode current = next_seed < std::min(ranked.size(), kSeedStarts)
                           ? seeds[ranked[next_seed++].second]
                           : synth_.random_case();
    double current_score = score_of(current, score);
    ++tries;
    int since_better = 0;
    while (tries < budget && current_score < 1.0 && since_better < kClimb) {
      CaseNode candidate = synth_.mutate(current);
      double s = score_of(candidate, score);
      ++tries;
      ++since_better;
      if (s > current_score) since_better = 0;
      if (s >= current_score) {  // sideways moves too: plateaus are common
        current = std::move(candidate);
        current_score = s;
      }
    }
    if (current_score > best.score) {
      best.tree = current;
      best.score = current_score;
    }
    if (best.score >= 1.0) break;
  }
  best.tries = tries;
  return best;
}

}  // namespace koers::synth
