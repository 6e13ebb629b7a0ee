#include "eval/case_fields_read.h"

#include <optional>
#include <vector>

namespace koers {
namespace {

class FieldCollector {
 public:
  FieldCollector(const Program& program, std::set<std::string>& out)
      : program_(program), out_(out), defines_seen_(program.defines.size(), false) {}

  void visit(const CExpr& e) {
    if (auto path = path_of(e)) {
      out_.insert(*path);
      return;
    }
    if (e.op == Op::define && e.slot >= 0 && static_cast<size_t>(e.slot) < defines_seen_.size()) {
      const auto index = static_cast<size_t>(e.slot);
      if (defines_seen_[index]) return;
      defines_seen_[index] = true;  // defines may share parts; each is read once
      visit(program_.defines[index].value);
      return;
    }
    for (const auto& arg : e.args) visit(arg);
    if (e.filter) visit(*e.filter);
  }

 private:
  // `family.daily_life`, for a chain of fields from the case's root; nothing for anything else.
  std::optional<std::string> path_of(const CExpr& e) const {
    const Schema& schema = program_.schema;
    if (e.op == Op::root_field) {
      const RecordDef& root = schema.root_record();
      if (e.slot < 0 || static_cast<size_t>(e.slot) >= root.fields.size()) return std::nullopt;
      return root.fields[static_cast<size_t>(e.slot)].name;
    }
    if (e.op != Op::field || e.args.size() != 1) return std::nullopt;
    auto base = path_of(e.args[0]);
    if (!base) return std::nullopt;
    const Type* record = &e.args[0].type;
    if (record->is_list()) record = record->element.get();
    if (record == nullptr || record->kind != TypeKind::record || record->ref < 0)
      return std::nullopt;
    const RecordDef& rd = schema.records[static_cast<size_t>(record->ref)];
    if (e.slot < 0 || static_cast<size_t>(e.slot) >= rd.fields.size()) return std::nullopt;
    return *base + "." + rd.fields[static_cast<size_t>(e.slot)].name;
  }

  const Program& program_;
  std::set<std::string>& out_;
  std::vector<bool> defines_seen_;
};

}  // namespace

void collect_case_fields(const Program& program, const CExpr& e, std::set<std::string>& out) {
  FieldCollector(program, out).visit(e);
}

std::set<std::string> fields_deciding(const Program& program, int decision) {
  std::set<std::string> out;
  FieldCollector collector(program, out);
  for (int ri : program.decisions[static_cast<size_t>(decision)].rules) {
    const CompiledRule& rule = program.rules[static_cast<size_t>(ri)];
    if (rule.when) collector.visit(*rule.when);
    for (const auto& except : rule.unless) collector.visit(except);
  }
  return out;
}

}  // namespace koers
