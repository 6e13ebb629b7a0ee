// Compiled expressions back in the rule language's words, for explanations.
#include <fmt/format.h>

#include "eval/explain.h"

namespace koers {

namespace {

const char* op_word(Op op) {
  switch (op) {
    case Op::and_:
      return "and";
    case Op::or_:
      return "or";
    case Op::add:
      return "+";
    case Op::sub:
      return "-";
    case Op::mul:
      return "*";
    case Op::div:
      return "/";
    case Op::eq:
      return "==";
    case Op::ne:
      return "!=";
    case Op::lt:
      return "<";
    case Op::le:
      return "<=";
    case Op::gt:
      return ">";
    case Op::ge:
      return ">=";
    case Op::in:
      return "in";
    case Op::not_in:
      return "not in";
    case Op::date_plus:
      return "+";
    case Op::date_minus:
      return "-";
    default:
      return "?";
  }
}

bool is_binary(Op op) {
  switch (op) {
    case Op::and_:
    case Op::or_:
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::in:
    case Op::not_in:
    case Op::date_plus:
    case Op::date_minus:
      return true;
    default:
      return false;
  }
}

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
  auto sub = [&](const CExpr& a) {
    std::string s = print_expr(program, a);
    return is_binary(a.op) ? "(" + s + ")" : s;
  };
  switch (e.op) {
    case Op::constant:
      return constant(program, e.value);
    case Op::as_of:
      return "as_of";
    case Op::root_field:
    case Op::element_field:
    case Op::define:
    case Op::param:
    case Op::decision:
      return e.text;
    case Op::element:
      return "it";
    case Op::field:
      return print_expr(program, e.args[0]) + "." + e.text;
    case Op::list: {
      std::string out = "[";
      for (size_t i = 0; i < e.args.size(); ++i)
        out += (i ? ", " : "") + print_expr(program, e.args[i]);
      return out + "]";
    }
    case Op::neg:
      return "-" + sub(e.args[0]);
    case Op::not_:
      return "not " + sub(e.args[0]);
    case Op::is_known:
      return sub(e.args[0]) + " is known";
    case Op::is_missing:
      return sub(e.args[0]) + " is missing";
    case Op::is_none:
      return sub(e.args[0]) + " is none";
    case Op::months:
      return sub(e.args[0]) + " months";
    case Op::days:
      return sub(e.args[0]) + " days";
    case Op::years:
      return sub(e.args[0]) + " years";
    default:
      break;
  }
  if (is_binary(e.op)) return sub(e.args[0]) + " " + op_word(e.op) + " " + sub(e.args[1]);
  // Calls.
  std::string out = e.text + "(" + print_expr(program, e.args[0]);
  if (e.filter) out += " where " + print_expr(program, *e.filter);
  for (size_t i = 1; i < e.args.size(); ++i) out += ", " + print_expr(program, e.args[i]);
  return out + ")";
}

}  // namespace koers
