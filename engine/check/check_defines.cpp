// Pass 3: define bodies are checked against their declared types; a define that depends on itself,
// directly or through others, is an error that shows the path (`a -> b -> a`).
#include <fmt/format.h>

#include <functional>

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

  // Cycles: depth-first, in name order, reporting each cycle once.
  enum class Mark { none, active, done };
  std::vector<Mark> marks(program.defines.size(), Mark::none);
  std::vector<int> stack;
  std::function<void(int)> visit = [&](int d) {
    marks[static_cast<size_t>(d)] = Mark::active;
    stack.push_back(d);
    for (int next : st.define_deps[static_cast<size_t>(d)].defines) {
      if (marks[static_cast<size_t>(next)] == Mark::active) {
        std::string path;
        auto from = std::find(stack.begin(), stack.end(), next);
        for (auto it = from; it != stack.end(); ++it)
          path += program.defines[static_cast<size_t>(*it)].name + " -> ";
        path += program.defines[static_cast<size_t>(next)].name;
        st.diags.error("K206", program.defines[static_cast<size_t>(next)].span,
                       fmt::format("define `{}` depends on itself: {}",
                                   program.defines[static_cast<size_t>(next)].name, path),
                       "a define may not use its own value, directly or through other defines");
      } else if (marks[static_cast<size_t>(next)] == Mark::none) {
        visit(next);
      }
    }
    stack.pop_back();
    marks[static_cast<size_t>(d)] = Mark::done;
  };
  for (size_t i = 0; i < program.defines.size(); ++i) {
    if (marks[i] == Mark::none) visit(static_cast<int>(i));
  }
}

}  // namespace koers::check
