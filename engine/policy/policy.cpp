// Policy files (YAML, read with yaml-cpp: a policy is small and read once, so speed does not
// matter here and yaml-cpp's node API keeps this short).
//
// Codes: P401 cannot read / not YAML, P402 unknown parameter, P403 value of the wrong type,
// P404 parameter without a value, P405 unknown or missing key, P406 bad or repeated valid_from,
// P407 source not declared in the rules, P408 a key given twice in one mapping, P409 a value
// outside the parameter's declared range.
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "policy/policy.h"
#include "util/sha256.h"

namespace koers {

namespace {

Span span_at(const SourceFilePtr& source, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return Span{source, 0, 0, 1};
  return Span{source, mark.line + 1, mark.column + 1, 1};
}

std::string yaml_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing (null)";
    default:
      return "`" + node.Scalar() + "`";
  }
}

std::optional<Value> convert(const YAML::Node& node, const Type& type, const Schema& schema) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  switch (type.kind) {
    case TypeKind::boolean:
      if (text == "true") return Value{true};
      if (text == "false") return Value{false};
      return std::nullopt;
    case TypeKind::integer: {
      if (text.empty() || text.size() > 18) return std::nullopt;
      size_t start = text[0] == '-' ? 1 : 0;
      if (start == text.size() ||
          text.find_first_not_of("0123456789", start) != std::string::npos) {
        return std::nullopt;
      }
      return Value{static_cast<int64_t>(std::stoll(text))};
    }
    case TypeKind::text:
      return Value{text};
    case TypeKind::date:
      if (auto d = parse_date(text)) return Value{*d};
      return std::nullopt;
    case TypeKind::enumeration: {
      int index = schema.enums[static_cast<size_t>(type.ref)].index_of(text);
      if (index < 0) return std::nullopt;
      return Value{EnumValue{type.ref, index}};
    }
    default:
      return std::nullopt;
  }
}

class PolicyReader {
 public:
  PolicyReader(const Program& program, SourceFilePtr source, Diagnostics& diags)
      : program_(program), source_(std::move(source)), diags_(diags) {}

