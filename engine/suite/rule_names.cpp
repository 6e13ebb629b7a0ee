#include "suite/rule_names.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "suite/yaml_places.h"

namespace koers::suite {

namespace {

// Every field path of a record, depth first: `family`, `family.children`, `family.children.age`.
void collect_paths(const Schema& schema, const RecordDef& record, const std::string& prefix,
                   int depth, std::set<std::string>& out) {
  if (depth > 8) return;  // records do not nest deeper; this only guards against a cycle
  for (const auto& f : record.fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    out.insert(path);
    const Type* t = f.type.is_list() ? f.type.element.get() : &f.type;
    if (t != nullptr && t->kind == TypeKind::record) {
      collect_paths(schema, schema.records[static_cast<size_t>(t->ref)], path, depth + 1, out);
    }
  }
}

// "help_history[0].lasting_effect" -> "help_history.lasting_effect"
std::string without_indexes(const std::string& path) {
  std::string out;
  bool in_index = false;
  for (char c : path) {
    if (c == '[') in_index = true;
    if (!in_index) out += c;
    if (c == ']') in_index = false;
  }
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "`" : ", `") + w + "`";
  return out;
}

}  // namespace

RuleNames::RuleNames(const std::vector<const Program*>& programs) {
  std::set<std::string> recs;
  std::set<std::string> paths;
  for (const Program* p : programs) {
    for (const auto& d : p->decisions) {
      if (decisions_.count(d.name)) continue;  // the first program's (the newer side's) wins
      Outcomes o;
      o.list = d.type.is_list();
      if (d.value_type.kind == TypeKind::boolean) {
        o.members = {"true", "false"};
      } else if (d.value_type.kind == TypeKind::enumeration) {
        o.members = p->schema.enums[static_cast<size_t>(d.value_type.ref)].members;
      }
      decisions_.emplace(d.name, std::move(o));
      decision_names_.push_back(d.name);
    }
    for (const auto& r : p->rules) {
      for (const auto& rec : r.recommendations) recs.insert(rec.id);
    }
    if (p->schema.root >= 0) collect_paths(p->schema, p->schema.root_record(), "", 0, paths);
  }
  std::sort(decision_names_.begin(), decision_names_.end());
  recommendations_.assign(recs.begin(), recs.end());
  field_paths_.assign(paths.begin(), paths.end());
}

void RuleNames::check_decision_value(const SourceFilePtr& file, const YAML::Node& name,
                                     const YAML::Node& value, Diagnostics& diags) const {
  const std::string decision = name.IsScalar() ? name.Scalar() : std::string("?");
  auto it = decisions_.find(decision);
  if (it == decisions_.end()) {
    diags.error("S603", span_of(file, name),
                fmt::format("unknown decision `{}`: the rules decide {}", decision,
                            joined(decision_names_)),
                did_you_mean(decision, decision_names_));
    return;
  }
  const Outcomes& o = it->second;
  std::vector<std::string> outcomes = o.members;
  outcomes.insert(outcomes.end(), {"unknown", "not_applicable"});
  auto check_member = [&](const YAML::Node& v, const std::vector<std::string>& allowed) {
    if (!v.IsScalar()) {
      diags.error(
          "S604", span_of(file, v.IsNull() ? name : v),
          fmt::format("expected a value of decision `{}`, found {}", decision, node_kind(v)),
          "one of " + joined(allowed));
      return;
    }
    if (std::find(allowed.begin(), allowed.end(), v.Scalar()) != allowed.end()) return;
    diags.error("S604", span_of(file, v),
                fmt::format("`{}` is not a value of decision `{}`: expected one of {}", v.Scalar(),
                            decision, joined(allowed)),
                did_you_mean(v.Scalar(), allowed));
  };
  if (!o.list) {
    check_member(value, outcomes);
    return;
  }
  // A `collect` decision: a list of members, or `unknown` / `not_applicable`.
  if (value.IsSequence()) {
    for (const auto& v : value) check_member(v, o.members);
  } else if (value.IsScalar() &&
             (value.Scalar() == "unknown" || value.Scalar() == "not_applicable")) {
    return;
  } else {
    diags.error("S604", span_of(file, value.IsNull() ? name : value),
                fmt::format("decision `{}` collects a list: expected [a, b], `unknown` or "
                            "`not_applicable`, found {}",
                            decision, node_kind(value)),
                "its members are " + joined(o.members));
  }
}

void RuleNames::check_recommendation(const SourceFilePtr& file, const YAML::Node& id,
                                     Diagnostics& diags) const {
  if (!id.IsScalar()) {
    diags.error("S605", span_of(file, id),
                fmt::format("expected a recommendation id, found {}", node_kind(id)));
    return;
  }
  if (std::binary_search(recommendations_.begin(), recommendations_.end(), id.Scalar())) return;
  diags.error("S605", span_of(file, id),
              fmt::format("unknown recommendation `{}`: no rule gives it", id.Scalar()),
              did_you_mean(id.Scalar(), recommendations_));
}

void RuleNames::check_field_path(const SourceFilePtr& file, const YAML::Node& path,
                                 Diagnostics& diags) const {
  if (!path.IsScalar()) {
    diags.error(
        "S606", span_of(file, path),
        fmt::format("expected a field path such as `record.field`, found {}", node_kind(path)));
    return;
  }
  const std::string bare = without_indexes(path.Scalar());
  if (std::binary_search(field_paths_.begin(), field_paths_.end(), bare)) return;
  diags.error("S606", span_of(file, path),
              fmt::format("`{}` is not a field of the case", path.Scalar()),
              did_you_mean(bare, field_paths_));
}

}  // namespace koers::suite
