#include "synth/case_tree.h"

namespace koers::synth {

CaseNode* CaseNode::field(const std::string& name) {
  for (auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

const CaseNode* CaseNode::field(const std::string& name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

namespace {

bool has_present(const CaseNode& map) {
  for (const auto& f : map.fields) {
    if (f.second.kind != CaseNode::Kind::absent) return true;
  }
  return false;
}

bool all_scalars(const CaseNode& list) {
  for (const auto& i : list.items) {
    if (i.kind != CaseNode::Kind::scalar) return false;
  }
  return true;
}

void print_map(const CaseNode& map, const std::string& indent, bool first_inline, std::string& out);

std::string scalar_text(const CaseNode& v) {
  if (!v.quote) return v.scalar;
  std::string out = "\"";
  for (char c : v.scalar) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// `out` already holds "key:" (or "- " for a list item's map); writes the value after it.
void print_value(const CaseNode& v, const std::string& indent, std::string& out) {
  switch (v.kind) {
    case CaseNode::Kind::absent:
      return;
    case CaseNode::Kind::null:
      out += " null\n";
      return;
    case CaseNode::Kind::scalar:
      out += " " + scalar_text(v) + "\n";
      return;
    case CaseNode::Kind::map:
      if (!has_present(v)) {
        out += " {}\n";
        return;
      }
      out += "\n";
      print_map(v, indent + "  ", false, out);
      return;
    case CaseNode::Kind::list:
      if (all_scalars(v)) {
        out += " [";
        for (size_t i = 0; i < v.items.size(); ++i)
          out += (i ? ", " : "") + scalar_text(v.items[i]);
        out += "]\n";
        return;
      }
      out += "\n";
      for (const auto& item : v.items) {
        out += indent + "  -";
        if (item.kind == CaseNode::Kind::map && has_present(item)) {
          out += " ";
          print_map(item, indent + "    ", true, out);
        } else {
          print_value(item, indent + "  ", out);
        }
      }
      return;
  }
}

void print_map(const CaseNode& map, const std::string& indent, bool first_inline,
               std::string& out) {
  bool first = true;
  for (const auto& [k, v] : map.fields) {
    if (v.kind == CaseNode::Kind::absent) continue;
    if (!(first && first_inline)) out += indent;
    first = false;
    out += k + ":";
    print_value(v, indent, out);
  }
}

}  // namespace

std::string to_yaml(const CaseNode& root) {
  std::string out;
  print_map(root, "", false, out);
  return out;
}

}  // namespace koers::synth
