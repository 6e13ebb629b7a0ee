#pragma once
// Conditions compiled once more, into flat arrays of small nodes: a rule set of 10,000 rules then
// fits in the processor's cache, where the CExpr trees (a few hundred bytes per node, scattered
// over the heap) do not, and evaluation time stays linear in the number of rules. Nodes cover
// what conditions are made of (case fields, parameters, defines, decisions, logic, comparisons,
// arithmetic, count, item, min/max); any other expression is one `fallback` node that hands its
// CExpr to EvalContext::scalar, so the results are always those of `eval`.
#include <cstdint>
#include <vector>

#include "compile/program.h"
#include "eval/context.h"

namespace koers {

class ScalarCode {
 public:
  // Compiles the program's defines, rule conditions (`when`, `unless`) and decision conditions
  // (`applies when`, `require`). Keep `program` alive and in place.
  explicit ScalarCode(const Program& program);

  // Compiles `e`; returns the index of its root node.
  int32_t compile(const CExpr& e);
  int32_t define_root(size_t define) const { return define_roots_[define]; }
  int32_t when(size_t rule) const { return when_[rule]; }  // -1: no `when`
  const std::vector<int32_t>& unless(size_t rule) const { return unless_[rule]; }
  int32_t applies(size_t decision) const { return applies_[decision]; }  // -1: none
  const std::vector<int32_t>& requirements(size_t decision) const { return require_[decision]; }

  // 16 bytes, so that 10,000 rules' conditions fit in a core's L2 cache.
  struct Node {
    uint8_t op_code = 0;    // an Op, in one byte
    bool fallback = false;  // evaluated by EvalContext::scalar from sources_[node]
    int32_t slot = -1;      // field slot, parameter, define or decision index; constant index
    int32_t a = -1;         // first operand (node), or the first entry in `lists_`
    int32_t b = -1;         // second operand (node), or the number of entries in `lists_`
  };
  static_assert(sizeof(Node) <= 16);
  static Op op(const Node& n) { return static_cast<Op>(n.op_code); }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int32_t>& lists() const { return lists_; }
  const Scalar& constant(int32_t i) const { return constants_[static_cast<size_t>(i)]; }
  const CExpr& source(int32_t node) const { return *sources_[static_cast<size_t>(node)]; }

 private:
  int32_t add(const CExpr& e);
  bool locatable(const CExpr& e) const;

  std::vector<Node> nodes_;
  std::vector<int32_t> lists_;
  std::vector<Scalar> constants_;
  std::vector<const CExpr*> sources_;  // per node: for fallbacks and fields beyond a Missing
  std::vector<int32_t> define_roots_;
  std::vector<int32_t> when_;
  std::vector<std::vector<int32_t>> unless_;
  std::vector<int32_t> applies_;
  std::vector<std::vector<int32_t>> require_;
};

// Runs ScalarCode for one case. Reset per case; reads settled decisions through the context.
class ScalarRunner {
 public:
  ScalarRunner(const ScalarCode& code, const std::vector<Value>& params)
      : code_(code), nodes_(code.nodes().data()), params_(params) {}

  void reset(EvalContext& cx, const Record& root, size_t define_count,
             const std::vector<DecisionResult>& decisions, const std::vector<uint8_t>& settled) {
    cx_ = &cx;
    root_ = &root;
    decisions_ = &decisions;
    settled_ = &settled;
    defines_.assign(define_count, Scalar{});
    define_known_.assign(define_count, 0);
  }
  Scalar run(int32_t node);
  // Whether rule `index` holds (`when` and no `unless`), three-valued.
  Scalar rule_holds(size_t index);

 private:
  const Value* locate(int32_t node);

  const ScalarCode& code_;
  const ScalarCode::Node* nodes_;
  const std::vector<Value>& params_;
  EvalContext* cx_ = nullptr;
  const Record* root_ = nullptr;
  const std::vector<DecisionResult>* decisions_ = nullptr;
  const std::vector<uint8_t>* settled_ = nullptr;
  std::vector<Scalar> defines_;
  std::vector<uint8_t> define_known_;
};

}  // namespace koers