  std::optional<Policy> read() {
    YAML::Node root;
    try {
      root = YAML::Load(source_->text());
    } catch (const YAML::ParserException& e) {
      diags_.error("P401", Span{source_, e.mark.line + 1, e.mark.column + 1, 1},
                   "this is not valid YAML: " + e.msg);
      return std::nullopt;
    }
    if (!root.IsMap()) {
      diags_.error("P401", Span{source_, 1, 1, 1},
                   "a policy is a YAML mapping with `id`, `version` and `parameters`");
      return std::nullopt;
    }
    // yaml-cpp keeps both entries of a repeated key and `root[key]` finds the first: a parameter
    // given twice would silently take one of two values. Refused, as in case files.
    report_duplicate_keys(root, 0);
    Policy policy;
    policy.path = source_->path();
    policy.sha256 = sha256_hex(source_->text());
    policy.values.resize(program_.parameters.size());
    static const std::vector<std::string> top_keys = {"koers_policy", "id",          "version",
                                                      "title",        "description", "parameters"};
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (std::find(top_keys.begin(), top_keys.end(), key) == top_keys.end()) {
        unknown_key(kv.first, key, top_keys);
      }
    }
    if (auto v = root["koers_policy"]; !v || !v.IsScalar() || v.Scalar() != "1") {
      diags_.error("P405", v ? span_at(source_, v) : Span{source_, 1, 1, 1},
                   "a policy starts with `koers_policy: 1` (the format version)");
    }
    policy.id = required_text(root, "id");
    policy.version = required_text(root, "version");
    if (auto t = root["title"]; t && t.IsScalar()) policy.title = t.Scalar();
    const YAML::Node params = root["parameters"];
    if (!params || !params.IsMap()) {
      diags_.error("P405", Span{source_, 1, 1, 1},
                   "a policy needs `parameters:`, a mapping from parameter id to value");
    } else {
      for (const auto& kv : params) read_parameter(kv.first, kv.second, policy);
    }
    for (size_t i = 0; i < program_.parameters.size(); ++i) {
      auto& values = policy.values[i];
      std::sort(values.begin(), values.end(), [](const PolicyValue& a, const PolicyValue& b) {
        return a.valid_from.value_or(Date{INT32_MIN}) < b.valid_from.value_or(Date{INT32_MIN});
      });
      const ParameterInfo& info = program_.parameters[i];
      bool from_start = !values.empty() && !values.front().valid_from;
      if (!from_start && !info.default_value) {
        diags_.error(
            "P404", Span{source_, 1, 1, 1},
            values.empty()
                ? fmt::format("parameter `{}` has no value: the policy gives none and the rules "
                              "declare no default",
                              info.id)
                : fmt::format("parameter `{}` has no value before {}", info.id,
                              format_date(*values.front().valid_from)),
            "give it a value without `valid_from` in this policy, or a `default` in the rules");
      }
    }
    if (diags_.has_errors()) return std::nullopt;
    return policy;
  }

 private:
  const Program& program_;
  SourceFilePtr source_;
  Diagnostics& diags_;

  void report_duplicate_keys(const YAML::Node& node, int depth) {
    if (depth > 64) return;  // policies are shallow; yaml-cpp bounds the parse depth itself
    if (node.IsSequence()) {
      for (const auto& item : node) report_duplicate_keys(item, depth + 1);
      return;
    }
    if (!node.IsMap()) return;
    std::map<std::string, int> first_line;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const std::string key = kv.first.Scalar();
        const int line = kv.first.Mark().line + 1;
        if (auto [it, inserted] = first_line.emplace(key, line); !inserted) {
          diags_.error("P408", span_at(source_, kv.first),
                       fmt::format("`{}` is given twice (first on line {})", key, it->second),
                       "keep one of the two: a repeated key would silently take one of its values");
        }
      }
      report_duplicate_keys(kv.second, depth + 1);
    }
  }

  void unknown_key(const YAML::Node& key_node, const std::string& key,
                   const std::vector<std::string>& known) {
    std::string hint = closest_match(key, known);
    diags_.error("P405", span_at(source_, key_node), fmt::format("unknown key `{}`", key),
                 hint.empty() ? "" : fmt::format("did you mean `{}`?", hint));
  }

  std::string required_text(const YAML::Node& root, const char* key) {
    YAML::Node node = root[key];
    if (!node || !node.IsScalar() || node.Scalar().empty()) {
      diags_.error("P405", Span{source_, 1, 1, 1}, fmt::format("the policy needs `{}:`", key));
      return {};
    }
    return node.Scalar();
  }

  void read_parameter(const YAML::Node& key_node, const YAML::Node& body, Policy& policy) {
    const std::string id = key_node.Scalar();
    int index = program_.parameter_index(id);
    if (index < 0) {
      std::vector<std::string> ids;
      for (const auto& p : program_.parameters) ids.push_back(p.id);
      std::string hint = closest_match(id, ids);
      diags_.error("P402", span_at(source_, key_node),
                   fmt::format("unknown parameter `{}`: the rules declare no such parameter", id),
                   hint.empty() ? "" : fmt::format("did you mean `{}`?", hint));
      return;
    }
    std::vector<YAML::Node> entries;
    if (body.IsSequence()) {
      for (const auto& e : body) entries.push_back(e);
    } else {
      entries.push_back(body);
    }
    std::set<int32_t> dates;
    bool has_start = false;
    for (const auto& entry : entries) {
      PolicyValue pv;
      // Not `value_node = entry["value"]` later: assigning to a yaml-cpp node that aliases
      // `entry` would overwrite `entry` itself.
      YAML::Node value_node = entry.IsMap() ? entry["value"] : entry;
      if (entry.IsMap()) {
        static const std::vector<std::string> keys = {"value", "valid_from", "source", "note",
                                                      "unit"};
        for (const auto& kv : entry) {
          const std::string key = kv.first.Scalar();
          if (std::find(keys.begin(), keys.end(), key) == keys.end())
            unknown_key(kv.first, key, keys);
        }
        if (!value_node) {
          diags_.error("P405", span_at(source_, entry),
                       fmt::format("parameter `{}`: `value:` is missing", id));
          continue;
        }
        if (auto from = entry["valid_from"]) {
          auto date = from.IsScalar() ? parse_date(from.Scalar()) : std::nullopt;
          if (!date) {
            diags_.error(
                "P406", span_at(source_, from),
                fmt::format("parameter `{}`: `valid_from` must be a date (YYYY-MM-DD), found {}",
                            id, yaml_kind(from)));
            continue;
          }
          if (!dates.insert(date->days).second) {
            diags_.error(
                "P406", span_at(source_, from),
                fmt::format("parameter `{}` has two values from {}", id, format_date(*date)));
            continue;
          }
          pv.valid_from = date;
        }
        if (auto source = entry["source"]; source && source.IsScalar()) {
          pv.source = source.Scalar();
          if (program_.source(pv.source) == nullptr) {
            diags_.error("P407", span_at(source_, source),
                         fmt::format("source `{}` is not declared in the rules", pv.source));
          }
        }
        if (auto note = entry["note"]; note && note.IsScalar()) pv.note = note.Scalar();
      }
      if (!pv.valid_from) {
        if (has_start) {
          diags_.error("P406", span_at(source_, value_node),
                       fmt::format("parameter `{}` has two values without `valid_from`", id));
          continue;
        }
        has_start = true;
      }
      const ParameterInfo& info = program_.parameters[static_cast<size_t>(index)];
      auto value = convert(value_node, info.type, program_.schema);
      if (!value) {
        diags_.error("P403", span_at(source_, value_node),
                     fmt::format("parameter `{}` is {}, found {}", id,
                                 program_.schema.type_name(info.type), yaml_kind(value_node)));
        continue;
      }
      if (info.range && std::holds_alternative<int64_t>(value->v)) {
        const auto [lo, hi] = *info.range;
        if (const int64_t v = value->as_int(); v < lo || v > hi) {
          diags_.error("P409", span_at(source_, value_node),
                       fmt::format("parameter `{}` is {}{}, outside its range {}..{}", id, v,
                                   info.unit.empty() ? "" : " " + info.unit, lo, hi),
                       "the rules allow " + std::to_string(lo) + " to " + std::to_string(hi) +
                           (info.unit.empty() ? "" : " " + info.unit) +
                           "; a value outside that is most likely a typing error");
          continue;
        }
      }
      if (pv.source.empty()) pv.source = info.source;
      pv.value = std::move(*value);
      policy.values[static_cast<size_t>(index)].push_back(std::move(pv));
    }
  }
};

}  // namespace

