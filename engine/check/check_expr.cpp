// Type checking of expressions, compiled as they are checked: every name is resolved to a slot or
// an index here, so evaluation never looks a name up.
#include <fmt/format.h>

#include <functional>
#include <stdexcept>

#include "check/symbols.h"
#include "syntax/dutch_keywords.h"
#include "value/date.h"

namespace koers::check {

namespace {

bool is_any(const Type& t) {
  return t.kind == TypeKind::any;
}
// The expected type of an operand whose other side already had an error: bare names are then not
// reported again (one typo, one error).
Type poisoned() {
  Type t = Type::any();
  t.ref = -2;
  return t;
}
bool is_poisoned(const Type& t) {
  return (t.kind == TypeKind::any && t.ref == -2) || (t.is_list() && is_poisoned(*t.element));
}
bool is_bool(const Type& t) {
  return t.kind == TypeKind::boolean || is_any(t);
}

class ExprChecker {
 public:
  ExprChecker(const Symbols& symbols, Diagnostics& diags, Dependencies& deps)
      : s_(symbols), schema_(*symbols.schema), diags_(diags), deps_(deps) {}

  CExpr check(const ast::Expr& e, const Type& expected) {
    switch (e.kind) {
      case ast::ExprKind::int_literal:
        return constant(e, Type::integer(), Value{e.int_value});
      case ast::ExprKind::text_literal:
        return constant(e, Type::text(), Value{e.text});
      case ast::ExprKind::bool_literal:
        return constant(e, Type::boolean(), Value{e.bool_value});
      case ast::ExprKind::date_literal: {
        auto date = parse_date(e.text);
        if (!date) {
          diags_.error("K105", e.span, fmt::format("`{}` is not a date in the calendar", e.text));
          return error(e);
        }
        return constant(e, Type::date(), Value{*date});
      }
      case ast::ExprKind::as_of: {
        CExpr c = make(e, Op::as_of, Type::date());
        return c;
      }
      case ast::ExprKind::name:
        return name(e, expected);
      case ast::ExprKind::member:
        return member(e);
      case ast::ExprKind::call:
        return call(e);
      case ast::ExprKind::list:
        return list(e, expected);
      case ast::ExprKind::unary:
        return unary(e);
      case ast::ExprKind::binary:
        return binary(e);
      case ast::ExprKind::in:
        return in(e);
      case ast::ExprKind::presence:
        return presence(e);
      case ast::ExprKind::duration:
        return duration(e);
    }
    return error(e);
  }

 private:
  const Symbols& s_;
  const Schema& schema_;
  Diagnostics& diags_;
  Dependencies& deps_;
  std::vector<Type> scopes_;  // element types of enclosing `where` filters, innermost last

  CExpr make(const ast::Expr& e, Op op, Type type) {
    CExpr c;
    c.op = op;
    c.type = std::move(type);
    c.span = e.span;
    c.text = e.text;
    return c;
  }
  CExpr constant(const ast::Expr& e, Type type, Value v) {
    CExpr c = make(e, Op::constant, std::move(type));
    c.value = std::move(v);
    return c;
  }
  CExpr error(const ast::Expr& e) { return make(e, Op::constant, Type::any()); }

  std::string tname(const Type& t) const { return "`" + schema_.type_name(t) + "`"; }

  // ---- names ----------------------------------------------------------------------------------

