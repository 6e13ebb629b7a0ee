#include "suite/yaml_places.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace koers::suite {

Span span_of(const SourceFilePtr& file, const YAML::Node& node) {
  Span span;
  span.file = file;
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return span;  // line 0: the whole file
  span.line = mark.line + 1;
  // yaml-cpp counts bytes; a span counts characters (the caret lines up under UTF-8 text).
  const std::string_view line = file->line(span.line);
  int col = 1;
  for (size_t i = 0; i < line.size() && i < static_cast<size_t>(mark.column); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  span.col = col;
  if (node.IsScalar() && !node.Scalar().empty()) {
    span.length = static_cast<int>(node.Scalar().size());
  }
  return span;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& otherwise) {
  const std::string best = closest_match(word, candidates);
  return best.empty() ? otherwise : fmt::format("did you mean `{}`?", best);
}

void check_keys(const SourceFilePtr& file, const YAML::Node& map,
                const std::vector<std::string>& known, const std::string& what,
                Diagnostics& diags) {
  if (!map.IsMap()) return;
  std::set<std::string> seen;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "`" : ", `") + k + "`";
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      diags.error("S602", span_of(file, kv.first),
                  fmt::format("unknown key `{}` in {}: expected one of {}", key, what, list),
                  did_you_mean(key, known));
    } else if (!seen.insert(key).second) {
      diags.error("S602", span_of(file, kv.first),
                  fmt::format("`{}` is given twice in {}; only one would be checked", key, what),
                  "merge the two into one");
    }
  }
}

std::string node_kind(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsScalar()) return fmt::format("`{}`", node.Scalar());
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "something else";
}

}  // namespace koers::suite
