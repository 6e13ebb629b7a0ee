// Pass 3: define bodies are checked against their declared types; a define that depends on itself,
// directly or through others, is an error that shows the path (`a -> b -> a`).
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "check/passes.h"

namespace koers::check {

void check_defines(CheckState& st) {
  Program& program = st.program;
  for (size_t i = 0; i < program.defines.size(); ++i) {
    const ast::DefineDecl& decl = *st.define_decls[i];
    CompiledDefine& def = program.defines[i];
    if (!decl.value) continue;
    def.value = check_expr(*decl.value, st.symbols, st.diags, st.define_deps[i], def.type);
    if (!assignable(def.type, def.value.type)) {
      st.diags.error("K204", decl.value->span,
                     fmt::format("`{}` is declared {} but its value is {}", def.name,
                                 program.schema.type_name(def.type),
                                 program.schema.type_name(def.value.type)));
    }
  }

  // Cycles: depth-first, in name order, reporting each cycle once. On an explicit stack: a rule
  // set may chain thousands of defines, and the call stack must not follow such a chain.
  enum class Mark { none, active, done };
  std::vector<Mark> marks(program.defines.size(), Mark::none);
  struct Step {
    int define;
    std::set<int>::const_iterator next;  // the next of its dependencies to look at
  };
  std::vector<Step> steps;
  std::vector<int> path;  // the defines of `steps`, for the message
  auto enter = [&](int d) {
    marks[static_cast<size_t>(d)] = Mark::active;
    steps.push_back({d, st.define_deps[static_cast<size_t>(d)].defines.begin()});
    path.push_back(d);
  };
  for (size_t i = 0; i < program.defines.size(); ++i) {
    if (marks[i] != Mark::none) continue;
    enter(static_cast<int>(i));
    while (!steps.empty()) {
      Step& top = steps.back();
      const auto& deps = st.define_deps[static_cast<size_t>(top.define)].defines;
      if (top.next == deps.end()) {
        marks[static_cast<size_t>(top.define)] = Mark::done;
        steps.pop_back();
        path.pop_back();
        continue;
      }
      const int next = *top.next++;
      if (marks[static_cast<size_t>(next)] == Mark::active) {
        std::string shown;
        auto from = std::find(path.begin(), path.end(), next);
        for (auto it = from; it != path.end(); ++it)
          shown += program.defines[static_cast<size_t>(*it)].name + " -> ";
        shown += program.defines[static_cast<size_t>(next)].name;
        st.diags.error("K206", program.defines[static_cast<size_t>(next)].span,
                       fmt::format("define `{}` depends on itself: {}",
                                   program.defines[static_cast<size_t>(next)].name, shown),
                       "a define may not use its own value, directly or through other defines");
      } else if (marks[static_cast<size_t>(next)] == Mark::none) {
        enter(next);  // `top` may dangle after this; it is not used again in this round
      }
    }
  }
}

}  // namespace koers::check