  CExpr name(const ast::Expr& e, const Type& expected) {
    const std::string& n = e.text;
    // Inside `where`, the element's own fields come first, innermost scope first.
    for (size_t depth = 0; depth < scopes_.size(); ++depth) {
      const Type& scope = scopes_[scopes_.size() - 1 - depth];
      if (n == "it") {
        CExpr c = make(e, Op::element, scope);
        c.depth = static_cast<int>(depth);
        return c;
      }
      if (scope.kind == TypeKind::record) {
        const RecordDef& rec = schema_.records[static_cast<size_t>(scope.ref)];
        if (int slot = rec.index_of(n); slot >= 0) {
          CExpr c = make(e, Op::element_field, rec.fields[static_cast<size_t>(slot)].type);
          c.slot = slot;
          c.depth = static_cast<int>(depth);
          return c;
        }
      }
    }
    if (expected.kind == TypeKind::enumeration) {
      const EnumDef& en = schema_.enums[static_cast<size_t>(expected.ref)];
      if (int index = en.index_of(n); index >= 0 && !s_.defines.count(n)) {
        return constant(e, expected, Value{EnumValue{expected.ref, index}});
      }
    }
    if (auto it = s_.defines.find(n); it != s_.defines.end()) {
      deps_.defines.insert(it->second);
      CExpr c = make(e, Op::define, s_.define_types[static_cast<size_t>(it->second)]);
      c.slot = it->second;
      return c;
    }
    const RecordDef& root = schema_.root_record();
    if (int slot = root.index_of(n); slot >= 0) {
      CExpr c = make(e, Op::root_field, root.fields[static_cast<size_t>(slot)].type);
      c.slot = slot;
      return c;
    }
    if (is_poisoned(expected)) return error(e);
    if (n == "policy" || n == "decision") {
      diags_.error("K202", e.span,
                   fmt::format("`{}` needs a name after it, as in `{}`", n,
                               n == "policy" ? "policy.mpg.min_problem_months" : "decision.mpg"));
      return error(e);
    }
    if (expected.kind == TypeKind::enumeration) {
      const EnumDef& en = schema_.enums[static_cast<size_t>(expected.ref)];
      std::string hint = closest_match(n, en.members);
      diags_.error("K205", e.span, fmt::format("`{}` is not a value of `{}`", n, en.name),
                   hint.empty() ? fmt::format("the values are: {}", join(en.members))
                                : fmt::format("did you mean `{}`?", hint));
      return error(e);
    }
    std::vector<std::string> candidates;
    for (const auto& [name, _] : s_.defines) candidates.push_back(name);
    for (const auto& f : root.fields) candidates.push_back(f.name);
    for (const auto& scope : scopes_) {
      if (scope.kind == TypeKind::record) {
        for (const auto& f : schema_.records[static_cast<size_t>(scope.ref)].fields) {
          candidates.push_back(f.name);
        }
      }
    }
    std::string hint = closest_match(n, candidates);
    std::string enum_owner;
    for (const auto& en : schema_.enums) {
      if (en.index_of(n) >= 0) {
        enum_owner = en.name;
        break;
      }
    }
    if (std::string dutch = syntax::dutch_keyword_hint(n); !dutch.empty() && enum_owner.empty()) {
      // `when niet x`, `then d = waar`; a near name may still be what was meant.
      hint = hint.empty() ? dutch : fmt::format("did you mean `{}`? Or: {}", hint, dutch);
    } else if (hint.empty() && !enum_owner.empty()) {
      hint = fmt::format(
          "`{}` is a value of `{}`; compare it with a field of that type, as in "
          "`x == {}`",
          n, enum_owner, n);
    } else if (!hint.empty()) {
      hint = fmt::format("did you mean `{}`?", hint);
    }
    diags_.error("K202", e.span, fmt::format("unknown name `{}`", n), hint);
    return error(e);
  }

  static std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
  }

  // Dotted paths that start with `policy` or `decision` name a parameter or a decision.
  static bool dotted_path(const ast::Expr& e, std::string& out) {
    if (e.kind == ast::ExprKind::name) {
      out = e.text;
      return true;
    }
    if (e.kind == ast::ExprKind::member && dotted_path(*e.args[0], out)) {
      out += "." + e.text;
      return true;
    }
    return false;
  }

