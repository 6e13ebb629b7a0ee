// Fuzz target: a policy file, checked against the shipped rules' parameters; a policy that loads
// is used to advise an example case.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/case_loader.h"
#include "eval/evaluator.h"
#include "fuzz/fuzz_support.h"
#include "report/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& shipped = koers::fuzz::shipped();
  koers::Diagnostics diags(50);
  auto source = std::make_shared<koers::SourceFile>(
      "fuzz-policy.yaml", std::string(reinterpret_cast<const char*>(data), size));
  auto policy = koers::load_policy(shipped.program, source, diags);
  (void)koers::render_all(diags);
  if (!policy) return 0;
  for (const auto& c : shipped.examples) {
    koers::Advice advice = koers::evaluate(shipped.program, *policy, c, c.as_of.value());
    (void)koers::render_json(shipped.program, advice);
  }
  return 0;
}
