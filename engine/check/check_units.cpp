// Pass 6: units. A parameter's `unit` is a dimension: words for months, days, years and weeks
// ("maanden", "mnd", "kalendermaanden", "dag", "jaren", "weken", or in English) are units of time;
// any other word ("gezinnen", "punten") counts things of that kind, singular or plural alike.
// `months_between`, `days_between` and `years_between` give a number of months, days or years, and
// a define has the unit of its value. Comparing, adding or subtracting two different units, or
// using a number of one unit as a period of another (`as_of - policy.max_age_days months`), is
// K226: an organisation that enters 62 days and has it read as 62 months gets advice that is
// wrong without any sign of it. Multiplying or dividing by a plain number converts (`* 30`,
// `/ 12`), so its result has no unit the checker holds it to. Case fields carry no unit.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "check/passes.h"
#include "compile/define_order.h"
#include "compile/program_walk.h"

namespace koers::check {
namespace {

constexpr std::string_view kMonths = "maanden";
constexpr std::string_view kDays = "dagen";
constexpr std::string_view kYears = "jaren";
constexpr std::string_view kWeeks = "weken";

bool is_time(std::string_view unit) {
  return unit == kMonths || unit == kDays || unit == kYears || unit == kWeeks;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The unit a `unit` text names, so that spellings of one unit compare equal; "" for none.
std::string unit_of(std::string_view written) {
  std::string u;
  for (char ch : written) {
    if (ch != ' ') u += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  if (u.empty()) return u;
  if (contains(u, "maand") || u == "mnd" || contains(u, "month")) return std::string(kMonths);
  if (contains(u, "week") || contains(u, "weken")) return std::string(kWeeks);
  if (contains(u, "jaar") || contains(u, "jaren") || contains(u, "year"))
    return std::string(kYears);
  if (u == "dag" || u == "dagen" || contains(u, "kalenderdag") || contains(u, "werkdag") ||
      u == "day" || u == "days") {
    return std::string(kDays);
  }
  // A counted thing: "punt" and "punten", "gezin" and "gezinnen", "interventie(s)" are one unit.
  if (u.size() > 3 && u.ends_with("en")) {
    u.resize(u.size() - 2);
    if (u.size() > 2 && u[u.size() - 1] == u[u.size() - 2]) u.pop_back();  // gezinn -> gezin
  } else if (u.size() > 2 && u.ends_with("s")) {
    u.pop_back();
  }
  return u;
}

// How a message names a unit: in English for time, as written for a counted thing.
std::string named(const std::string& unit) {
  if (unit == kMonths) return "a number of months";
  if (unit == kDays) return "a number of days";
  if (unit == kYears) return "a number of years";
  if (unit == kWeeks) return "a number of weeks";
  return "a count of \"" + unit + "\"";
}

std::string_view period_word(Op op) {
  return op_info(op).word;
}

std::string_view period_unit(Op op) {
  return op == Op::months ? kMonths : op == Op::days ? kDays : kYears;
}

bool is_period(Op op) {
  return op_info(op).family == OpFamily::period;
}

// The operators whose two operands' units must agree (or combine): comparisons, membership and
// arithmetic; not `and`/`or` (conditions have no unit) nor date arithmetic (a date and a period).
bool is_binary(Op op) {
  const OpInfo& info = op_info(op);
  return info.form == OpForm::infix &&
         (info.family == OpFamily::comparison || info.family == OpFamily::membership ||
          info.family == OpFamily::arithmetic);
}

class UnitChecker {
 public:
  explicit UnitChecker(CheckState& st)
      : program_(st.program), diags_(st.diags), define_units_(st.program.defines.size()) {
    for (const auto& p : program_.parameters) param_units_.push_back(unit_of(p.unit));
  }

  void check_program() {
    // Dependencies first, so a define's unit is known before any define that reads it.
    for (int index : defines_dependencies_first(program_)) {
      define_units_[static_cast<size_t>(index)] =
          unit(program_.defines[static_cast<size_t>(index)].value);
    }
    auto on_expr = [&](const CExpr& e) { unit(e); };
    auto on_text = [&](const CompiledTemplate& t) { text(t); };
    for (const auto& dec : program_.decisions) walk_decision(dec, on_expr, on_text);
    for (const auto& rule : program_.rules) walk_rule(rule, on_expr, on_text);
  }

 private:
  void text(const CompiledTemplate& t) {
    for (const auto& part : t.parts) {
      if (part.expr) unit(*part.expr);
    }
  }

  // How a message quotes an expression: its name, or the function it calls.
  std::string quoted(const CExpr& e) const {
    switch (e.op) {
      case Op::param:
        return e.slot >= 0 ? "`policy." + program_.parameters[static_cast<size_t>(e.slot)].id + "`"
                           : "this value";
      case Op::define:
        return e.slot >= 0 ? "`" + program_.defines[static_cast<size_t>(e.slot)].name + "`"
                           : "this value";
      case Op::months_between:
        return "`months_between(...)`";
      case Op::days_between:
        return "`days_between(...)`";
      case Op::years_between:
        return "`years_between(...)`";
      default:
        return e.text.empty() ? "this value" : "`" + e.text + "`";
    }
  }

  // The unit of a list's entries, when they all have the same one.
  std::string list_unit(const CExpr& list) {
    if (list.op != Op::list) return unit(list);
    std::string common;
    bool first = true;
    for (const auto& item : list.args) {
      std::string u = unit(item);
      if (first) common = u;
      if (u != common) common.clear();
      first = false;
    }
    return common;
  }

  void mismatch(const CExpr& where, const CExpr& a, const std::string& ua, const CExpr& b,
                const std::string& ub, std::string_view doing) {
    diags_.error("K226", where.span,
                 fmt::format("{} is {} and {} is {}: they cannot be {}", quoted(a), named(ua),
                             quoted(b), named(ub), doing),
                 hint_for(ua, ub));
  }

  std::string unit(const CExpr& e) {
    // An expression the checker already refused may lack its operands: it has no unit to check.
    if ((is_binary(e.op) && e.args.size() < 2) || (is_period(e.op) && e.args.empty()) ||
        (e.op == Op::neg && e.args.empty())) {
      return {};
    }
    switch (e.op) {
      case Op::param:
        return e.slot >= 0 && static_cast<size_t>(e.slot) < param_units_.size()
                   ? param_units_[static_cast<size_t>(e.slot)]
                   : std::string();
      case Op::define:
        return e.slot >= 0 && static_cast<size_t>(e.slot) < define_units_.size()
                   ? define_units_[static_cast<size_t>(e.slot)]
                   : std::string();
      case Op::months_between:
      case Op::days_between:
      case Op::years_between:
        for (const auto& arg : e.args) unit(arg);
        return std::string(e.op == Op::months_between ? kMonths
                           : e.op == Op::days_between ? kDays
                                                      : kYears);
      case Op::neg:
        return unit(e.args[0]);
      case Op::add:
      case Op::sub: {
        const std::string a = unit(e.args[0]);
        const std::string b = unit(e.args[1]);
        if (!a.empty() && !b.empty() && a != b) {
          mismatch(e, e.args[0], a, e.args[1], b, e.op == Op::add ? "added" : "subtracted");
        }
        return a.empty() ? b : a;
      }
      case Op::mul:
      case Op::div: {
        const std::string a = unit(e.args[0]);
        const std::string b = unit(e.args[1]);
        // By a plain number: a conversion (`* 30`, `/ 12`) or a scaling; the checker cannot
        // tell which, so the result is held to no unit.
        if (e.args[0].op == Op::constant || e.args[1].op == Op::constant) return {};
        if (e.op == Op::mul) return a.empty() ? b : b.empty() ? a : std::string();
        return b.empty() ? a : std::string();
      }
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        const std::string a = unit(e.args[0]);
        const std::string b = unit(e.args[1]);
        if (!a.empty() && !b.empty() && a != b) mismatch(e, e.args[0], a, e.args[1], b, "compared");
        return {};
      }
      case Op::in:
      case Op::not_in: {
        const std::string a = unit(e.args[0]);
        const CExpr& list = e.args[1];
        if (list.op == Op::list) {
          for (const auto& item : list.args) {
            const std::string b = unit(item);
            if (!a.empty() && !b.empty() && a != b) mismatch(e, e.args[0], a, item, b, "compared");
          }
        } else {
          unit(list);
        }
        return {};
      }
      case Op::months:
      case Op::days:
      case Op::years: {
        const std::string a = unit(e.args[0]);
        const std::string want(period_unit(e.op));
        if (!a.empty() && a != want) {
          const std::string_view word = period_word(e.op);
          std::string hint;
          if (a == kWeeks && e.op == Op::days) {
            hint = fmt::format("a week is 7 days: write `({} * 7) days`",
                               e.args[0].text.empty() ? "..." : e.args[0].text);
          } else if (is_time(a)) {
            hint =
                fmt::format("check the parameter's `unit`: if it holds {}, give it the unit \"{}\"",
                            word, want);
          } else {
            hint = "only a number of months, days or years can be a period of time";
          }
          diags_.error("K226", e.span,
                       fmt::format("{} is {}, but it is used as a number of {} (`{}`)",
                                   quoted(e.args[0]), named(a), word, word),
                       hint);
        }
        return {};
      }
      case Op::list:
        return list_unit(e);
      case Op::min:
      case Op::max:
      case Op::sum:
      case Op::item: {
        // The entries' unit: `max([a, b])` is in the unit of a and b.
        std::string u = e.args.empty() ? std::string() : list_unit(e.args[0]);
        for (size_t i = 1; i < e.args.size(); ++i) unit(e.args[i]);
        if (e.filter) unit(*e.filter);
        return u;
      }
      default:
        for (const auto& arg : e.args) unit(arg);
        if (e.filter) unit(*e.filter);
        return {};
    }
  }

  static std::string hint_for(const std::string& a, const std::string& b) {
    if (is_time(a) && is_time(b)) {
      return "convert one of them by a number (`* 30`, `/ 12`), or check the parameters' `unit`: "
             "months_between, days_between and years_between count in different units";
    }
    return "check the `unit` of the parameters involved";
  }

  const Program& program_;
  Diagnostics& diags_;
  std::vector<std::string> param_units_;
  std::vector<std::string> define_units_;
};

}  // namespace

void check_units(CheckState& state) {
  UnitChecker(state).check_program();
}

}  // namespace koers::check