  CExpr member(const ast::Expr& e) {
    std::string path;
    if (dotted_path(e, path)) {
      bool shadowed = false;
      const std::string head = path.substr(0, path.find('.'));
      for (const auto& scope : scopes_) {
        if (scope.kind == TypeKind::record &&
            schema_.records[static_cast<size_t>(scope.ref)].index_of(head) >= 0) {
          shadowed = true;
        }
      }
      if (!shadowed && head == "policy") return parameter(e, path.substr(7));
      if (!shadowed && head == "decision") return decision(e, path.substr(9));
    }
    CExpr object = check(*e.args[0], Type::any());
    if (is_any(object.type)) return error(e);
    Type record_type = object.type.is_list() ? *object.type.element : object.type;
    if (record_type.kind != TypeKind::record) {
      diags_.error("K203", e.span,
                   fmt::format("`{}` has no fields: it is a {}", e.text, tname(object.type)));
      return error(e);
    }
    const RecordDef& rec = schema_.records[static_cast<size_t>(record_type.ref)];
    int slot = rec.index_of(e.text);
    if (slot < 0) {
      std::vector<std::string> names;
      for (const auto& f : rec.fields) names.push_back(f.name);
      std::string hint = closest_match(e.text, names);
      diags_.error("K203", e.span, fmt::format("`{}` has no field `{}`", rec.name, e.text),
                   hint.empty() ? fmt::format("its fields are: {}", join(names))
                                : fmt::format("did you mean `{}`?", hint));
      return error(e);
    }
    const Type& field_type = rec.fields[static_cast<size_t>(slot)].type;
    // A field of a list of records is the list of that field (a projection): `problems.since`.
    Type type = object.type.is_list()
                    ? (field_type.is_list() ? field_type : Type::list_of(field_type))
                    : field_type;
    CExpr c = make(e, Op::field, type);
    c.slot = slot;
    c.args.push_back(std::move(object));
    return c;
  }

  CExpr parameter(const ast::Expr& e, const std::string& id) {
    auto it = s_.parameters.find(id);
    if (it == s_.parameters.end()) {
      std::vector<std::string> ids;
      for (const auto& [name, _] : s_.parameters) ids.push_back(name);
      std::string hint = closest_match(id, ids);
      diags_.error("K223", e.span, fmt::format("unknown parameter `{}`", id),
                   hint.empty() ? "declare it with `parameter " + id + ": int { ... }`"
                                : fmt::format("did you mean `policy.{}`?", hint));
      return error(e);
    }
    CExpr c = make(e, Op::param, s_.parameter_types[static_cast<size_t>(it->second)]);
    c.slot = it->second;
    c.text = "policy." + id;
    return c;
  }

  CExpr decision(const ast::Expr& e, const std::string& name) {
    auto it = s_.decisions.find(name);
    if (it == s_.decisions.end()) {
      std::vector<std::string> names;
      for (const auto& [n, _] : s_.decisions) names.push_back(n);
      std::string hint = closest_match(name, names);
      diags_.error("K208", e.span, fmt::format("unknown decision `{}`", name),
                   hint.empty() ? "" : fmt::format("did you mean `decision.{}`?", hint));
      return error(e);
    }
    deps_.decisions.insert(it->second);
    CExpr c = make(e, Op::decision, s_.decision_types[static_cast<size_t>(it->second)]);
    c.slot = it->second;
    c.text = "decision." + name;
    return c;
  }

  // ---- operators ------------------------------------------------------------------------------

  CExpr unary(const ast::Expr& e) {
    CExpr arg = check(*e.args[0], Type::any());
    if (e.op == "not") {
      if (!is_bool(arg.type)) {
        diags_.error("K204", e.span,
                     fmt::format("`not` needs a condition, found {}", tname(arg.type)));
        return error(e);
      }
      CExpr c = make(e, Op::not_, Type::boolean());
      c.args.push_back(std::move(arg));
      return c;
    }
    if (arg.type.kind != TypeKind::integer && !is_any(arg.type)) {
      diags_.error("K204", e.span, fmt::format("`-` needs a number, found {}", tname(arg.type)));
      return error(e);
    }
    CExpr c = make(e, Op::neg, Type::integer());
    c.args.push_back(std::move(arg));
    return c;
  }

  // Checks both operands so that a bare enum member on either side takes the other side's type.
  std::pair<CExpr, CExpr> operands(const ast::Expr& left, const ast::Expr& right) {
    if (bare_name(left) && !bare_name(right)) {
      CExpr r = check(right, Type::any());
      Type hint = r.type.is_list() ? *r.type.element : r.type;
      CExpr l = check(left, is_any(r.type) ? poisoned() : hint);
      return {std::move(l), std::move(r)};
    }
    CExpr l = check(left, Type::any());
    Type hint = is_any(l.type) ? poisoned() : l.type;
    if (right.kind == ast::ExprKind::list) hint = Type::list_of(hint);
    CExpr r = check(right, hint);
    return {std::move(l), std::move(r)};
  }

