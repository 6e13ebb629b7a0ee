// Fuzz target, differential: whatever the plain-YAML reader (engine/data/simple_yaml.h) accepts,
// libyaml must accept too, with exactly the same events (types, start marks, scalar values). The
// reader is Koers's own code on the hot path of every case file, so it is held to libyaml here.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/simple_yaml.h"
#include "tests/support/yaml_events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<koers::detail::SimpleEvent> events;
  if (!koers::detail::scan_simple_yaml(text, events)) return 0;  // left to libyaml: nothing to hold
  const auto expected = koers::testing::libyaml_events(text);
  if (!expected) {
    std::fprintf(stderr, "the plain reader took a text libyaml rejects\n");
    std::abort();
  }
  std::vector<std::string> got;
  for (const auto& e : events) {
    yaml_event_t converted{};
    koers::detail::to_libyaml_event(e, text, converted);
    got.push_back(koers::testing::describe(converted));
  }
  if (got != *expected) {
    std::fprintf(stderr, "the plain reader's events differ from libyaml's:\n");
    for (size_t i = 0; i < std::max(got.size(), expected->size()); ++i) {
      std::fprintf(stderr, "  %-40s | %s\n", i < got.size() ? got[i].c_str() : "-",
                   i < expected->size() ? (*expected)[i].c_str() : "-");
    }
    std::abort();
  }
  return 0;
}
