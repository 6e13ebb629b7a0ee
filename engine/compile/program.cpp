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

const RecommendationInfo* Program::recommendation(const std::string& id) const {
  for (const auto& r : recommendations) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const RecommendationKind* Program::kind(const std::string& id) const {
  for (const auto& k : kinds) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

size_t Program::kind_rank(const std::string& id) const {
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].id == id) return i;
  }
  return kinds.size();
}

std::string Program::recommendation_label(const std::string& id) const {
  if (const RecommendationInfo* r = recommendation(id)) return r->label;
  std::string words = id;
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z')
    words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words;
}

}  // namespace koers
