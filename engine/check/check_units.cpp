// Pass 6: units. A parameter's `unit` is a dimension: "maanden", "dagen" and "jaren" (also written
// in English or in the singular) are units of time, any other word ("gezinnen", "punten") counts
// things of that kind. `months_between`, `days_between` and `years_between` give a number of
// months, days or years, and a define has the dimension of its value. Comparing, adding or
// subtracting two different dimensions, or using a number of one unit as a duration of another
// (`as_of - policy.max_age_days months`), is K226: an organisation that enters 62 days and has it
// read as 62 months gets advice that is wrong without any sign of it.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/passes.h"

namespace koers::check {
namespace {

bool is_time(std::string_view dimension) {
  return dimension == "maanden" || dimension == "dagen" || dimension == "jaren";
}

// The dimension a `unit` text names; "" (none) for a parameter without a unit.
std::string dimension_of_unit(std::string_view unit) {
  std::string u;
  for (char ch : unit) {
    if (ch != ' ') u += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  if (u == "maand" || u == "maanden" || u == "month" || u == "months") return "maanden";
  if (u == "dag" || u == "dagen" || u == "day" || u == "days") return "dagen";
  if (u == "jaar" || u == "jaren" || u == "year" || u == "years") return "jaren";
  return u;
}

class UnitChecker {
 public:
  explicit UnitChecker(CheckState& st)
      : program_(st.program), diags_(st.diags), define_dims_(st.program.defines.size()) {
    for (const auto& p : program_.parameters) param_dims_.push_back(dimension_of_unit(p.unit));
  }

  void check_program() {
    for (size_t i = 0; i < program_.defines.size(); ++i) define_dimension(static_cast<int>(i));
    for (const auto& dec : program_.decisions) {
      if (dec.applies_when) dimension(*dec.applies_when);
      for (const auto& b : dec.not_applicable_because) because(b);
      for (const auto& req : dec.requirements) dimension(req.condition);
      if (dec.otherwise) dimension(*dec.otherwise);
      for (const auto& c : dec.conditions) dimension(c.when);
    }
    for (const auto& rule : program_.rules) {
      if (rule.when) dimension(*rule.when);
      for (const auto& u : rule.unless) dimension(u);
      for (const auto& b : rule.because) because(b);
      for (const auto& b : rule.against) because(b);
    }
  }

 private:
  void because(const CompiledBecause& b) {
    if (b.condition) dimension(*b.condition);
  }

  std::string define_dimension(int slot) {
    auto& known = define_dims_[static_cast<size_t>(slot)];
    if (!known) {
      known = std::string();  // a define cannot read itself (checked before), but be safe
      known = dimension(program_.defines[static_cast<size_t>(slot)].value);
    }
    return *known;
  }

  static std::string shown(const CExpr& e) { return e.text.empty() ? "this value" : e.text; }

  static std::string in(const std::string& dimension) {
    return is_time(dimension) ? "a number of " + dimension : "a number of " + dimension;
  }

  std::string dimension(const CExpr& e) {
    // An expression the checker already refused may lack its operands: it has no unit to check.
    const size_t operands = e.op == Op::months || e.op == Op::days || e.op == Op::years ? 1 : 2;
    const bool binary_or_period =
        e.op == Op::add || e.op == Op::sub || e.op == Op::mul || e.op == Op::div ||
        e.op == Op::eq || e.op == Op::ne || e.op == Op::lt || e.op == Op::le || e.op == Op::gt ||
        e.op == Op::ge || e.op == Op::months || e.op == Op::days || e.op == Op::years;
    if (binary_or_period && e.args.size() < operands) return {};
    switch (e.op) {
      case Op::param:
        return e.slot >= 0 && static_cast<size_t>(e.slot) < param_dims_.size()
                   ? param_dims_[static_cast<size_t>(e.slot)]
                   : std::string();
      case Op::define:
        return e.slot >= 0 ? define_dimension(e.slot) : std::string();
      case Op::months_between:
      case Op::days_between:
      case Op::years_between:
        for (const auto& arg : e.args) dimension(arg);
        return e.op == Op::months_between ? "maanden"
               : e.op == Op::days_between ? "dagen"
                                          : "jaren";
      case Op::add:
      case Op::sub: {
        const std::string a = dimension(e.args[0]);
        const std::string b = dimension(e.args[1]);
        if (!a.empty() && !b.empty() && a != b) {
          diags_.error(
              "K226", e.span,
              fmt::format("`{}` is {} and `{}` is {}: they cannot be {}", shown(e.args[0]), in(a),
                          shown(e.args[1]), in(b), e.op == Op::add ? "added" : "subtracted"),
              hint_for(a, b));
        }
        return a.empty() ? b : a;
      }
      case Op::mul: {
        const std::string a = dimension(e.args[0]);
        const std::string b = dimension(e.args[1]);
        return a.empty() ? b : b.empty() ? a : std::string();
      }
      case Op::div: {
        const std::string a = dimension(e.args[0]);
        const std::string b = dimension(e.args[1]);
        return b.empty() ? a : std::string();
      }
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        const std::string a = dimension(e.args[0]);
        const std::string b = dimension(e.args[1]);
        if (!a.empty() && !b.empty() && a != b) {
          diags_.error("K226", e.span,
                       fmt::format("`{}` is {}, but it is compared with `{}`, {}", shown(e.args[0]),
                                   in(a), shown(e.args[1]), in(b)),
                       hint_for(a, b));
        }
        return {};
      }
      case Op::months:
      case Op::days:
      case Op::years: {
        const std::string want = e.op == Op::months ? "maanden"
                                 : e.op == Op::days ? "dagen"
                                                    : "jaren";
        const std::string a = dimension(e.args[0]);
        if (!a.empty() && a != want) {
          const char* word = e.op == Op::months ? "months" : e.op == Op::days ? "days" : "years";
          diags_.error("K226", e.span,
                       fmt::format("`{}` is {}, but it is used as a number of {} (`{}`)",
                                   shown(e.args[0]), in(a), word, word),
                       is_time(a) ? fmt::format("write `{} {}`, or give the parameter the unit "
                                                "\"{}\" if that is what it holds",
                                                shown(e.args[0]),
                                                a == "maanden" ? "months"
                                                : a == "dagen" ? "days"
                                                               : "years",
                                                want)
                                  : std::string("only a number of months, days or years can be "
                                                "a period of time"));
        }
        return {};
      }
      default:
        for (const auto& arg : e.args) dimension(arg);
        if (e.filter) dimension(*e.filter);
        return {};
    }
  }

  static std::string hint_for(const std::string& a, const std::string& b) {
    if (is_time(a) && is_time(b)) {
      return "convert one of them, or check the parameter's `unit`: months_between, "
             "days_between and years_between count in different units";
    }
    return "check the `unit` of the parameters involved";
  }

  const Program& program_;
  Diagnostics& diags_;
  std::vector<std::string> param_dims_;
  std::vector<std::optional<std::string>> define_dims_;
};

}  // namespace

void check_units(CheckState& state) {
  UnitChecker(state).check_program();
}

}  // namespace koers::check