  bool bare_name(const ast::Expr& e) const {
    if (e.kind != ast::ExprKind::name) return false;
    if (s_.defines.count(e.text) || schema_.root_record().index_of(e.text) >= 0) return false;
    for (const auto& scope : scopes_) {
      if (e.text == "it") return false;
      if (scope.kind == TypeKind::record &&
          schema_.records[static_cast<size_t>(scope.ref)].index_of(e.text) >= 0) {
        return false;
      }
    }
    return true;
  }

  CExpr binary(const ast::Expr& e) {
    if (e.op == "and" || e.op == "or") {
      CExpr l = check(*e.args[0], Type::boolean());
      CExpr r = check(*e.args[1], Type::boolean());
      for (const CExpr* side : {&l, &r}) {
        if (!is_bool(side->type)) {
          diags_.error(
              "K204", side->span,
              fmt::format("`{}` joins conditions, but this is {}", e.op, tname(side->type)));
        }
      }
      CExpr c = make(e, infix_named(e.op, OpFamily::logic)->op, Type::boolean());
      c.args.push_back(std::move(l));
      c.args.push_back(std::move(r));
      return c;
    }
    auto [l, r] = operands(*e.args[0], *e.args[1]);
    if (is_any(l.type) || is_any(r.type)) return error(e);
    if (const OpInfo* compare = infix_named(e.op, OpFamily::comparison)) {
      bool ordered = compare->op != Op::eq && compare->op != Op::ne;
      bool ok = l.type == r.type && !l.type.is_list() && l.type.kind != TypeKind::record;
      if (ok && ordered && l.type.kind == TypeKind::boolean) ok = false;
      if (!ok) {
        diags_.error("K204", e.span,
                     fmt::format("cannot compare {} with {} using `{}`", tname(l.type),
                                 tname(r.type), e.op));
        return error(e);
      }
      CExpr c = make(e, compare->op, Type::boolean());
      c.args.push_back(std::move(l));
      c.args.push_back(std::move(r));
      return c;
    }
    // Arithmetic: numbers, and dates moved by a duration.
    const bool ints = l.type.kind == TypeKind::integer && r.type.kind == TypeKind::integer;
    const OpInfo* arithmetic = infix_named(e.op, OpFamily::arithmetic);
    if (ints && arithmetic != nullptr) {
      CExpr c = make(e, arithmetic->op, Type::integer());
      c.args.push_back(std::move(l));
      c.args.push_back(std::move(r));
      return c;
    }
    const OpInfo* moved = infix_named(e.op, OpFamily::date_arithmetic);
    if (l.type.kind == TypeKind::date && r.type.kind == TypeKind::duration && moved != nullptr) {
      CExpr c = make(e, moved->op, Type::date());
      c.args.push_back(std::move(l));
      c.args.push_back(std::move(r));
      return c;
    }
    std::string hint;
    if (l.type.kind == TypeKind::date && r.type.kind == TypeKind::date && e.op == "-") {
      hint = "use `months_between(a, b)` or `days_between(a, b)`";
    } else if (l.type.kind == TypeKind::date && r.type.kind == TypeKind::integer) {
      hint = "say the unit: `3 months` or `30 days`";
    }
    diags_.error("K204", e.span,
                 fmt::format("cannot use `{}` on {} and {}", e.op, tname(l.type), tname(r.type)),
                 hint);
    return error(e);
  }

  CExpr in(const ast::Expr& e) {
    auto [l, r] = operands(*e.args[0], *e.args[1]);
    if (is_any(l.type) || is_any(r.type)) return error(e);
    if (!r.type.is_list() || !(*r.type.element == l.type)) {
      diags_.error("K204", e.span,
                   fmt::format("`in` needs a list of {} on its right, found {}", tname(l.type),
                               tname(r.type)));
      return error(e);
    }
    CExpr c = make(e, e.negated ? Op::not_in : Op::in, Type::boolean());
    c.args.push_back(std::move(l));
    c.args.push_back(std::move(r));
    return c;
  }

