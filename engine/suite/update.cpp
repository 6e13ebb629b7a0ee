#include "suite/update.h"

#include <fmt/format.h>

#include "util/quote.h"

#include <algorithm>
#include <sstream>

namespace koers::suite {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

bool blank_or_comment(const std::string& line) {
  size_t i = line.find_first_not_of(' ');
  return i == std::string::npos || line[i] == '#';
}

std::string flow_list(const std::vector<std::string>& items, bool quote = false) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", " : "") + (quote ? double_quoted(items[i]) : items[i]);
  }
  return out + "]";
}

std::vector<std::string> scalars(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence()) {
    for (const auto& x : n) out.push_back(x.Scalar());
  }
  return out;
}

bool contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// One expectation key with its new value, as `key: value` or as `key:` and indented lines.
struct Entry {
  std::string key;
  std::string inline_value;                                 // when set: `key: value`
  std::vector<std::pair<std::string, std::string>> nested;  // else: `key:` then `  k: v` lines
  bool nested_flow = false;                                 // write the nested map as {k: v}
};

class Planner {
 public:
  Planner(const Actual& actual, std::vector<std::string>& not_updated)
      : actual_(actual), not_updated_(not_updated) {}

  std::optional<Entry> entry(const std::string& key, const YAML::Node& value) {
    Entry e;
    e.key = key;
    if (key == "error") return error(value, e);
    if (actual_.rejected) {
      not_updated_.push_back(
          fmt::format("`{}`: the case is now rejected ({}); fix the case, or expect that error",
                      key, actual_.error_codes.empty() ? "?" : actual_.error_codes.front()));
      return std::nullopt;
    }
    if (key == "decisions") {
      e.nested_flow = value.Style() == YAML::EmitterStyle::Flow;
      for (const auto& kv : value) {
        const std::string name = kv.first.Scalar();
        auto it = actual_.decisions.find(name);
        if (it == actual_.decisions.end()) {
          not_updated_.push_back(fmt::format("decision `{}` does not exist; left as it was", name));
          e.nested.emplace_back(name, YAML::Dump(kv.second));
        } else {
          e.nested.emplace_back(name, it->second);
        }
      }
      return e;
    }
    if (key == "recommendations") return recommendations(value, e);
    if (key == "missing") {
      e.inline_value = flow_list(actual_.missing);
      return e;
    }
    if (key == "because_contains") {
      for (const auto& s : scalars(value)) {
        if (actual_.advice_text.find(s) == std::string::npos) {
          not_updated_.push_back("the advice does not contain the text: " + s +
                                 " (texts are not rewritten; change or remove it by hand)");
        }
      }
      e.inline_value = flow_list(scalars(value), true);
      return e;
    }
    // A key the runner does not read: kept as it was.
    YAML::Emitter out;
    out << YAML::Flow << value;
    e.inline_value = out.c_str();
    return e;
  }

 private:
  const Actual& actual_;
  std::vector<std::string>& not_updated_;

  std::optional<Entry> error(const YAML::Node& value, Entry& e) {
    if (!actual_.rejected) {
      not_updated_.push_back(
          "`error`: the case is now accepted; replace `error` by the "
          "decisions you expect");
      return std::nullopt;
    }
    const std::string wanted = value.Scalar();
    e.inline_value = contains(actual_.error_codes, wanted) ? wanted : actual_.error_codes.front();
    return e;
  }

  std::optional<Entry> recommendations(const YAML::Node& value, Entry& e) {
    e.nested_flow = value.Style() == YAML::EmitterStyle::Flow;
    auto given = [&](const std::string& id) { return contains(actual_.recommendations, id); };
    std::vector<std::string> present;
    std::vector<std::string> absent;
    for (const auto& id : scalars(value["present"])) (given(id) ? present : absent).push_back(id);
    for (const auto& id : scalars(value["absent"])) {
      if (!contains(present, id) && !contains(absent, id))
        (given(id) ? present : absent).push_back(id);
    }
    for (const auto& kv : value) {
      const std::string k = kv.first.Scalar();
      if (k == "present" && !present.empty()) e.nested.emplace_back(k, flow_list(present));
      if (k == "absent" && !absent.empty()) e.nested.emplace_back(k, flow_list(absent));
      if (k == "order") {
        std::vector<std::string> order;
        for (const auto& id : actual_.recommendations) {
          if (contains(scalars(kv.second), id)) order.push_back(id);
        }
        if (!order.empty()) e.nested.emplace_back(k, flow_list(order));
      }
    }
    // An id moved from `present` to `absent` (or back) when the other list was not written.
    if (!value["present"] && !present.empty()) e.nested.emplace_back("present", flow_list(present));
    if (!value["absent"] && !absent.empty()) e.nested.emplace_back("absent", flow_list(absent));
    return e;
  }
};

