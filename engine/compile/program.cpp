#include "compile/program.h"

namespace koers {

int Program::decision_index(const std::string& name) const {
  for (size_t i = 0; i < decisions.size(); ++i) {
    if (decisions[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Program::parameter_index(const std::string& id) const {
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (parameters[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const SourceInfo* Program::source(const std::string& id) const {
  for (const auto& s : sources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace koers
