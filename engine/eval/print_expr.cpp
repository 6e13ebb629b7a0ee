// Compiled expressions back in the rule language's words, for explanations.
#include <fmt/format.h>

#include "eval/explain.h"

namespace koers {

namespace {

std::string constant(const Program& program, const Value& v) {
  struct V {
    const Program& p;
    std::string operator()(const Missing&) const { return "?"; }
    std::string operator()(const NoneValue&) const { return "none"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
    std::string operator()(Date d) const { return format_date(d); }
    std::string operator()(EnumValue e) const {
      return p.schema.enums[static_cast<size_t>(e.enum_id)].members[static_cast<size_t>(e.index)];
    }
    std::string operator()(const Duration& d) const {
      return fmt::format("{} {}", d.amount, d.unit == Duration::Unit::days ? "days" : "months");
    }
    std::string operator()(const ListPtr& l) const {
      std::string out = "[";
      for (size_t i = 0; i < l->size(); ++i) out += (i ? ", " : "") + std::visit(*this, (*l)[i].v);
      return out + "]";
    }
    std::string operator()(const RecordPtr&) const { return "{...}"; }
  };
  return std::visit(V{program}, v.v);
}

}  // namespace

std::string print_expr(const Program& program, const CExpr& e) {
  // An operand that is itself written between two operands goes in parentheses, so that the
  // printed text reads back as the same tree.
  auto sub = [&](const CExpr& a) {
    std::string s = print_expr(program, a);
    return op_info(a.op).form == OpForm::infix ? "(" + s + ")" : s;
  };
  const OpInfo& info = op_info(e.op);
  const std::string word(info.word);
  switch (info.form) {
    case OpForm::leaf:
      switch (e.op) {
        case Op::constant:
          return constant(program, e.value);
        case Op::as_of:
        case Op::element:
          return word;
        case Op::field:
          return print_expr(program, e.args[0]) + "." + e.text;
        default:  // a name as the rules wrote it: field, define, parameter, decision
          return e.text;
      }
    case OpForm::list: {
      std::string out = "[";
      for (size_t i = 0; i < e.args.size(); ++i)
        out += (i ? ", " : "") + print_expr(program, e.args[i]);
      return out + "]";
    }
    case OpForm::prefix:  // `-x`, `not x`
      return word + (e.op == Op::not_ ? " " : "") + sub(e.args[0]);
    case OpForm::postfix:  // `x is known`, `3 months`
      return sub(e.args[0]) + " " + word;
    case OpForm::infix:
      return sub(e.args[0]) + " " + word + " " + sub(e.args[1]);
    case OpForm::call: {
      std::string out = word + "(" + print_expr(program, e.args[0]);
      if (e.filter) out += " where " + print_expr(program, *e.filter);
      for (size_t i = 1; i < e.args.size(); ++i) out += ", " + print_expr(program, e.args[i]);
      return out + ")";
    }
  }
  return "?";
}

}  // namespace koers
