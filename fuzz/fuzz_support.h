#pragma once
// What the fuzz targets share: the shipped rules, policy and example cases, loaded once. Paths are
// relative to the source tree (KOERS_FUZZ_SOURCE_DIR, set by CMake); a failure to load them is a
// broken build, not a finding, so it aborts with a message.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "api/rule_set.h"
#include "data/case_loader.h"
#include "policy/policy.h"

namespace koers::fuzz {

inline std::string shipped_text(const std::string& relative) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(relative);
  if (it != cache.end()) return it->second;
  std::ifstream in(std::string(KOERS_FUZZ_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", relative.c_str());
    std::abort();
  }
  std::stringstream s;
  s << in.rdbuf();
  return cache.emplace(relative, s.str()).first->second;
}

struct Shipped {
  Program program;
  Policy policy;
  std::vector<Case> examples;
};

inline const Shipped& shipped() {
  static const Shipped loaded = [] {
    const std::string root = KOERS_FUZZ_SOURCE_DIR;
    Diagnostics diags;
    auto program = load_rule_set(root + "/rules", diags);
    if (!program) {
      std::fprintf(stderr, "fuzz: the shipped rules do not load:\n%s", render_all(diags).c_str());
      std::abort();
    }
    auto policy = load_policy_file(*program, root + "/policies/landelijk.yaml", diags);
    if (!policy) {
      std::fprintf(stderr, "fuzz: the shipped policy does not load\n");
      std::abort();
    }
    Shipped s{std::move(*program), std::move(*policy), {}};
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(root + "/examples")) {
      if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      Diagnostics d;
      if (auto c = load_case_file(s.program.schema, f, d); c && c->as_of) {
        s.examples.push_back(std::move(*c));
      }
    }
    return s;
  }();
  return loaded;
}

}  // namespace koers::fuzz
