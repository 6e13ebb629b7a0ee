#include "compile/define_order.h"

#include <algorithm>
#include <utility>

namespace koers {
namespace {

// Expressions nest only as deep as the parser allows (K109), so this recursion is bounded.
void collect_defines(const CExpr& e, std::vector<int>& out) {
  if (e.op == Op::define && e.slot >= 0 && std::find(out.begin(), out.end(), e.slot) == out.end()) {
    out.push_back(e.slot);
  }
  for (const auto& arg : e.args) collect_defines(arg, out);
  if (e.filter) collect_defines(*e.filter, out);
}

}  // namespace

std::vector<int> defines_read_directly(const CExpr& e) {
  std::vector<int> out;
  collect_defines(e, out);
  return out;
}

std::vector<int> defines_dependencies_first(const Program& program) {
  const size_t n = program.defines.size();
  std::vector<std::vector<int>> reads(n);
  for (size_t i = 0; i < n; ++i) reads[i] = defines_read_directly(program.defines[i].value);
  enum class Mark : unsigned char { unseen, open, done };
  std::vector<Mark> mark(n, Mark::unseen);
  std::vector<int> order;
  order.reserve(n);
  // Depth-first on an explicit stack: (define, how many of its reads are handled).
  std::vector<std::pair<int, size_t>> stack;
  for (size_t start = 0; start < n; ++start) {
    if (mark[start] != Mark::unseen) continue;
    stack.emplace_back(static_cast<int>(start), 0);
    mark[start] = Mark::open;
    while (!stack.empty()) {
      auto& [define, next] = stack.back();
      const auto& deps = reads[static_cast<size_t>(define)];
      if (next < deps.size()) {
        const int dep = deps[next++];
        if (dep >= 0 && static_cast<size_t>(dep) < n &&
            mark[static_cast<size_t>(dep)] == Mark::unseen) {
          mark[static_cast<size_t>(dep)] = Mark::open;
          stack.emplace_back(dep, 0);
        }
        continue;
      }
      mark[static_cast<size_t>(define)] = Mark::done;
      order.push_back(define);
      stack.pop_back();
    }
  }
  return order;
}

}  // namespace koers