std::optional<Policy> load_policy(const Program& program, const SourceFilePtr& source,
                                  Diagnostics& diags) {
  PolicyReader reader(program, source, diags);
  try {
    return reader.read();
  } catch (const YAML::Exception& e) {
    // A shape the reader did not foresee: still a diagnostic, never a crash.
    diags.error("P401", Span{source, e.mark.line + 1, e.mark.column + 1, 1},
                "this policy has an unexpected shape: " + e.msg);
    return std::nullopt;
  }
}

std::optional<Policy> load_policy_file(const Program& program, const std::string& path,
                                       Diagnostics& diags, const std::string& display_as) {
  const std::string& shown = display_as.empty() ? path : display_as;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.code = "P401";
    d.message = "cannot read this policy file";
    d.path_for_display = shown;
    diags.add(std::move(d));
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_policy(program, std::make_shared<SourceFile>(shown, buffer.str()), diags);
}

std::optional<Policy> default_policy(const Program& program, Diagnostics& diags) {
  Policy policy;
  policy.id = "defaults";
  policy.version = "rules";
  policy.path = "";
  policy.from_rule_defaults = true;
  policy.values.resize(program.parameters.size());
  std::string canonical;
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    const ParameterInfo& info = program.parameters[i];
    if (!info.default_value) {
      diags.error(
          "P404", info.span,
          fmt::format("parameter `{}` has no default and no policy gives it a value", info.id),
          "give it a `default` in the rules, or run with `--policy FILE`");
      continue;
    }
    policy.values[i].push_back(
        PolicyValue{std::nullopt, *info.default_value, info.source, info.note});
    canonical += info.id + "\n";
  }
  if (diags.has_errors()) return std::nullopt;
  policy.sha256 = sha256_hex("defaults of " + program.rules_sha256);
  return policy;
}

const PolicyValue* value_in_force(const Policy& policy, size_t parameter, Date as_of) {
  const PolicyValue* found = nullptr;
  for (const auto& v : policy.values[parameter]) {
    if (!v.valid_from || *v.valid_from <= as_of) found = &v;
  }
  return found;
}

std::vector<Value> parameters_on(const Program& program, const Policy& policy, Date as_of) {
  std::vector<Value> out;
  out.reserve(program.parameters.size());
  for (size_t i = 0; i < program.parameters.size(); ++i) {
    if (const PolicyValue* v = value_in_force(policy, i, as_of)) {
      out.push_back(v->value);
    } else if (program.parameters[i].default_value) {
      out.push_back(*program.parameters[i].default_value);
    } else {
      out.push_back(Value::missing_field("policy." + program.parameters[i].id));
    }
  }
  return out;
}

}  // namespace koers
