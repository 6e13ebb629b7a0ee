#include "synth/smallest_change.h"

#include <algorithm>
#include <set>

namespace koers::synth {

namespace {

using Kind = CaseNode::Kind;

std::string show(const CaseNode& n) {
  switch (n.kind) {
    case Kind::absent:
      return "niet ingevuld";
    case Kind::null:
      return "geen";
    case Kind::scalar:
      return n.scalar;
    case Kind::list: {
      std::string out = "[";
      for (size_t i = 0; i < n.items.size(); ++i) {
        out += (i ? ", " : "") + (n.items[i].kind == Kind::scalar ? n.items[i].scalar : "{…}");
      }
      return out + "]";
    }
    case Kind::map:
      return "{…}";
  }
  return "?";
}

// A record entry of a list, in one line: "{date: 2026-10-01, total: 31}".
std::string show_entry(const CaseNode& n) {
  if (n.kind != Kind::map) return show(n);
  std::string out;
  for (const auto& [k, v] : n.fields) {
    if (v.kind == Kind::absent || v.kind == Kind::list || v.kind == Kind::map) continue;
    out += (out.empty() ? "" : ", ") + k + ": " + show(v);
  }
  return "{" + out + "}";
}

void diff(const CaseNode& a, const CaseNode& b, const std::string& path,
          std::vector<FactChange>& out) {
  if (a.kind == Kind::map && b.kind == Kind::map) {
    for (const auto& [k, v] : b.fields) {
      const CaseNode* old = a.field(k);
      diff(old ? *old : CaseNode{}, v, path.empty() ? k : path + "." + k, out);
    }
    return;
  }
  if (a.kind == Kind::list && b.kind == Kind::list) {
    const bool scalars = std::all_of(b.items.begin(), b.items.end(),
                                     [](const CaseNode& n) { return n.kind == Kind::scalar; }) &&
                         std::all_of(a.items.begin(), a.items.end(),
                                     [](const CaseNode& n) { return n.kind == Kind::scalar; });
    if (scalars) {
      if (show(a) != show(b)) out.push_back({path, show(a), show(b)});
      return;
    }
    if (a.items.size() == b.items.size()) {
      for (size_t i = 0; i < a.items.size(); ++i) {
        diff(a.items[i], b.items[i], path + "[" + std::to_string(i + 1) + "]", out);
      }
      return;
    }
    // An entry added or removed: name it by its contents.
    std::multiset<std::string> before;
    std::multiset<std::string> after;
    for (const auto& i : a.items) before.insert(show_entry(i));
    for (const auto& i : b.items) after.insert(show_entry(i));
    for (const auto& e : after) {
      if (!before.count(e)) out.push_back({path, "", "erbij: " + e});
    }
    for (const auto& e : before) {
      if (!after.count(e)) out.push_back({path, e, "eraf"});
    }
    return;
  }
  if (a.kind == Kind::absent && b.kind == Kind::map) {
    // A record that was not there: its facts one by one.
    diff(CaseNode{Kind::map, {}, false, {}, {}}, b, path, out);
    return;
  }
  if (a.kind == Kind::map || b.kind == Kind::map) {
    if (a.kind == Kind::map && b.kind == Kind::map) return;
    out.push_back({path, a.kind == Kind::map ? show_entry(a) : show(a),
                   b.kind == Kind::map ? show_entry(b) : show(b)});
    return;
  }
  if (a.kind != b.kind || a.scalar != b.scalar) out.push_back({path, show(a), show(b)});
}

// The same change on another entry of a list ("problems[2].urgent" after "problems[1].urgent")
// is not another answer.
std::string shape_of(const std::vector<FactChange>& facts) {
  std::string k;
  for (const auto& f : facts) {
    bool in_index = false;
    for (char c : f.path) {
      if (c == '[') in_index = true;
      if (!in_index) k += c;
      if (c == ']') in_index = false;
    }
    k += ";";
  }
  return k;
}

std::string key_of(const std::vector<FactChange>& facts) {
  std::string k;
  for (const auto& f : facts) k += f.path + "=" + f.after + ";";
  return k;
}

}  // namespace

std::vector<FactChange> fact_differences(const CaseNode& before, const CaseNode& after) {
  std::vector<FactChange> out;
  diff(before, after, "", out);
  return out;
}

std::vector<SmallestChange> smallest_changes(const Program& program, const Policy& policy,
                                             CaseSynth& synth, const CaseNode& start,
                                             const Score& goal, const ChangeOptions& options) {
  Search scorer(program, policy, synth);
  std::vector<SmallestChange> found;
  std::set<std::string> seen_answers;
  std::vector<CaseNode> beam = {start};
  for (int round = 1; round <= options.max_facts && found.empty(); ++round) {
    std::vector<std::pair<double, CaseNode>> next;
    std::set<std::string> seen;
    for (const auto& base : beam) {
      for (auto& candidate : synth.neighbours(base)) {
        auto facts = fact_differences(start, candidate);
        if (facts.empty() || static_cast<int>(facts.size()) > options.max_facts) continue;
        if (!seen.insert(key_of(facts)).second) continue;
        double s = scorer.score_of(candidate, goal);
        if (s >= 1.0) {
          if (seen_answers.insert(shape_of(facts)).second) found.push_back({facts});
          continue;
        }
        next.emplace_back(s, std::move(candidate));
      }
    }
    std::stable_sort(next.begin(), next.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    beam.clear();
    for (size_t i = 0; i < next.size() && static_cast<int>(i) < options.beam; ++i) {
      beam.push_back(std::move(next[i].second));
    }
  }
  // Fewest facts first, then in a fixed order.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.facts.size() < b.facts.size(); });
  if (static_cast<int>(found.size()) > options.alternatives) {
    found.resize(static_cast<size_t>(options.alternatives));
  }
  return found;
}

}  // namespace koers::synth