  CExpr presence(const ast::Expr& e) {
    CExpr arg = check(*e.args[0], Type::any());
    const OpInfo* info = postfix_named("is " + e.op);
    if (info == nullptr) return not_understood(e);
    Op op = info->op;
    if (e.negated)
      op = op == Op::is_known ? Op::is_missing : op == Op::is_missing ? Op::is_known : op;
    CExpr c = make(e, op, Type::boolean());
    c.args.push_back(std::move(arg));
    if (e.negated && op == Op::is_none) {
      CExpr n = make(e, Op::not_, Type::boolean());
      n.args.push_back(std::move(c));
      return n;
    }
    return c;
  }

  CExpr duration(const ast::Expr& e) {
    CExpr arg = check(*e.args[0], Type::integer());
    if (arg.type.kind != TypeKind::integer && !is_any(arg.type)) {
      diags_.error(
          "K204", e.span,
          fmt::format("`{}` needs a whole number before it, found {}", e.op, tname(arg.type)));
      return error(e);
    }
    const OpInfo* info = postfix_named(e.op);
    if (info == nullptr || info->family != OpFamily::period) return not_understood(e);
    CExpr c = make(e, info->op, Type::duration());
    c.args.push_back(std::move(arg));
    return c;
  }

  CExpr list(const ast::Expr& e, const Type& expected) {
    Type element = expected.is_list() ? *expected.element : Type::any();
    if (is_poisoned(element)) {
      for (const auto& item : e.args) check(*item, element);
      return error(e);
    }
    CExpr c = make(e, Op::list, Type::any());
    for (const auto& item : e.args) {
      CExpr x = check(*item, element);
      if (is_any(element)) element = x.type;
      if (!is_any(x.type) && !(x.type == element)) {
        diags_.error("K204", x.span,
                     fmt::format("a list holds values of one type: {} among {}", tname(x.type),
                                 tname(element)));
      }
      c.args.push_back(std::move(x));
    }
    if (is_any(element) && c.args.empty()) {
      diags_.error("K204", e.span, "an empty list `[]` has no type here",
                   "compare with `count(x) == 0` instead");
      return error(e);
    }
    c.type = Type::list_of(element);
    return c;
  }

  // ---- functions ------------------------------------------------------------------------------

  // An operator the grammar gives but the table lacks: a defect of Koers, reported, not a crash.
  CExpr not_understood(const ast::Expr& e) {
    diags_.error("K101", e.span, fmt::format("`{}` is not understood here", e.op));
    return error(e);
  }

