// Fuzz target: POST /v1/case/read turns any text from the network into the JSON the page's form
// edits (engine/data/yaml_to_json.h). It must never crash, hang or grow without bound, and what it
// accepts must be one JSON object; what it refuses must say why, with a place in the text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "data/yaml_to_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const koers::YamlToJsonResult result = koers::yaml_to_json(text);
  if (result.json) {
    const auto parsed = nlohmann::json::parse(*result.json, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      std::fprintf(stderr, "accepted, but not one JSON object: %s\n", result.json->c_str());
      std::abort();
    }
  } else if (result.error.empty()) {
    std::fprintf(stderr, "refused without saying why\n");
    std::abort();
  }
  return 0;
}
