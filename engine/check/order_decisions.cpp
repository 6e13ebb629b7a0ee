// Pass 6: decisions may read other decisions (`decision.mpg`); they are evaluated dependencies
// first, and a cycle between decisions is an error with its path.
#include <fmt/format.h>

#include <functional>

#include "check/passes.h"

namespace koers::check {

void order_decisions(CheckState& st) {
  Program& program = st.program;
  const size_t n = program.decisions.size();
  // What each decision reads, through defines too: a worklist, not recursion, since a rule set may
  // chain thousands of defines.
  std::vector<std::set<int>> reads(n);
  for (size_t i = 0; i < n; ++i) {
    const Dependencies& d = st.decision_deps[i];
    reads[i] = d.decisions;
    std::set<int> seen;
    std::vector<int> todo(d.defines.begin(), d.defines.end());
    while (!todo.empty()) {
      const int define = todo.back();
      todo.pop_back();
      if (!seen.insert(define).second) continue;
      const Dependencies& via = st.define_deps[static_cast<size_t>(define)];
      reads[i].insert(via.decisions.begin(), via.decisions.end());
      todo.insert(todo.end(), via.defines.begin(), via.defines.end());
    }
  }
  enum class Mark { none, active, done };
  std::vector<Mark> marks(n, Mark::none);
  std::vector<int> stack;
  std::function<void(int)> visit = [&](int d) {
    marks[static_cast<size_t>(d)] = Mark::active;
    stack.push_back(d);
    for (int next : reads[static_cast<size_t>(d)]) {
      if (marks[static_cast<size_t>(next)] == Mark::active) {
        std::string path;
        auto from = std::find(stack.begin(), stack.end(), next);
        for (auto it = from; it != stack.end(); ++it)
          path += program.decisions[static_cast<size_t>(*it)].name + " -> ";
        path += program.decisions[static_cast<size_t>(next)].name;
        st.diags.error("K219", program.decisions[static_cast<size_t>(next)].span,
                       fmt::format("decision `{}` depends on itself: {}",
                                   program.decisions[static_cast<size_t>(next)].name, path));
      } else if (marks[static_cast<size_t>(next)] == Mark::none) {
        visit(next);
      }
    }
    stack.pop_back();
    marks[static_cast<size_t>(d)] = Mark::done;
    program.decision_order.push_back(d);
  };
  for (size_t i = 0; i < n; ++i) {
    if (marks[i] == Mark::none) visit(static_cast<int>(i));
  }
}

}  // namespace koers::check
