// Every field of the case format is either read by a rule or documented as informative only: a
// caseworker should not fill in a field believing it changes the advice when no rule reads it. The
// informative fields are listed in docs/case-format.md under "Informative fields"; this test
// computes the fields the shipped rules read and holds the list to it, both ways.
#define BOOST_TEST_MODULE case_fields
#include <boost/test/unit_test.hpp>

#include <optional>
#include <regex>
#include <set>
#include <vector>

#include "compile/program_walk.h"
#include "support/koers_fixture.h"

using namespace koers;

namespace {

// Every field path of the schema from the root, list entries without an index ("problems.since").
void schema_paths(const Schema& schema, const RecordDef& record, const std::string& prefix,
                  std::set<std::string>& out, int depth = 0) {
  if (depth > 8) return;
  for (const auto& field : record.fields) {
    const std::string path = prefix.empty() ? field.name : prefix + "." + field.name;
    out.insert(path);
    const Type* type = &field.type;
    if (type->kind == TypeKind::list && type->element) type = type->element.get();
    if (type->kind == TypeKind::record) {
      schema_paths(schema, schema.records[static_cast<size_t>(type->ref)], path, out, depth + 1);
    }
  }
}

// The case fields an expression reads, also those of list entries inside a `where` (which the
// engine's own collector names as the list) and through defines.
class Reads {
 public:
  Reads(const Program& program, std::set<std::string>& out) : program_(program), out_(out) {}

  void visit(const CExpr& e) {
    if (auto path = path_of(e)) out_.insert(path->first);
    if (e.op == Op::define && e.slot >= 0 && seen_.insert(e.slot).second) {
      std::vector<Scope> saved;
      std::swap(saved, scopes_);  // a define has its own scopes
      visit(program_.defines[static_cast<size_t>(e.slot)].value);
      std::swap(saved, scopes_);
    }
    for (const auto& arg : e.args) visit(arg);
    if (e.filter) {
      auto list = e.args.empty() ? std::nullopt : path_of(e.args[0]);
      scopes_.push_back(list ? *list : Scope{"", -1});
      visit(*e.filter);
      scopes_.pop_back();
    }
  }

 private:
  using Scope = std::pair<std::string, int>;  // a path and its record (or the element record)

  std::optional<Scope> path_of(const CExpr& e) const {
    const Schema& schema = program_.schema;
    const RecordDef* record = nullptr;
    std::string base;
    if (e.op == Op::root_field) {
      record = &schema.root_record();
    } else if (e.op == Op::element_field) {
      const size_t at = scopes_.size() - 1 - static_cast<size_t>(e.depth);
      if (e.depth < 0 || static_cast<size_t>(e.depth) >= scopes_.size() || scopes_[at].second < 0) {
        return std::nullopt;
      }
      base = scopes_[at].first;
      record = &schema.records[static_cast<size_t>(scopes_[at].second)];
    } else if (e.op == Op::field && e.args.size() == 1) {
      auto inner = path_of(e.args[0]);
      if (!inner || inner->second < 0) return std::nullopt;
      base = inner->first;
      record = &schema.records[static_cast<size_t>(inner->second)];
    } else if (e.op == Op::define && e.slot >= 0 && depth_ < 16) {
      // A define that is a list (or an entry) of the case: `interventies = care.interventions
      // where ...`, `laatste_meting = latest(measurements.obvlk)`.
      ++depth_;
      auto inner = path_of(program_.defines[static_cast<size_t>(e.slot)].value);
      --depth_;
      return inner;
    } else if (!e.args.empty() && (e.type.kind == TypeKind::record || e.type.is_list())) {
      // latest(x), first(x), x where ...: an entry (or a part) of the list x.
      return path_of(e.args[0]);
    } else {
      return std::nullopt;
    }
    if (e.slot < 0 || static_cast<size_t>(e.slot) >= record->fields.size()) return std::nullopt;
    const FieldDef& field = record->fields[static_cast<size_t>(e.slot)];
    const Type* type = &field.type;
    if (type->kind == TypeKind::list && type->element) type = type->element.get();
    return Scope{base.empty() ? field.name : base + "." + field.name,
                 type->kind == TypeKind::record ? type->ref : -1};
  }

  const Program& program_;
  std::set<std::string>& out_;
  std::set<int> seen_;
  std::vector<Scope> scopes_;
  mutable int depth_ = 0;
};

std::set<std::string> read_by_rules(const Program& program) {
  std::set<std::string> read;
  Reads reads(program, read);
  auto on_expr = [&](const CExpr& e) { reads.visit(e); };
  auto on_text = [&](const CompiledTemplate& t) {
    for (const auto& part : t.parts) {
      if (part.expr) reads.visit(*part.expr);
    }
  };
  for (const auto& dec : program.decisions) walk_decision(dec, on_expr, on_text);
  for (const auto& rule : program.rules) walk_rule(rule, on_expr, on_text);
  // A field is read when it, or a field inside it, is read: `family` through `family.network`.
  std::set<std::string> with_parents = read;
  for (const auto& path : read) {
    for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
      with_parents.insert(path.substr(0, dot));
    }
  }
  return with_parents;
}

// The paths listed in docs/case-format.md's "Informative fields" section: `path` at a line start.
std::set<std::string> documented_informative() {
  const std::string doc = testing::read_text_file(testing::source_dir() + "/docs/case-format.md");
  const size_t start = doc.find("## Informative fields");
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "docs/case-format.md has no informative list");
  const size_t end = doc.find("\n## ", start + 1);
  const std::string section = doc.substr(start, end == std::string::npos ? end : end - start);
  std::set<std::string> out;
  static const std::regex item("\\n- `([a-z_.]+)`");
  for (auto it = std::sregex_iterator(section.begin(), section.end(), item);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_field_is_read_by_a_rule_or_documented_as_informative) {
  Diagnostics diags;
  auto program = load_rule_set(testing::source_dir() + "/rules", diags);
  BOOST_TEST_REQUIRE(program.has_value(), testing::describe(diags));
  std::set<std::string> all;
  schema_paths(program->schema, program->schema.root_record(), "", all);
  const std::set<std::string> read = read_by_rules(*program);
  const std::set<std::string> informative = documented_informative();
  // The loader itself reads these: the format version, the id and the advice date.
  const std::set<std::string> loader = {"koers", "case_id", "as_of"};
  std::string unaccounted, wrongly_listed;
  for (const auto& path : all) {
    if (!read.count(path) && !informative.count(path) && !loader.count(path)) {
      unaccounted += "  " + path + "\n";
    }
  }
  for (const auto& path : informative) {
    if (read.count(path)) wrongly_listed += "  " + path + " (a rule reads it)\n";
    if (!all.count(path)) wrongly_listed += "  " + path + " (not a field)\n";
  }
  BOOST_TEST(unaccounted.empty(), "fields no rule reads, not listed as informative:\n"
                                      << unaccounted);
  BOOST_TEST(wrongly_listed.empty(), "listed as informative but:\n" << wrongly_listed);
  BOOST_TEST(read.count("family.network") == 1u);  // the walk finds what rules read
}
