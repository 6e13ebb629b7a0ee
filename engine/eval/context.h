#pragma once
// The state of one evaluation: the case, parameters in force, define values computed so far, the
// decisions settled so far, and the elements of enclosing `where` filters.
#include <optional>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"

namespace koers {

class EvalContext {
 public:
  EvalContext(const Program& program, const Record& root, std::vector<Value> params, Date as_of)
      : program_(program),
        root_(root),
        params_(std::move(params)),
        as_of_(as_of),
        defines_(program.defines.size()),
        decisions_(program.decisions.size()) {}

  Value eval(const CExpr& e);
  std::string render(const CompiledTemplate& t);

  void set_decision(int index, const DecisionResult& result) {
    decisions_[static_cast<size_t>(index)] = &result;
  }
  const Program& program() const { return program_; }
  Date as_of() const { return as_of_; }

 private:
  const Program& program_;
  const Record& root_;
  std::vector<Value> params_;
  Date as_of_;
  std::vector<std::optional<Value>> defines_;
  std::vector<const DecisionResult*> decisions_;
  std::vector<const Value*> elements_;

  Value field_of(const Value& object, int slot, bool flatten);
  Value compare(const CExpr& e);
  Value arithmetic(const CExpr& e);
  Value membership(const CExpr& e);
  Value quantify(const CExpr& e);
  Value aggregate(const CExpr& e);
  Value series(const CExpr& e);
  // Applies a `where` filter; returns Missing when a filter result is unknown and `strict`.
  Value filtered(const CExpr& e, const Value& list);
};

}  // namespace koers