  // A function call, checked from its row in the operator table (compile/ops.h): the name, then
  // the list and its `where`, then the number of arguments and where a `where` may stand, then
  // the function's own type rule. The order of the messages is the order of these steps.
  CExpr call(const ast::Expr& e) {
    const std::string& f = e.text;
    const OpInfo* info = call_named(f);
    if (info == nullptr) {
      std::vector<std::string> names(kFunctionNames.begin(), kFunctionNames.end());
      std::string hint = closest_match(f, names);
      diags_.error("K220", e.span, fmt::format("unknown function `{}`", f),
                   hint.empty() ? "the functions are: " + join(names)
                                : fmt::format("did you mean `{}`?", hint));
      return error(e);
    }
    auto arity = [&] {
      const size_t n = info->arity;
      if (e.args.size() == n) return true;
      diags_.error("K220", e.span,
                   fmt::format("`{}` takes {} argument{}, found {}", f, n, n == 1 ? "" : "s",
                               e.args.size()));
      return false;
    };
    auto no_filter = [&](size_t from) {
      for (size_t i = from; i < e.filters.size(); ++i) {
        if (e.filters[i]) {
          diags_.error("K221", e.filters[i]->span,
                       fmt::format("`where` is not allowed in this argument of `{}`", f));
          return false;
        }
      }
      return true;
    };
    if (info->family == OpFamily::between) return between(e, *info, arity, no_filter);

    // Everything else takes a list first.
    if (e.args.empty()) {
      diags_.error("K220", e.span, fmt::format("`{}` needs a list", f));
      return error(e);
    }
    CExpr xs = check(*e.args[0], Type::any());
    if (is_any(xs.type)) return error(e);
    if (!xs.type.is_list()) {
      diags_.error("K204", xs.span, fmt::format("`{}` needs a list, found {}", f, tname(xs.type)));
      return error(e);
    }
    const Type element = *xs.type.element;
    std::unique_ptr<CExpr> filter;
    if (e.filters[0]) {
      scopes_.push_back(element);
      CExpr cond = check(*e.filters[0], Type::boolean());
      scopes_.pop_back();
      if (!is_bool(cond.type)) {
        diags_.error("K204", cond.span,
                     fmt::format("`where` needs a condition, found {}", tname(cond.type)));
        return error(e);
      }
      filter = std::make_unique<CExpr>(std::move(cond));
    }
    // Series functions: the elements are dated (records with a date field, or dates).
    int date_slot = -1;
    if (info->family == OpFamily::series) {
      if (element.kind == TypeKind::record) {
        auto it = s_.record_date_slot.find(element.ref);
        if (it == s_.record_date_slot.end()) {
          diags_.error(
              "K204", xs.span,
              fmt::format("`{}` needs a dated list (declared `dated by` in the schema); {} is "
                          "not",
                          f, tname(xs.type)));
          return error(e);
        }
        date_slot = it->second;
      } else if (element.kind != TypeKind::date) {
        diags_.error("K204", xs.span,
                     fmt::format("`{}` needs a dated list, found {}", f, tname(xs.type)));
        return error(e);
      }
    }
    if (!arity()) return error(e);
    switch (info->where) {
      case Where::never:
        if (!no_filter(0)) return error(e);
        break;
      case Where::optional:  // after the list only
        if (!no_filter(1)) return error(e);
        break;
      case Where::required:
      case Where::required_unless_bools:
        if (!filter && (info->where == Where::required || element.kind != TypeKind::boolean)) {
          diags_.error("K220", e.span,
                       fmt::format("`{}` needs a condition: `{}(xs where ...)`", f, f));
          return error(e);
        }
        break;
    }

    const Type list_type = xs.type;
    CExpr c = make(e, info->op, Type::any());
    c.args.push_back(std::move(xs));
    c.filter = std::move(filter);
    c.date_slot = date_slot;
    // The function's own type rule: the types of its other arguments, and of its result.
    switch (info->op) {
      case Op::count:
        c.type = Type::integer();
        break;
      case Op::filter:
        c.type = list_type;
        break;
      case Op::distinct:
        if (element.kind == TypeKind::record || element.is_list()) {
          diags_.error(
              "K204", c.args[0].span,
              fmt::format("`distinct` needs a list of single values, found {}", tname(list_type)),
              "take a field first, as in `distinct(list.field)`");
          return error(e);
        }
        c.type = list_type;
        break;
      case Op::any:
      case Op::all:
      case Op::none:
        c.type = Type::boolean();
        break;
      case Op::item: {
        // item(xs, i): the entry at index i, 0-based; a negative i counts from the end (-1 is
        // the last). Series without dates (a list of monthly totals) need this; out of range is
        // none.
        CExpr index = check(*e.args[1], Type::integer());
        if (index.type.kind != TypeKind::integer && !is_any(index.type)) {
          diags_.error(
              "K204", index.span,
              fmt::format("`item` needs an index (a number), found {}", tname(index.type)));
          return error(e);
        }
        c.type = element;
        c.args.push_back(std::move(index));
        break;
      }
      case Op::min:
      case Op::max:
      case Op::sum: {
        const bool sum = info->op == Op::sum;
        if (element.kind != TypeKind::integer && (sum || element.kind != TypeKind::date)) {
          diags_.error("K204", c.args[0].span,
                       fmt::format("`{}` needs a list of {}, found {}", f,
                                   sum ? "numbers" : "numbers or dates", tname(list_type)));
          return error(e);
        }
        c.type = element;
        break;
      }
      case Op::latest:
      case Op::first:
        c.type = element;
        break;
      case Op::at_or_before: {
        CExpr when = check(*e.args[1], Type::date());
        if (when.type.kind != TypeKind::date && !is_any(when.type)) {
          diags_.error("K204", when.span,
                       fmt::format("`at_or_before` needs a date, found {}", tname(when.type)));
          return error(e);
        }
        c.type = element;
        c.args.push_back(std::move(when));
        break;
      }
      case Op::within: {
        CExpr from = check(*e.args[1], Type::date());
        CExpr to = check(*e.args[2], Type::date());
        for (const CExpr* x : {&from, &to}) {
          if (x->type.kind != TypeKind::date && !is_any(x->type)) {
            diags_.error("K204", x->span,
                         fmt::format("`within` needs dates, found {}", tname(x->type)));
            return error(e);
          }
        }
        c.type = list_type;
        c.args.push_back(std::move(from));
        c.args.push_back(std::move(to));
        break;
      }
      default:
        throw std::logic_error("the operator table names a function the checker lacks: " + f);
    }
    return c;
  }