std::string render_block(const std::vector<Entry>& entries, int column) {
  const std::string pad(static_cast<size_t>(column), ' ');
  std::string out;
  for (const auto& e : entries) {
    if (!e.inline_value.empty() || e.nested.empty()) {
      out += pad + e.key + ": " + (e.inline_value.empty() ? "{}" : e.inline_value) + "\n";
      continue;
    }
    if (e.nested_flow) {
      std::string flow;
      for (const auto& [k, v] : e.nested) flow += (flow.empty() ? "" : ", ") + k + ": " + v;
      out += pad + e.key + ": {" + flow + "}\n";
      continue;
    }
    out += pad + e.key + ":\n";
    for (const auto& [k, v] : e.nested) out += pad + "  " + k + ": " + v + "\n";
  }
  return out;
}

std::string render_flow(const std::vector<Entry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    std::string value = e.inline_value;
    if (value.empty()) {
      std::string nested;
      for (const auto& [k, v] : e.nested) nested += (nested.empty() ? "" : ", ") + k + ": " + v;
      value = "{" + nested + "}";
    }
    out += (out.empty() ? "" : ", ") + e.key + ": " + value;
  }
  return "{" + out + "}";
}

}  // namespace

std::optional<ExpectEdit> plan_expect_edit(const std::string& suite_text, const YAML::Node& expect,
                                           const Actual& actual, std::string& why) {
  if (!expect.IsMap()) {
    why = "`expect` is not a mapping";
    return std::nullopt;
  }
  ExpectEdit edit;
  Planner planner(actual, edit.not_updated);
  std::vector<Entry> entries;
  bool rewritten = false;
  for (const auto& kv : expect) {
    auto e = planner.entry(kv.first.Scalar(), kv.second);
    if (!e) {
      // Kept as written: the test keeps failing on it, with the reason in not_updated.
      Entry kept;
      kept.key = kv.first.Scalar();
      YAML::Emitter out;
      out << YAML::Flow << kv.second;
      kept.inline_value = out.c_str();
      entries.push_back(kept);
      continue;
    }
    entries.push_back(std::move(*e));
    rewritten = true;
  }
  if (!rewritten) {
    why = edit.not_updated.empty() ? "nothing to rewrite" : edit.not_updated.front();
    return std::nullopt;
  }
  const std::vector<std::string> lines = split_lines(suite_text);
  const int line = expect.Mark().line;
  const int column = expect.Mark().column;
  if (line < 0 || line >= static_cast<int>(lines.size())) {
    why = "cannot find the `expect` block in the file";
    return std::nullopt;
  }
  edit.first_line = line;
  edit.column = column;
  if (expect.Style() == YAML::EmitterStyle::Flow) {
    // Only a flow mapping that closes on its own line can be replaced in place.
    const std::string& l = lines[static_cast<size_t>(line)];
    int depth = 0;
    size_t end = std::string::npos;
    for (size_t i = static_cast<size_t>(column); i < l.size() && end == std::string::npos; ++i) {
      if (l[i] == '{') ++depth;
      if (l[i] == '}' && --depth == 0) end = i;
    }
    if (end == std::string::npos) {
      why = "the `expect` mapping spans several lines in flow style; write it as a block";
      return std::nullopt;
    }
    edit.flow = true;
    edit.last_line = line;
    edit.text = render_flow(entries) + l.substr(end + 1);
    return edit;
  }
  int last = line;
  for (int i = line + 1; i < static_cast<int>(lines.size()); ++i) {
    const std::string& l = lines[static_cast<size_t>(i)];
    if (blank_or_comment(l)) continue;
    if (static_cast<int>(l.find_first_not_of(' ')) < column) break;
    last = i;
  }
  edit.last_line = last;
  edit.text = render_block(entries, column);
  return edit;
}

std::string apply_expect_edits(const std::string& suite_text, std::vector<ExpectEdit> edits) {
  std::vector<std::string> lines = split_lines(suite_text);
  std::sort(edits.begin(), edits.end(),
            [](const ExpectEdit& a, const ExpectEdit& b) { return a.first_line > b.first_line; });
  for (const auto& e : edits) {
    auto first = lines.begin() + e.first_line;
    if (e.flow) {
      *first = first->substr(0, static_cast<size_t>(e.column)) + e.text;
      continue;
    }
    std::vector<std::string> replacement = split_lines(e.text);
    first = lines.erase(first, lines.begin() + e.last_line + 1);
    lines.insert(first, replacement.begin(), replacement.end());
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace koers::suite
