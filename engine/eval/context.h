#pragma once
// The state of one evaluation: the case, parameters in force, define values computed so far, the
// decisions settled so far, and the elements of enclosing `where` filters.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "compile/program.h"
#include "eval/advice.h"
#include "eval/scalar.h"

namespace koers {

class EvalContext {
 public:
  EvalContext(const Program& program, const Record& root, std::vector<Value> params, Date as_of)
      : program_(program),
        root_(&root),
        own_params_(std::move(params)),
        params_(own_params_),
        as_of_(as_of),
        defines_(program.defines.size()),
        decisions_(program.decisions.size()),
        scalar_defines_(program.defines.size()),
        scalar_define_known_(program.defines.size()) {}
  // Parameters resolved once for many cases (they must outlive this context).
  EvalContext(const Program& program, const Record& root, const std::vector<Value>& params,
              Date as_of, bool /*shared_params*/)
      : program_(program),
        root_(&root),
        params_(params),
        as_of_(as_of),
        defines_(program.defines.size()),
        decisions_(program.decisions.size()),
        scalar_defines_(program.defines.size()),
        scalar_define_known_(program.defines.size()) {}

  Value eval(const CExpr& e);
  // The value of `e` without copying it when it is already stored (a case field, a define, a
  // parameter, a constant); otherwise evaluated into `scratch`. Valid while `scratch` and this
  // context live: the hot path of comparisons and arithmetic.
  const Value& ref(const CExpr& e, Value& scratch);
  std::string render(const CompiledTemplate& t);
  // The same value as `eval`, as a Scalar: no allocation for conditions and numbers over case
  // fields, defines and parameters (eval_scalar.cpp). Falls back to `eval` for anything else.
  Scalar scalar(const CExpr& e);
  static Scalar to_scalar(const Value& v) {
    using K = Scalar::Kind;
    switch (v.v.index()) {  // the order of Value's alternatives
      case 0:
        return {};
      case 1:
        return {K::none, 0};
      case 2:
        return Scalar::of_bool(*std::get_if<bool>(&v.v));
      case 3:
        return {K::integer, *std::get_if<int64_t>(&v.v)};
      case 5:
        return {K::date, std::get_if<Date>(&v.v)->days};
      case 6:
        return {K::enumeration, std::get_if<EnumValue>(&v.v)->index};
      default:
        return {K::other, 0};
    }
  }
  // Starts over for another case with the same program, parameters and date.
  void reset(const Record& root) {
    root_ = &root;
    for (auto& d : defines_) d.reset();
    for (auto& d : scalar_defines_) d.kind = Scalar::Kind::missing;
    std::fill(scalar_define_known_.begin(), scalar_define_known_.end(), false);
    std::fill(decisions_.begin(), decisions_.end(), nullptr);
  }

  void set_decision(int index, const DecisionResult& result) {
    decisions_[static_cast<size_t>(index)] = &result;
  }
  const Program& program() const { return program_; }
  const Record& root() const { return *root_; }
  const std::vector<Value>& params() const { return params_; }
  Date as_of() const { return as_of_; }

 private:
  const Program& program_;
  const Record* root_;
  std::vector<Value> own_params_;
  const std::vector<Value>& params_;
  Date as_of_;
  std::vector<std::optional<Value>> defines_;
  std::vector<const DecisionResult*> decisions_;
  std::vector<const Value*> elements_;
  std::vector<Scalar> scalar_defines_;     // defines computed by `scalar`,
  std::vector<bool> scalar_define_known_;  // and which of them are

  const Value* peek(const CExpr& e) const;
  Scalar scalar_compare(const CExpr& e);
  Scalar scalar_min_max(const CExpr& e);

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