  // months_between(a, b) and its kin: two dates, no list.
  template <class Arity, class NoFilter>
  CExpr between(const ast::Expr& e, const OpInfo& info, Arity& arity, NoFilter& no_filter) {
    if (!arity() || !no_filter(0)) return error(e);
    CExpr a = check(*e.args[0], Type::date());
    CExpr b = check(*e.args[1], Type::date());
    for (const CExpr* x : {&a, &b}) {
      if (x->type.kind != TypeKind::date && !is_any(x->type)) {
        diags_.error("K204", x->span,
                     fmt::format("`{}` needs two dates, found {}", info.word, tname(x->type)));
        return error(e);
      }
    }
    CExpr c = make(e, info.op, Type::integer());
    c.args.push_back(std::move(a));
    c.args.push_back(std::move(b));
    return c;
  }
};

}  // namespace

bool assignable(const Type& wanted, const Type& actual) {
  if (wanted.kind == TypeKind::any || actual.kind == TypeKind::any) return true;
  if (wanted.is_list() && actual.is_list()) return assignable(*wanted.element, *actual.element);
  return wanted == actual;
}

CExpr check_expr(const ast::Expr& expr, const Symbols& symbols, Diagnostics& diags,
                 Dependencies& deps, const Type& expected) {
  ExprChecker checker(symbols, diags, deps);
  return checker.check(expr, expected);
}

CompiledTemplate check_template(const ast::Template& tpl, const Symbols& symbols,
                                Diagnostics& diags, Dependencies& deps) {
  CompiledTemplate out;
  out.span = tpl.span;
  for (const auto& part : tpl.parts) {
    CompiledTemplate::Part p;
    p.text = part.text;
    p.singular = part.singular;
    p.plural = part.plural;
    if (const ast::Expr* expr = part.expr.get()) {
      p.expr = check_expr(*expr, symbols, diags, deps);
      const Type& type = p.expr->type;
      if (!p.plural.empty() && type.kind != TypeKind::integer && type.kind != TypeKind::any) {
        diags.error("K229", expr->span,
                    fmt::format("`{{... | {} | {}}}` needs a number, and this is `{}`", p.singular,
                                p.plural, symbols.schema->type_name(type)),
                    "the words after `|` agree with a count, as in \"{count(family.children) | "
                    "kind | kinderen}\"");
      }
    }
    out.parts.push_back(std::move(p));
  }
  return out;
}

Type resolve_type(const ast::TypeRef& ref, const Schema& schema, Diagnostics& diags) {
  if (ref.is_list()) return Type::list_of(resolve_type(*ref.element, schema, diags));
  if (ref.name == "bool") return Type::boolean();
  if (ref.name == "int") return Type::integer();
  if (ref.name == "text") return Type::text();
  if (ref.name == "date") return Type::date();
  if (int e = schema.enum_index(ref.name); e >= 0) return Type::enumeration(e);
  if (int r = schema.record_index(ref.name); r >= 0) return Type::record(r);
  std::vector<std::string> names = {"bool", "int", "text", "date"};
  for (const auto& en : schema.enums) names.push_back(en.name);
  for (const auto& rec : schema.records) names.push_back(rec.name);
  std::string hint = closest_match(ref.name, names);
  diags.error("K210", ref.span, fmt::format("unknown type `{}`", ref.name),
              hint.empty() ? "types are `bool`, `int`, `text`, `date`, an enum or a record, or "
                             "`list of` one of these"
                           : fmt::format("did you mean `{}`?", hint));
  return Type::any();
}

}  // namespace koers::check
