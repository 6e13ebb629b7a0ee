#include "diff/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "eval/evaluator.h"

namespace koers::diff {

std::vector<Change> compare(const Program& before_program, const Advice& before,
                            const Program& after_program, const Advice& after) {
  std::vector<Change> out;
  std::map<std::string, const DecisionResult*> b;
  std::map<std::string, const DecisionResult*> a;
  for (const auto& d : before.decisions) b[d.name] = &d;
  for (const auto& d : after.decisions) a[d.name] = &d;
  std::set<std::string> names;
  for (const auto& [n, _] : b) names.insert(n);
  for (const auto& [n, _] : a) names.insert(n);
  for (const auto& name : names) {
    std::string bw = b.count(name) ? outcome_word(before_program, *b[name]) : "(no such decision)";
    std::string aw = a.count(name) ? outcome_word(after_program, *a[name]) : "(no such decision)";
    if (bw == aw) continue;
    Change c{after.case_id, after.file, "decision", name, bw, aw, {}};
    std::set<std::string> rules;
    if (b.count(name)) rules.insert(b[name]->rules.begin(), b[name]->rules.end());
    if (a.count(name)) rules.insert(a[name]->rules.begin(), a[name]->rules.end());
    c.rules.assign(rules.begin(), rules.end());
    out.push_back(std::move(c));
  }
  std::map<std::string, const RecommendationResult*> br;
  std::map<std::string, const RecommendationResult*> ar;
  for (const auto& r : before.recommendations) br[r.id] = &r;
  for (const auto& r : after.recommendations) ar[r.id] = &r;
  std::set<std::string> ids;
  for (const auto& [id, _] : br) ids.insert(id);
  for (const auto& [id, _] : ar) ids.insert(id);
  for (const auto& id : ids) {
    bool was = br.count(id) > 0;
    bool is = ar.count(id) > 0;
    if (was == is) continue;
    Change c{after.case_id,           after.file, "recommendation", id, was ? "given" : "absent",
             is ? "given" : "absent", {}};
    c.rules.push_back(was ? br[id]->rule : ar[id]->rule);
    out.push_back(std::move(c));
  }
  return out;
}

std::string rule_text(const CompiledRule& rule) {
  if (!rule.span.file) return {};
  const std::string& text = rule.span.file->text();
  // The declaration starts at the `rule` keyword on the id's line and ends at the brace that
  // closes it (braces inside texts and comments do not count).
  size_t line_start = 0;
  for (int l = 1; l < rule.span.line; ++l) line_start = text.find('\n', line_start) + 1;
  size_t start = text.find("rule", line_start);
  if (start == std::string::npos) return {};
  int depth = 0;
  bool in_text = false;
  bool in_comment = false;
  for (size_t i = start; i < text.size(); ++i) {
    char ch = text[i];
    if (in_comment) {
      in_comment = ch != '\n';
      continue;
    }
    if (in_text) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        in_text = false;
      }
      continue;
    }
    if (ch == '#') in_comment = true;
    if (ch == '"') in_text = true;
    if (ch == '{') ++depth;
    if (ch == '}' && --depth == 0) return text.substr(start, i - start + 1);
  }
  return text.substr(start);
}

}  // namespace koers::diff
